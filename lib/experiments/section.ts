/**
 * The frame every pipeline and paper section runs in, written once:
 * resolve the config → check the output folder → load the benchmark → run
 * the timed body → add the common header → write the results JSON
 * atomically → dispose every model the body handed to the frame.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "@std/path";
import { loadBenchmark } from "../data/mod.ts";
import type { LongTailBenchmark } from "../data/types.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import {
  currentVersions,
  type ProgressCallback,
  type RunCache,
  type StageHistory,
  type StageRunOptions,
  type Versions,
} from "../train/mod.ts";
import { type ConfigOverrides, type ExperimentConfig, resolveConfig } from "./config.ts";

/** The options every pipeline and section takes (a section's own options extend these). */
export interface SectionOptions {
  /** Experiment preset (a name of `EXPERIMENT_PRESETS`); default `default`. */
  preset?: string;
  /**
   * Config overrides applied after the preset (and after a section's own
   * scaling), e.g. `{ seed: 1 }` or `parseSettings(["pretrain.lr=0.05"])`;
   * default none, so every section's stages are the pipelines' own and
   * shared through the cache.
   */
  overrides?: ConfigOverrides;
  /** Run cache; default `new RunCache()` (data/cache/runs/, shared by all); `false` trains afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal/notebook printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /**
   * Folder of the results JSON; default {@linkcode resultsDir}; `null` writes
   * nothing. Checked before any work: an empty path, a file, or a folder that
   * cannot be created or written is an error.
   */
  out?: string | null;
  /** Stem of the results file; default the section's (or pipeline's) name. */
  name?: string;
  /**
   * A label added to the results file name (`<name>-<preset>-<tag>-seed<seed>.json`),
   * e.g. `settingsTag(settings)`, so a run with overrides keeps the preset's
   * own results; default none.
   */
  tag?: string;
}

/** The benchmark a result was computed on. */
export interface SectionData {
  /** Preset name. */
  name: string;
  /** Number of classes. */
  numClasses: number;
  /** Training images per class. */
  trainCounts: number[];
  /** sha256 of each array of the benchmark (its manifest's). */
  sha256: Record<string, string>;
}

/** The common header of every results file. */
export interface SectionHeader {
  /** Experiment preset name. */
  preset: string;
  /** Run seed (also in `config`). */
  seed: number;
  /** The resolved config. */
  config: ExperimentConfig;
  /** tfjs backend. */
  backend: string;
  /** Versions of btm-lab, tfjs, Deno. */
  versions: Versions;
  /** The benchmark. */
  data: SectionData;
  /** ISO time the run started. */
  startedAt: string;
}

/** What {@linkcode runSection} returns (and writes): the header, the body's fields, timings. */
export type SectionResult<N extends string = string> = SectionHeader & {
  /** Section (or pipeline) name. */
  section: N;
  /** Warnings raised while it ran (e.g. a "balanced" subset that is the whole set); absent when none. */
  warnings?: string[];
  /** Wall-clock seconds: `data`, each step the body timed, `total`. */
  timings: Record<string, number>;
  /** Path of the JSON written, if any. */
  path?: string;
};

/** Facts about a stage that results keep. */
export interface StageFacts {
  /** Cache key of the stage. */
  key: string;
  /** Whether it was loaded from the cache. */
  fromCache: boolean;
  /** Epoch losses and throughput of the run that trained it. */
  history: StageHistory;
}

/** A model's metrics on a split (the test split unless said otherwise). */
export interface TestMetrics {
  /** Accuracy, G-mean, H-mean, lowest recall, many/medium/few. */
  summary: RecallSummary;
  /** Per-class recall, index = class. */
  recalls: number[];
}

/** Something the frame disposes when the section ends (a model). */
export interface Disposable {
  /** Releases its tensors. */
  dispose(): void;
}

/** What a section's body gets. */
export interface SectionContext {
  /** Section (or pipeline) name. */
  readonly section: string;
  /** Preset name. */
  readonly preset: string;
  /** The resolved config. */
  readonly config: ExperimentConfig;
  /** The loaded benchmark. */
  readonly bench: LongTailBenchmark;
  /** The run options every stage takes (cache, progress), as the caller gave them. */
  readonly run: StageRunOptions;
  /** Runs `work`, adding its wall-clock seconds to the timing `step`. */
  time<T>(step: string, work: () => Promise<T>): Promise<T>;
  /** Hands `value` to the frame, which disposes it when the section ends; returns it. */
  own<T extends Disposable>(value: T): T;
  /** Disposes an owned value now (memory: a loop of many models). */
  drop(value: Disposable): void;
  /** Prints a warning (once per message) and records it in the results. */
  warn(message: string): void;
}

/** Folder of results files when the environment names none: `reports/results/`. */
export const DEFAULT_RESULTS_DIR: string = decodeURIComponent(
  new URL("../../reports/results/", import.meta.url).pathname,
);

/**
 * Where results files go: `$BTM_RESULTS_DIR` (set by `deno task report`, so a
 * report and its data stay together), else {@linkcode DEFAULT_RESULTS_DIR}.
 */
export function resultsDir(): string {
  let fromEnv: string | undefined;
  try {
    fromEnv = Deno.env.get("BTM_RESULTS_DIR");
  } catch { /* no env permission: use the default */ }
  return fromEnv || DEFAULT_RESULTS_DIR;
}

/**
 * Checks that files can be written into the folder `dir`, creating it if
 * needed, and returns it without trailing slashes. An empty path (which must
 * never mean the filesystem or repository root), a path that is a file, and
 * a folder that cannot be created or written are errors naming the path.
 */
export async function checkOutDir(dir: string): Promise<string> {
  if (typeof dir !== "string" || dir.trim() === "") {
    throw new Error(`Cannot write to ${JSON.stringify(dir)}: give a folder`);
  }
  const path = dir.replace(/(.)\/+$/, "$1");
  const info = await Deno.stat(path).catch((e) => {
    if (e instanceof Deno.errors.NotFound) return null;
    throw new Error(`Cannot write to ${path}: ${(e as Error).message}`);
  });
  if (info !== null && !info.isDirectory) {
    throw new Error(`Cannot write to ${path}: it is a file, not a folder`);
  }
  try {
    await Deno.mkdir(path, { recursive: true });
    const probe = join(path, `.btm-write-check-${Deno.pid}.tmp`);
    await Deno.writeTextFile(probe, "");
    await Deno.remove(probe);
  } catch (e) {
    throw new Error(`Cannot write to ${path}: ${(e as Error).message}`);
  }
  return path;
}

/** Options of {@linkcode writeSectionResult}. */
export interface WriteSectionResultOptions {
  /** Folder of the file; default {@linkcode resultsDir} (`$BTM_RESULTS_DIR`, else `reports/results/`). */
  out?: string;
  /** Label between the preset and the seed in the file name; default none. */
  tag?: string;
}

const STEM = /^[a-z0-9][a-z0-9_.+-]*$/i;

function checkStems(name: string, tag: string | undefined): void {
  for (const [what, stem] of [["named", name], ["tagged", tag ?? "x"]]) {
    if (typeof stem !== "string" || !STEM.test(stem)) {
      throw new Error(
        `Cannot write results ${what} ${JSON.stringify(stem)}: use letters, digits, ., _, + or -`,
      );
    }
  }
}

/**
 * Writes `result` as `<out>/<name>-<preset>[-<tag>]-seed<seed>.json` (pretty
 * JSON, via a temporary file renamed into place, so a reader never sees half
 * a file) and returns the path: the one writer of results. The name and tag
 * must be plain file-name stems.
 *
 * @example
 * ```ts
 * import { writeSectionResult } from "./section.ts";
 * const out = await Deno.makeTempDir();
 * const path = await writeSectionResult("figure-3", { preset: "smoke", seed: 0, x: 1 }, { out });
 * if (!path.endsWith("/figure-3-smoke-seed0.json")) throw new Error(path);
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function writeSectionResult<T extends { preset: string; seed: number }>(
  name: string,
  result: T,
  options: WriteSectionResultOptions = {},
): Promise<string> {
  checkStems(name, options.tag);
  if (typeof result?.preset !== "string" || !Number.isInteger(result?.seed)) {
    throw new Error(
      `Cannot write results "${name}": the result needs a preset name and an integer seed (got ${
        JSON.stringify({ preset: result?.preset, seed: result?.seed })
      })`,
    );
  }
  const dir = await checkOutDir(options.out ?? resultsDir());
  const tag = options.tag ? `-${options.tag}` : "";
  const path = join(dir, `${name}-${result.preset}${tag}-seed${result.seed}.json`);
  const tmp = `${path}.${Deno.pid}.tmp`;
  await Deno.writeTextFile(tmp, JSON.stringify(result, null, 2) + "\n");
  await Deno.rename(tmp, path);
  return path;
}

/** The common header of a result, from its config and benchmark. */
function sectionHeader(
  preset: string,
  config: ExperimentConfig,
  bench: LongTailBenchmark,
  startedAt: string,
): SectionHeader {
  return {
    preset,
    seed: config.seed,
    config,
    backend: tf.getBackend(),
    versions: currentVersions(),
    data: {
      name: bench.name,
      numClasses: bench.numClasses,
      trainCounts: [...bench.trainCounts],
      sha256: bench.manifest.sha256,
    },
    startedAt,
  };
}

/**
 * Runs `body` in the frame: resolves the config (`preset`, then
 * `overrides`), checks the output folder, loads the benchmark (timed as
 * `data`), runs the body, and returns the header, the body's fields, the
 * warnings and the timings (`total` included), also written to
 * `<out>/<name>-<preset>-seed<seed>.json` unless `out` is null. Every model
 * the body handed to `ctx.own` is disposed at the end, also on failure.
 */
export async function runSection<N extends string, B extends object>(
  section: N,
  options: SectionOptions,
  body: (ctx: SectionContext) => Promise<B>,
): Promise<SectionResult<N> & B> {
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  if (options.out !== null) checkStems(options.name ?? section, options.tag);
  const out = options.out === null ? null : await checkOutDir(options.out ?? resultsDir());
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const timings: Record<string, number> = {};
  const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      timings[step] = (timings[step] ?? 0) + (performance.now() - t0) / 1000;
    }
  };
  const bench = await time("data", () => loadBenchmark(config.data));
  const owned = new Set<Disposable>();
  const warnings: string[] = [];
  const ctx: SectionContext = {
    section,
    preset,
    config,
    bench,
    run: { cache: options.cache, onProgress: options.onProgress },
    time,
    own: (value) => {
      owned.add(value);
      return value;
    },
    drop: (value) => {
      if (owned.delete(value)) value.dispose();
    },
    warn: (message) => {
      if (warnings.includes(message)) return;
      warnings.push(message);
      console.warn(`Warning: ${message}`);
    },
  };
  try {
    const output = await body(ctx);
    timings.total = (performance.now() - started) / 1000;
    const result = {
      section,
      ...sectionHeader(preset, config, bench, startedAt),
      ...output,
      ...(warnings.length > 0 ? { warnings } : {}),
      timings,
    } as SectionResult<N> & B;
    if (out !== null) {
      result.path = await writeSectionResult(options.name ?? section, result, {
        out,
        tag: options.tag,
      });
    }
    return result;
  } finally {
    for (const value of owned) value.dispose();
  }
}
