/**
 * Merge ratios in proportion to each model's held-out score.
 *
 * @module
 */

/**
 * Ratios proportional to each model's score (its H- or G-mean of recall on a
 * validation split), summing to one, for {@linkcode weightedSoup}: a better
 * model gets a larger share of the soup.
 *
 * @param scores one per model: finite and ≥ 0, with a positive sum.
 *
 * @example
 * ```ts
 * import { adaptiveRatio } from "./adaptive_ratio.ts";
 * if (adaptiveRatio([1, 3]).join() !== "0.25,0.75") throw new Error();
 * ```
 */
export function adaptiveRatio(scores: number[]): number[] {
  if (!Array.isArray(scores) || scores.length === 0) {
    throw new RangeError(
      `Cannot derive merge ratios from ${scores}: need a non-empty list of scores`,
    );
  }
  let total = 0;
  scores.forEach((s, i) => {
    if (typeof s !== "number" || !Number.isFinite(s) || s < 0) {
      throw new RangeError(
        `Cannot derive merge ratios: score ${s} of model ${i} is not a finite number ≥ 0`,
      );
    }
    total += s;
  });
  if (total === 0) {
    throw new RangeError(
      `Cannot derive merge ratios from scores ${scores.join(", ")}: they sum to zero`,
    );
  }
  return scores.map((s) => s / total);
}
