/**
 * Validation and plumbing shared by the samplers (internal).
 *
 * @module
 */

import type { Rng } from "../random/mod.ts";
import type { SamplerOptions } from "./types.ts";

/** Validated sampler inputs. */
export interface SamplerSetup {
  /** Sample indices of each class, in index order. */
  byClass: Int32Array[];
  batchSize: number;
  samplesPerEpoch: number;
  samplesPerClass: number;
  dropLast: boolean;
  batchesPerEpoch: number;
  seed: number;
}

/**
 * Checks `labels` (non-empty, integers in [0, C)) and returns the labels as
 * an Int32Array and C (`numClasses`, default largest label + 1).
 */
export function checkLabels(
  what: string,
  labels: ArrayLike<number>,
  numClasses?: number,
): { labels: Int32Array; numClasses: number } {
  if (labels === null || typeof labels !== "object" || typeof labels.length !== "number") {
    throw new TypeError(`Cannot build ${what} on ${labels}: expected an array of labels`);
  }
  if (labels.length === 0) throw new RangeError(`Cannot build ${what} on an empty label list`);
  if (numClasses !== undefined && (!Number.isInteger(numClasses) || numClasses < 1)) {
    throw new RangeError(`Cannot build ${what} for ${numClasses} classes: need a positive integer`);
  }
  const out = new Int32Array(labels.length);
  let max = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || (numClasses !== undefined && y >= numClasses)) {
      throw new RangeError(
        `Cannot build ${what}: label ${y} at index ${i} is not an integer in [0, ${
          numClasses ?? "∞"
        })`,
      );
    }
    out[i] = y;
    if (y > max) max = y;
  }
  return { labels: out, numClasses: numClasses ?? max + 1 };
}

/** Sample indices of each class 0..C-1, in index order. */
export function indicesByClass(labels: Int32Array, numClasses: number): Int32Array[] {
  const counts = new Int32Array(numClasses);
  for (const y of labels) counts[y]++;
  const byClass = Array.from({ length: numClasses }, (_, c) => new Int32Array(counts[c]));
  const fill = new Int32Array(numClasses);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]][fill[labels[i]]++] = i;
  return byClass;
}

function positiveInteger(what: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `Cannot build ${what} with ${name} ${value}: it must be a positive integer`,
    );
  }
  return value;
}

/** Validates the labels and options of sampler `name`. */
export function setUpSampler(
  name: string,
  labels: ArrayLike<number>,
  options: SamplerOptions,
): SamplerSetup {
  const what = `the "${name}" sampler`;
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Cannot build ${what} without options: batchSize and seed are required`);
  }
  const checked = checkLabels(what, labels, options.numClasses);
  const batchSize = positiveInteger(what, "batchSize", options.batchSize);
  if (typeof options.seed !== "number" || !Number.isFinite(options.seed)) {
    throw new RangeError(`Cannot build ${what} with seed ${options.seed}: it must be finite`);
  }
  const samplesPerEpoch = positiveInteger(
    what,
    "samplesPerEpoch",
    options.samplesPerEpoch ?? checked.labels.length,
  );
  const samplesPerClass = positiveInteger(what, "samplesPerClass", options.samplesPerClass ?? 1);
  const dropLast = options.dropLast ?? false;
  const batchesPerEpoch = dropLast
    ? Math.floor(samplesPerEpoch / batchSize)
    : Math.ceil(samplesPerEpoch / batchSize);
  if (batchesPerEpoch === 0) {
    throw new RangeError(
      `Cannot build ${what}: with dropLast, ${samplesPerEpoch} samples per epoch make no batch of ${batchSize}`,
    );
  }
  return {
    byClass: indicesByClass(checked.labels, checked.numClasses),
    batchSize,
    samplesPerEpoch,
    samplesPerClass,
    dropLast,
    batchesPerEpoch,
    seed: options.seed,
  };
}

/** Throws unless `epoch` is a non-negative integer. */
export function checkEpoch(name: string, epoch: number): void {
  if (!Number.isInteger(epoch) || epoch < 0) {
    throw new RangeError(
      `Cannot draw batches of epoch ${epoch} from the "${name}" sampler: it must be a non-negative integer`,
    );
  }
}

/** Cuts one epoch's index order into batches (a replayable iterable). */
export function toBatches(order: Int32Array, setup: SamplerSetup): Iterable<Int32Array> {
  const { batchSize, batchesPerEpoch } = setup;
  return {
    *[Symbol.iterator]() {
      for (let b = 0; b < batchesPerEpoch; b++) {
        yield order.slice(b * batchSize, Math.min((b + 1) * batchSize, order.length));
      }
    },
  };
}

/**
 * One epoch's order for a class-draw sampler: draw a class with probability
 * ∝ `weights[c]`, then take `samplesPerClass` consecutive samples from that
 * class's shuffled list, reshuffling the list each time it runs out.
 */
export function classDrawOrder(setup: SamplerSetup, weights: Float64Array, rng: Rng): Int32Array {
  const { byClass, samplesPerEpoch, samplesPerClass } = setup;
  const cumulative = new Float64Array(weights.length);
  let total = 0, last = -1;
  for (let c = 0; c < weights.length; c++) {
    if (weights[c] > 0) {
      total += weights[c];
      last = c;
    }
    cumulative[c] = total;
  }
  const lists = byClass.map((list) => rng.shuffle(list.slice()));
  const next = new Int32Array(byClass.length);
  const order = new Int32Array(samplesPerEpoch);
  let filled = 0;
  while (filled < samplesPerEpoch) {
    const c = Math.min(firstAbove(cumulative, rng.float() * total), last);
    const list = lists[c];
    for (let j = 0; j < samplesPerClass && filled < samplesPerEpoch; j++) {
      if (next[c] === list.length) {
        rng.shuffle(list);
        next[c] = 0;
      }
      order[filled++] = list[next[c]++];
    }
  }
  return order;
}

/** Smallest index i with cumulative[i] > x (binary search). */
function firstAbove(cumulative: Float64Array, x: number): number {
  let lo = 0, hi = cumulative.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
