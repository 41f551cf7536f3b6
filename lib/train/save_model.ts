/**
 * Models to and from checkpoint files, and the content hash of a model that
 * keys the stages trained from it.
 *
 * @module
 */
import type { Model, ModelConfig } from "../models/types.ts";
import { buildModel, getNamedWeights, setNamedWeights } from "../models/mod.ts";
import {
  type Checkpoint,
  type CheckpointMeta,
  loadCheckpoint,
  saveCheckpoint,
} from "./checkpoint.ts";
import { sha256Hex } from "../data/sha256_hex.ts";
import { canonicalJson } from "./stable_hash.ts";

/** Saves a model (every variable, buffers included) with its config and metadata; returns the sha256. */
export function saveModel(path: string, model: Model, meta: CheckpointMeta = {}): Promise<string> {
  return saveCheckpoint(path, { modelConfig: model.config, weights: getNamedWeights(model), meta });
}

/** Options of {@linkcode loadModel}. */
export interface LoadModelOptions {
  /** Refuse a checkpoint whose architecture differs in any given field (see `checkArchitecture`). */
  expect?: Partial<ModelConfig>;
}

/** Loads a checkpoint file into a new model of the saved architecture. The caller disposes it. */
export async function loadModel(
  path: string,
  options: LoadModelOptions = {},
): Promise<{ model: Model; checkpoint: Checkpoint }> {
  const checkpoint = await loadCheckpoint(path, { expect: options.expect });
  return { model: modelFromCheckpoint(checkpoint), checkpoint };
}

/** Builds the checkpoint's architecture and writes its weights into it. The caller disposes it. */
export function modelFromCheckpoint(
  checkpoint: Pick<Checkpoint, "modelConfig" | "weights">,
): Model {
  const c = checkpoint.modelConfig;
  const model = buildModel(c.arch, {
    numClasses: c.numClasses,
    inputShape: c.inputShape,
    widths: c.widths,
    seed: c.seed,
  });
  try {
    setNamedWeights(model, checkpoint.weights);
  } catch (e) {
    model.dispose();
    throw new Error(
      `Cannot load a ${c.arch} checkpoint into its architecture: ${(e as Error).message}`,
    );
  }
  return model;
}

/**
 * sha256 (hex) of a model's config and every variable's name, shape and
 * values, in name order: two models hash equal exactly when they compute the
 * same function.
 */
export function modelHash(model: Model): Promise<string> {
  const weights = getNamedWeights(model);
  const names = [...weights.keys()].sort();
  const header = new TextEncoder().encode(
    canonicalJson({ config: model.config, tensors: names.map((n) => [n, weights.get(n)!.shape]) }),
  );
  let total = header.length;
  for (const n of names) total += weights.get(n)!.values.byteLength;
  const bytes = new Uint8Array(total);
  bytes.set(header, 0);
  let offset = header.length;
  for (const n of names) {
    const v = weights.get(n)!.values;
    bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), offset);
    offset += v.byteLength;
  }
  return sha256Hex(bytes);
}
