/**
 * Per-class image counts of long-tailed training sets.
 *
 * @module
 */

/** Shape of the long-tailed profile; see {@linkcode longTailCounts}. */
export type LongTailProfile = "exponential" | "pareto";

/** Options of {@linkcode longTailCounts}. */
export interface LongTailCountsOptions {
  /** Number of classes C (≥ 1). Class 0 is the head, class C-1 the tail. */
  numClasses: number;
  /** Images of the head class, n_max (CIFAR-100-LT: 500; ImageNet-LT: 1280). */
  maxCount: number;
  /** Imbalance ratio IR = n_max / n_min (≥ 1); CIFAR-100-LT uses 100 (also 50 and 10). */
  imbalanceRatio: number;
  /**
   * Profile; default "exponential" (Cao et al. 2019, CIFAR-LT). "pareto" is a rank power law
   * shaped like ImageNet-LT / Places-LT / iNaturalist: a steep head and a long, flat tail.
   */
  profile?: LongTailProfile;
  /**
   * Floor of every count; default 1, so that no class is empty. For "pareto" it also sets the
   * tail count instead of n_max / IR when given.
   */
  minCount?: number;
  /**
   * Exponent α of the "pareto" profile; default 6 (Liu et al. 2019 sample ImageNet-LT's class
   * sizes from a Pareto distribution with α = 6). Larger α flattens the head. Ignored for
   * "exponential".
   */
  paretoAlpha?: number;
}

/**
 * Images per class of a long-tailed set, head first.
 *
 * - "exponential": `n_i = floor(n_max · (1/IR)^(i/(C-1)))`, the CIFAR-10/100-LT construction
 *   of Cao et al. (LDAM), computed with the same floating-point expression, so CIFAR-100-LT
 *   (n_max 500, IR 100) sums to 10,847 images.
 * - "pareto": `n_i = floor(n_max · (1 + i/k)^(-α))` with `k` chosen so that the tail class gets
 *   exactly `n_min = minCount ?? n_max / IR`: `k = (C-1) / ((n_max/n_min)^(1/α) - 1)`. This is
 *   the rank–size law of a Pareto (Zipf–Mandelbrot) distribution: with α = 6, ImageNet-LT's
 *   C = 1000, n_max = 1280, n_min = 5 gives ~35% many-shot (>100), ~31% medium and ~34%
 *   few-shot (<20) classes (the real set: 38.5%, 47.9%, 13.6%); it pins n_max and n_min, not the
 *   split sizes.
 *
 * Every count is at least `minCount` (default 1).
 *
 * @example
 * ```ts
 * import { longTailCounts } from "./long_tail_counts.ts";
 * const n = longTailCounts({ numClasses: 100, maxCount: 500, imbalanceRatio: 100 });
 * if (n[0] !== 500 || n[99] !== 5) throw new Error("wrong profile");
 * ```
 */
export function longTailCounts(options: LongTailCountsOptions): number[] {
  const { numClasses: c, maxCount, imbalanceRatio: ir } = options;
  const profile = options.profile ?? "exponential";
  if (!Number.isInteger(c) || c < 1) {
    throw new RangeError(
      `Cannot build a long-tailed profile for ${c} classes: need an integer ≥ 1`,
    );
  }
  if (!Number.isInteger(maxCount) || maxCount < 1) {
    throw new RangeError(
      `Cannot build a long-tailed profile with maxCount ${maxCount}: need an integer ≥ 1`,
    );
  }
  if (!(ir >= 1) || !Number.isFinite(ir)) {
    throw new RangeError(
      `Cannot build a long-tailed profile with imbalance ratio ${ir}: need a finite number ≥ 1`,
    );
  }
  const floorCount = options.minCount ?? 1;
  if (!Number.isInteger(floorCount) || floorCount < 0 || floorCount > maxCount) {
    throw new RangeError(
      `Cannot build a long-tailed profile with minCount ${floorCount}: need an integer in [0, maxCount=${maxCount}]`,
    );
  }
  const counts: number[] = [];
  if (profile === "exponential") {
    const factor = 1 / ir;
    for (let i = 0; i < c; i++) {
      const n = c === 1 ? maxCount : Math.floor(maxCount * Math.pow(factor, i / (c - 1)));
      counts.push(Math.max(floorCount, n));
    }
  } else if (profile === "pareto") {
    const alpha = options.paretoAlpha ?? 6;
    if (!(alpha > 0) || !Number.isFinite(alpha)) {
      throw new RangeError(`Cannot build a Pareto profile with alpha ${alpha}: need alpha > 0`);
    }
    const nMin = options.minCount ?? maxCount / ir;
    if (!(nMin > 0)) {
      throw new RangeError(
        `Cannot build a Pareto profile with tail count ${nMin}: need minCount > 0 or a finite imbalance ratio`,
      );
    }
    const ratio = maxCount / nMin;
    const spread = Math.pow(ratio, 1 / alpha) - 1;
    for (let i = 0; i < c; i++) {
      let n: number;
      if (i === 0) n = maxCount;
      else if (i === c - 1) n = nMin;
      else n = maxCount * Math.pow(1 + (spread * i) / (c - 1), -alpha);
      // The 1e-9 guards against 4.999999 from rounding where the formula is exact.
      counts.push(Math.max(floorCount, Math.floor(n + 1e-9)));
    }
  } else {
    throw new RangeError(
      `Unknown long-tailed profile "${profile}": valid profiles are "exponential", "pareto"`,
    );
  }
  return counts;
}
