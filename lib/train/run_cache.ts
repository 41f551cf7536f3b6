/**
 * The run cache: finished stages stored as checkpoints under a key hashed
 * from their configuration and inputs, so a stage run twice (by two
 * notebooks, or after an interruption) is loaded instead of retrained.
 *
 * @module
 */
import {
  type Checkpoint,
  type CheckpointData,
  loadCheckpoint,
  saveCheckpoint,
} from "./checkpoint.ts";
import type { ModelConfig } from "../models/types.ts";
import { hashJson } from "./stable_hash.ts";

/** The default cache folder: `data/cache/runs/` at the repository root (git-ignored). */
export const RUNS_CACHE_DIR: string = decodeURIComponent(
  new URL("../../data/cache/runs/", import.meta.url).pathname,
);

/**
 * The folder a `new RunCache()` uses: `$BTM_RUNS_DIR` when set (a test or a
 * throw-away session that must not share the project's cache), else
 * {@linkcode RUNS_CACHE_DIR}.
 */
export function runsCacheDir(): string {
  let fromEnv: string | undefined;
  try {
    fromEnv = Deno.env.get("BTM_RUNS_DIR");
  } catch { /* no env permission: use the default */ }
  return fromEnv || RUNS_CACHE_DIR;
}

/** Options of {@linkcode RunCache}. */
export interface RunCacheOptions {
  /** Folder of the cached checkpoints; default {@linkcode runsCacheDir} (`$BTM_RUNS_DIR`, else {@linkcode RUNS_CACHE_DIR}). */
  dir?: string;
}

/**
 * A folder of stage checkpoints keyed by content. Keys look like
 * `pretrain-3fa2…` (stage name and the first 20 hex digits of the sha256 of the
 * canonical JSON of the stage's configuration and input hashes).
 *
 * @example
 * ```ts
 * import { RunCache } from "./run_cache.ts";
 * const cache = new RunCache({ dir: await Deno.makeTempDir() });
 * const key = await cache.key("pretrain", { epochs: 1 });
 * if (!key.startsWith("pretrain-") || await cache.has(key)) throw new Error("bad key");
 * ```
 */
export class RunCache {
  /** Folder of the cached checkpoints. */
  readonly dir: string;

  /** @param options the folder. */
  constructor(options: RunCacheOptions = {}) {
    this.dir = (options.dir ?? runsCacheDir()).replace(/\/+$/, "");
  }

  /** The key of a stage run: its name and the hash of everything that determines its result. */
  async key(stage: string, inputs: unknown): Promise<string> {
    if (!/^[a-z0-9][a-z0-9_.-]*$/i.test(stage)) {
      throw new Error(
        `Cannot make a cache key for stage "${stage}": use letters, digits, ., _ or -`,
      );
    }
    return `${stage}-${(await hashJson({ stage, inputs })).slice(0, 20)}`;
  }

  /** File of a finished run. */
  path(key: string): string {
    return `${this.dir}/${key}.ckpt`;
  }

  /** File of an unfinished run's last completed epoch. */
  epochPath(key: string): string {
    return `${this.dir}/${key}.epoch.ckpt`;
  }

  /** Whether a finished run is stored under `key`. */
  async has(key: string): Promise<boolean> {
    try {
      await Deno.stat(this.path(key));
      return true;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return false;
      throw e;
    }
  }

  /**
   * The finished run under `key`, verified: its sha256, and that the checkpoint records this
   * very key (a valid checkpoint of another run copied or renamed into place is refused, naming
   * the file to delete). Undefined if there is none.
   */
  async load(key: string, expect?: Partial<ModelConfig>): Promise<Checkpoint | undefined> {
    if (!(await this.has(key))) return undefined;
    const path = this.path(key);
    const ckpt = await loadCheckpoint(path, { expect });
    if (ckpt.meta.key !== key) {
      const stage = ckpt.meta.stage ? ` (stage ${ckpt.meta.stage})` : "";
      throw new Error(
        `Cannot use the cached run ${path}: the checkpoint records the key ${
          JSON.stringify(ckpt.meta.key ?? null)
        }${stage}, not "${key}", so it was copied or renamed from another run; delete it to retrain`,
      );
    }
    return ckpt;
  }

  /** Stores a finished run and removes its epoch checkpoint. Returns the content sha256. */
  async save(key: string, data: CheckpointData): Promise<string> {
    const hash = await saveCheckpoint(this.path(key), { ...data, meta: { ...data.meta, key } });
    await Deno.remove(this.epochPath(key)).catch(() => {});
    return hash;
  }
}
