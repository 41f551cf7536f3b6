/**
 * Few-shot balanced subsets, the N_D training sets of BTM.
 *
 * @module
 */

import { rngFor } from "../random/mod.ts";
import { checkLabels, indicesByClass } from "./_sampler_setup.ts";

/** Options of {@linkcode fewShotSubsets}. */
export interface FewShotSubsetsOptions {
  /** N_D, the number of subsets (a positive integer; BTM fine-tunes one model per subset). */
  subsets: number;
  /**
   * N_C, images per class in each subset (a positive integer). A class with
   * fewer images contributes all it has, so the subset is only as balanced
   * as the tail allows.
   */
  perClass: number;
  /** Run seed; subset i draws from `seedFor(seed, "few-shot", i)`. */
  seed: number;
}

/**
 * Draws N_D balanced subsets of N_C images per class from a long-tailed set.
 * Within a subset, each class's images are drawn without replacement; subsets
 * are drawn independently of each other, so they may overlap. Subset i
 * depends only on the seed and i, so it stays the same when N_D changes.
 *
 * @param labels class of each training image, non-negative integers.
 * @returns N_D Int32Arrays of indices into `labels`, each sorted ascending.
 *
 * @example
 * ```ts
 * import { fewShotSubsets } from "./few_shot_subsets.ts";
 * const labels = [0, 0, 0, 0, 0, 1, 1, 2];
 * const [s] = fewShotSubsets(labels, { subsets: 1, perClass: 2, seed: 0 });
 * if (s.length !== 5) throw new Error("2 + 2 + 1 images expected");
 * ```
 */
export function fewShotSubsets(
  labels: ArrayLike<number>,
  options: FewShotSubsetsOptions,
): Int32Array[] {
  const what = "few-shot subsets";
  const { subsets, perClass, seed } = options ?? {};
  if (!Number.isInteger(subsets) || subsets < 1) {
    throw new RangeError(`Cannot draw ${subsets} ${what}: the count must be a positive integer`);
  }
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new RangeError(
      `Cannot draw ${what} of ${perClass} images per class: it must be a positive integer`,
    );
  }
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new RangeError(`Cannot draw ${what} with seed ${seed}: it must be finite`);
  }
  const checked = checkLabels(what, labels);
  const byClass = indicesByClass(checked.labels, checked.numClasses);
  const out: Int32Array[] = [];
  for (let i = 0; i < subsets; i++) {
    const rng = rngFor(seed, "few-shot", i);
    const picked: number[] = [];
    for (const members of byClass) {
      // partial Fisher–Yates: the first `take` entries become a uniform draw without replacement
      const pool = members.slice();
      const take = Math.min(perClass, pool.length);
      for (let j = 0; j < take; j++) {
        const k = j + rng.int(pool.length - j);
        const t = pool[j];
        pool[j] = pool[k];
        pool[k] = t;
        picked.push(pool[j]);
      }
    }
    out.push(Int32Array.from(picked).sort());
  }
  return out;
}

/**
 * Sorted, duplicate-free union of subsets: the images that BTM's N_D models
 * saw between them (Observation 3 compares against training on this union).
 *
 * @example
 * ```ts
 * import { unionOfSubsets } from "./few_shot_subsets.ts";
 * const u = unionOfSubsets([Int32Array.of(3, 1), Int32Array.of(1, 7)]);
 * if (u.join() !== "1,3,7") throw new Error("wrong union");
 * ```
 */
export function unionOfSubsets(subsets: ArrayLike<number>[]): Int32Array {
  if (!Array.isArray(subsets)) {
    throw new TypeError(`Cannot take the union of ${subsets}: expected an array of subsets`);
  }
  const seen = new Set<number>();
  subsets.forEach((subset, s) => {
    for (let j = 0; j < subset.length; j++) {
      const i = subset[j];
      if (!Number.isInteger(i) || i < 0) {
        throw new RangeError(
          `Cannot take the union of subsets: index ${i} at position ${j} of subset ${s} is not a non-negative integer`,
        );
      }
      seen.add(i);
    }
  });
  return Int32Array.from(seen).sort();
}
