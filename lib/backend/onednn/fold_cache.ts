/**
 * The batch-norm fold of an evaluation-mode convolution and the cache that
 * keeps it (see folded_conv.ts for how it is used).
 *
 * Folding: scale = γ·rsqrt(σ² + ε), filter′ = filter·scale (per output
 * channel), bias′ = β − μ·scale, each step rounded to float32 exactly as the
 * tfjs ops `mul(gamma, rsqrt(add(variance, ε)))`, `mul(filter, scale)` and
 * `sub(beta, mul(mean, scale))` round it.
 *
 * The cache: tfjs tensors never change their bytes (a variable that is
 * assigned gets a new data id), so a fold made from the data ids of filter,
 * γ, β, μ and σ² stays valid while those ids do. Entries are keyed by the
 * filter's data id, dropped when it is disposed (the backend's `disposeData`
 * calls {@linkcode FoldCache.drop}), replaced when any of the other four ids
 * differs, bounded ({@linkcode FOLD_CACHE_CAPACITY}, least recently used
 * out), and live on the wasm heap as backend-owned buffers (not tfjs
 * tensors: `tf.memory()` does not count them).
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import { type HeapBackend, heapViews } from "../_heap_backend.ts";

/**
 * The part of the wasm backend the cache uses: new heap buffers and freeing
 * them (views are taken with `heapViews`, as every heap kernel does).
 */
export interface FoldBackend extends Pick<HeapBackend, "makeOutput"> {
  /** Frees a buffer. */
  disposeData(dataId: object, force?: boolean): boolean;
}

/** Folded filters kept at most (a ResNet-50 has 53 convolutions). */
export const FOLD_CACHE_CAPACITY = 512;

/** The inputs of one folded convolution. */
export interface FoldedConvInputs {
  /** [B, H, W, I] activations. */
  x: tf.TensorInfo;
  /** [KH, KW, I, O] convolution filter (HWIO). */
  filter: tf.TensorInfo;
  /** [O] batch-norm scale γ. */
  gamma: tf.TensorInfo;
  /** [O] batch-norm shift β. */
  beta: tf.TensorInfo;
  /** [O] running mean μ. */
  mean: tf.TensorInfo;
  /** [O] running variance σ². */
  variance: tf.TensorInfo;
  /** [B, OH, OW, O], added to the result before the ReLU (a ResNet block's shortcut); optional. */
  residual?: tf.TensorInfo;
}

/** One folded filter and bias, per convolution geometry it was packed for. */
export interface FoldEntry {
  /** Data ids of γ, β, μ, σ² the fold was made from. */
  deps: readonly object[];
  epsilon: number;
  /** [O] γ·rsqrt(σ² + ε), the per-channel factor of the filter. */
  scale: Float32Array;
  /** [O] folded bias on the heap. */
  bias: tf.TensorInfo;
  /** Folded filter in oneDNN's chosen layout, by plan key. */
  packed: Map<string, tf.TensorInfo>;
}

/** Folded filters by the filter's data id (see the module text). */
export class FoldCache {
  readonly #entries = new Map<object, FoldEntry>();
  readonly #capacity: number;
  /** Folds computed since the cache was made (for tests). */
  folds = 0;
  /** Filters packed since the cache was made (for tests). */
  packs = 0;

  constructor(capacity = FOLD_CACHE_CAPACITY) {
    this.#capacity = capacity;
  }

  /** Entries held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Frees the entry of filter data id `dataId`, if any. */
  drop(backend: FoldBackend, dataId: object): void {
    const e = this.#entries.get(dataId);
    if (e === undefined) return;
    this.#entries.delete(dataId);
    freeEntry(backend, e);
  }

  /** Frees every entry (`backend` alive) or forgets them (`backend` undefined: its heap is gone). */
  clear(backend?: FoldBackend): void {
    if (backend !== undefined) { for (const e of this.#entries.values()) freeEntry(backend, e); }
    this.#entries.clear();
  }

  /** The valid entry for `inputs` (refreshed as most recent), folding anew on a miss. */
  entry(backend: FoldBackend, inputs: FoldedConvInputs, epsilon: number): FoldEntry {
    const key = inputs.filter.dataId;
    const deps = [inputs.gamma, inputs.beta, inputs.mean, inputs.variance].map((t) => t.dataId);
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      if (hit.epsilon === epsilon && hit.deps.every((d, i) => d === deps[i])) {
        this.#entries.set(key, hit);
        return hit;
      }
      freeEntry(backend, hit);
    }
    const [gamma, variance] = heapViews(backend, [inputs.gamma, inputs.variance]);
    const scale = foldScale(gamma, variance, epsilon);
    const e: FoldEntry = {
      deps,
      epsilon,
      scale,
      bias: foldBias(backend, inputs, scale),
      packed: new Map(),
    };
    this.folds++;
    this.#entries.set(key, e);
    if (this.#entries.size > this.#capacity) {
      const [oldKey, old] = this.#entries.entries().next().value!;
      this.#entries.delete(oldKey);
      freeEntry(backend, old);
    }
    return e;
  }
}

function freeEntry(backend: FoldBackend, e: FoldEntry): void {
  backend.disposeData(e.bias.dataId, true);
  for (const t of e.packed.values()) backend.disposeData(t.dataId, true);
  e.packed.clear();
}

/** scale[o] = γ·rsqrt(σ² + ε), rounded as the tfjs ops round it. */
function foldScale(gamma: Float32Array, variance: Float32Array, epsilon: number): Float32Array {
  const eps = Math.fround(epsilon);
  const scale = new Float32Array(gamma.length);
  for (let o = 0; o < gamma.length; o++) {
    const rsqrt = Math.fround(1 / Math.fround(Math.sqrt(Math.fround(variance[o] + eps))));
    scale[o] = Math.fround(gamma[o] * rsqrt);
  }
  return scale;
}

function foldBias(backend: FoldBackend, i: FoldedConvInputs, scale: Float32Array): tf.TensorInfo {
  const bias = backend.makeOutput([scale.length], "float32");
  const [b, beta, mean] = heapViews(backend, [bias, i.beta, i.mean]);
  for (let c = 0; c < scale.length; c++) {
    b[c] = Math.fround(beta[c] - Math.fround(mean[c] * scale[c]));
  }
  return bias;
}

/** filter′ = filter·scale (the entry's) in HWIO, into a new heap buffer. */
export function foldFilter(
  backend: FoldBackend,
  filter: tf.TensorInfo,
  entry: FoldEntry,
): tf.TensorInfo {
  const out = backend.makeOutput(filter.shape, "float32");
  const [w, f] = heapViews(backend, [out, filter]);
  const { scale } = entry;
  const o = scale.length;
  for (let k = 0; k < f.length; k += o) {
    for (let c = 0; c < o; c++) w[k + c] = Math.fround(f[k + c] * scale[c]);
  }
  return out;
}
