/**
 * Per-class recall of several models with classes sorted by training count,
 * and the mean recall of the head and the tail (BTM Figure 3).
 *
 * @module
 */

/** Options of {@linkcode recallByTrainCount}. */
export interface RecallByTrainCountOptions {
  /**
   * Share of the classes, those with the fewest training images, that make
   * the tail; default 0.2 (the fifth of the classes with the fewest images).
   * The tail is ceil(share · C) classes, at least 1. The head is as many
   * classes from the other end.
   */
  tailFraction?: number;
}

/** What {@linkcode recallByTrainCount} returns; every array is in sorted class order. */
export interface RecallByTrainCount {
  /** Class indices, most training images first (ties: lower index first). */
  order: number[];
  /** Training images of each class, in that order. */
  counts: number[];
  /** Each model's per-class recall, in that order. */
  recalls: Record<string, number[]>;
  /** The tail (the last `size` classes of `order`): its classes and each model's mean recall there. */
  tail: { size: number; classes: number[]; meanRecall: Record<string, number> };
  /** The head (the first `size` classes of `order`), likewise. */
  head: { size: number; classes: number[]; meanRecall: Record<string, number> };
}

/**
 * Sorts classes by training count (descending) and reorders each model's
 * recalls the same way; adds each model's mean recall on the tail (the
 * `tailFraction` of classes with the fewest training images) and on the head.
 *
 * @param models per-class recall of each model, by name, index = class.
 * @param trainCounts training images per class.
 *
 * @example
 * ```ts
 * import { recallByTrainCount } from "./recall_by_train_count.ts";
 * const r = recallByTrainCount({ ce: [0.9, 0.1, 0.5] }, [10, 1, 5], { tailFraction: 0.3 });
 * if (r.order.join() !== "0,2,1" || r.tail.meanRecall.ce !== 0.1) throw new Error();
 * ```
 */
export function recallByTrainCount(
  models: Record<string, ArrayLike<number>>,
  trainCounts: ArrayLike<number>,
  options: RecallByTrainCountOptions = {},
): RecallByTrainCount {
  const n = trainCounts?.length ?? 0;
  if (n === 0) throw new RangeError("Cannot sort classes by training count: no train counts given");
  for (let i = 0; i < n; i++) {
    const c = trainCounts[i];
    if (!Number.isInteger(c) || c < 0) {
      throw new RangeError(
        `Cannot sort classes by training count: count ${c} of class ${i} is not a non-negative integer`,
      );
    }
  }
  const share = options.tailFraction ?? 0.2;
  if (typeof share !== "number" || !(share > 0 && share <= 1)) {
    throw new RangeError(`Cannot take a tail of ${share} of the classes: it must be in (0, 1]`);
  }
  const names = Object.keys(models);
  if (names.length === 0) throw new RangeError("Cannot compare recalls: no models given");
  for (const name of names) {
    const r = models[name];
    if (r?.length !== n) {
      throw new RangeError(
        `Cannot compare recalls of "${name}": it has ${r?.length} classes but there are ${n} train counts`,
      );
    }
    for (let i = 0; i < n; i++) {
      if (typeof r[i] !== "number" || !(r[i] >= 0 && r[i] <= 1)) {
        throw new RangeError(
          `Cannot compare recalls of "${name}": recall ${r[i]} of class ${i} is not in [0, 1]`,
        );
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => trainCounts[b] - trainCounts[a] || a - b);
  const size = Math.max(1, Math.ceil(share * n));
  const tailClasses = order.slice(n - size);
  const headClasses = order.slice(0, size);
  const mean = (r: ArrayLike<number>, classes: number[]) =>
    classes.reduce((s, c) => s + r[c], 0) / classes.length;
  const recalls: Record<string, number[]> = {};
  const tailMean: Record<string, number> = {};
  const headMean: Record<string, number> = {};
  for (const name of names) {
    const r = models[name];
    recalls[name] = order.map((c) => r[c]);
    tailMean[name] = mean(r, tailClasses);
    headMean[name] = mean(r, headClasses);
  }
  return {
    order,
    counts: order.map((c) => trainCounts[c]),
    recalls,
    tail: { size, classes: tailClasses, meanRecall: tailMean },
    head: { size, classes: headClasses, meanRecall: headMean },
  };
}
