/**
 * Checkpoint files: a model's name-keyed weights, its resolved configuration,
 * optional optimizer state, metrics and versions, in one file written
 * atomically and guarded by a sha256 of its content.
 *
 * Layout: `BTMCKPT1` · u32 (LE) header length · header JSON · float32 payload ·
 * 64 hex characters of sha256 over everything before them.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { NamedWeights } from "../merge/named_weights.ts";
import type { ModelConfig } from "../models/types.ts";
import { sha256Hex } from "../data/sha256_hex.ts";
import denoJson from "../../deno.json" with { type: "json" };
import { ONEDNN_BACKEND } from "../backend/onednn/names.ts";
import { onednnVersion } from "../backend/onednn/onednn_version.ts";

const MAGIC = "BTMCKPT1";
const HASH_LENGTH = 64;

/** Software versions recorded with every checkpoint and result. */
export interface Versions {
  /** btm-lab package version. */
  btmLab: string;
  /** tfjs version. */
  tfjs: string;
  /** Deno version. */
  deno: string;
  /** Active tfjs backend when the file was written. */
  backend: string;
  /** The oneDNN library's version, where the backend is `onednn`. */
  onednn?: string;
}

/** btm-lab's version, recorded in checkpoints and results: the `version` of deno.json. */
export const BTM_LAB_VERSION: string = denoJson.version;

/** The versions in use now. */
export function currentVersions(): Versions {
  return {
    btmLab: BTM_LAB_VERSION,
    tfjs: tf.version.tfjs,
    deno: Deno.version.deno,
    backend: tf.getBackend() ?? "none",
    ...(tf.getBackend() === ONEDNN_BACKEND ? { onednn: onednnVersion() } : {}),
  };
}

/** Facts stored with a checkpoint besides its tensors. */
export interface CheckpointMeta {
  /** Stage that produced it, e.g. `pretrain`. */
  stage?: string;
  /** The stage's resolved options (plain JSON). */
  config?: unknown;
  /** Metrics of the model (plain JSON), e.g. an evaluation summary. */
  metrics?: unknown;
  /** Cache key of the run that produced it. */
  key?: string;
  /** Epochs completed (epoch checkpoints); the run resumes at this epoch. */
  epoch?: number;
  /**
   * Mean training loss of each completed epoch (epoch checkpoints), so a resumed run's loss
   * history holds every epoch, not only those of the process that finished it.
   */
  epochLosses?: number[];
  /** Any further JSON the stage wants to keep (e.g. training history). */
  extra?: unknown;
  /** Filled in on save. */
  versions?: Versions;
  /** ISO time of saving; filled in on save. */
  savedAt?: string;
}

/** What a checkpoint holds. */
export interface CheckpointData {
  /** Architecture and size of the model the weights belong to. */
  modelConfig: ModelConfig;
  /** Every model variable by name, buffers included. */
  weights: NamedWeights;
  /** Optimizer state (SGD velocity) by variable name, for resuming. */
  optimizer?: NamedWeights;
  /** Stage, config, metrics, versions. */
  meta?: CheckpointMeta;
}

/** A loaded checkpoint, with the content hash that was verified. */
export interface Checkpoint extends CheckpointData {
  /** Metadata as saved (versions and time included). */
  meta: CheckpointMeta;
  /** sha256 (hex) of the file's content, verified on load. */
  sha256: string;
}

interface TensorEntry {
  name: string;
  group: "weights" | "optimizer";
  shape: number[];
  offset: number;
  length: number;
}

/**
 * Writes a checkpoint atomically: to `path + ".<pid>.tmp"` first, then renamed
 * over `path`, so a crash never leaves a half-written file under the real name.
 * Returns the content sha256.
 */
export async function saveCheckpoint(path: string, data: CheckpointData): Promise<string> {
  const entries: TensorEntry[] = [];
  let offset = 0;
  const groups: [TensorEntry["group"], NamedWeights | undefined][] = [
    ["weights", data.weights],
    ["optimizer", data.optimizer],
  ];
  for (const [group, map] of groups) {
    if (!map) continue;
    for (const [name, { shape, values }] of map) {
      const size = shape.reduce((a, b) => a * b, 1);
      if (size !== values.length) {
        throw new Error(
          `Cannot save "${name}": shape [${shape}] holds ${size} values but ${values.length} were given`,
        );
      }
      entries.push({ name, group, shape: [...shape], offset, length: values.length });
      offset += values.length;
    }
  }
  const meta: CheckpointMeta = {
    ...data.meta,
    versions: currentVersions(),
    savedAt: new Date().toISOString(),
  };
  const header = new TextEncoder().encode(
    JSON.stringify({ format: 1, modelConfig: data.modelConfig, meta, tensors: entries }),
  );
  const payload = new Float32Array(offset);
  for (const e of entries) {
    const map = e.group === "weights" ? data.weights : data.optimizer!;
    payload.set(map.get(e.name)!.values, e.offset);
  }
  const body = new Uint8Array(MAGIC.length + 4 + header.length + payload.byteLength);
  body.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(body.buffer).setUint32(MAGIC.length, header.length, true);
  body.set(header, MAGIC.length + 4);
  body.set(new Uint8Array(payload.buffer), MAGIC.length + 4 + header.length);
  const hash = await sha256Hex(body);
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
  await Deno.mkdir(dir, { recursive: true });
  const tmp = `${path}.${Deno.pid}.tmp`;
  const file = await Deno.open(tmp, { write: true, create: true, truncate: true });
  try {
    try {
      await writeAll(file, body);
      await writeAll(file, new TextEncoder().encode(hash));
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(tmp, path);
  } catch (e) {
    // A failed write (full disk…) leaves nothing behind; nothing ever reads a .tmp file.
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
  return hash;
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}

/** Options of {@linkcode loadCheckpoint}. */
export interface LoadCheckpointOptions {
  /**
   * Architecture the caller expects; when given, a checkpoint of another
   * architecture (arch, classes, input shape or widths) is refused with an
   * error naming both. Default: accept any.
   */
  expect?: Partial<ModelConfig>;
}

/**
 * Reads and verifies a checkpoint. A torn (truncated) or edited file fails
 * its sha256 check with an error that says so.
 */
export async function loadCheckpoint(
  path: string,
  options: LoadCheckpointOptions = {},
): Promise<Checkpoint> {
  const bytes = await Deno.readFile(path);
  const minLength = MAGIC.length + 4 + HASH_LENGTH;
  if (bytes.length < minLength || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error(`Cannot load checkpoint ${path}: it is not a btm-lab checkpoint (bad header)`);
  }
  const body = bytes.subarray(0, bytes.length - HASH_LENGTH);
  const tail = bytes.subarray(bytes.length - HASH_LENGTH);
  // A whole file ends with 64 lowercase hex digits; anything else is not a hash to print.
  if (!tail.every((b) => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66))) {
    throw new Error(
      `Cannot load checkpoint ${path}: it does not end with its sha256 (${bytes.length} bytes); ` +
        `the file is torn or was edited (truncated, or its end overwritten), delete it to retrain`,
    );
  }
  const stored = new TextDecoder().decode(tail);
  const actual = await sha256Hex(body);
  if (stored !== actual) {
    throw new Error(
      `Cannot load checkpoint ${path}: its sha256 is ${actual} but the file records ${stored}; ` +
        `the file is torn or was edited, delete it to retrain`,
    );
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  const headerStart = MAGIC.length + 4;
  if (headerStart + headerLength > body.length) {
    throw new Error(
      `Cannot load checkpoint ${path}: its header length ${headerLength} runs past the end; delete it to retrain`,
    );
  }
  let header: {
    format: number;
    modelConfig: ModelConfig;
    meta: CheckpointMeta;
    tensors: TensorEntry[];
  };
  try {
    header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength)),
    );
  } catch (e) {
    throw new Error(
      `Cannot load checkpoint ${path}: its header is not JSON (${
        (e as Error).message
      }); delete it to retrain`,
    );
  }
  if (header.format !== 1) {
    throw new Error(`Cannot load checkpoint ${path}: format ${header.format} is not supported`);
  }
  if (options.expect) checkArchitecture(header.modelConfig, options.expect, path);
  const payloadStart = headerStart + headerLength;
  // Copy so the payload is 4-byte aligned whatever the header length.
  const payload = new Float32Array(
    bytes.slice(payloadStart, bytes.length - HASH_LENGTH).buffer,
  );
  const weights: NamedWeights = new Map();
  const optimizer: NamedWeights = new Map();
  for (const e of header.tensors) {
    const values = payload.slice(e.offset, e.offset + e.length);
    (e.group === "weights" ? weights : optimizer).set(e.name, { shape: e.shape, values });
  }
  return {
    modelConfig: header.modelConfig,
    weights,
    optimizer: optimizer.size > 0 ? optimizer : undefined,
    meta: header.meta,
    sha256: actual,
  };
}

/** Throws when a checkpoint's architecture differs from the expected one in any given field. */
export function checkArchitecture(
  found: ModelConfig,
  expected: Partial<ModelConfig>,
  source = "checkpoint",
): void {
  const fields = ["arch", "numClasses", "inputShape", "widths"] as const;
  for (const field of fields) {
    if (expected[field] === undefined) continue;
    const a = JSON.stringify(found[field] ?? null);
    const b = JSON.stringify(expected[field]);
    if (a !== b) {
      throw new Error(
        `Cannot use ${source}: its model has ${field} ${a} but ${b} was expected ` +
          `(saved model: ${JSON.stringify(found)})`,
      );
    }
  }
}
