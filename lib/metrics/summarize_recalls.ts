/**
 * The papers' summary of a model: accuracy, G-mean, H-mean, lowest recall,
 * and the many/medium/few-shot split.
 *
 * @module
 */

import { checkFloorMode, checkFractions, checkZeroFloor } from "./_check_fractions.ts";
import { type FloorMode, generalizedMean } from "./generalized_mean.ts";

/** Options of {@linkcode summarizeRecalls}. */
export interface SummarizeRecallsOptions {
  /**
   * A recall of exactly 0 is replaced with this before the G- and H-mean
   * only. Default 1e-3, as both papers do (BTM `btm_paper.txt:576`: "for
   * categories that have zero accuracy, we substitute it with a small number
   * (10−3) otherwise the harmonic and geometric mean will be zero"; on the
   * fraction scale, as the authors' code), so that a model missing one class
   * still gets a nonzero, comparable H- and G-mean. `lowestRecall`,
   * `accuracy` and the shot groups always use the true recalls.
   */
  zeroFloor?: number;
  /**
   * Which recalls `zeroFloor` replaces: `zeros` (default, the papers': exact
   * zeros only) or `below` (every recall below the floor, this project's
   * earlier behaviour). They differ only for a recall strictly between 0 and
   * the floor, which needs more than 1/floor test images of a class.
   */
  floorMode?: FloorMode;
  /**
   * Number of training images of each class (same length as the recalls).
   * When given, the summary adds the many/medium/few-shot mean recalls.
   */
  trainCounts?: ArrayLike<number>;
  /**
   * A class is "many-shot" when it has more than this many training images.
   * Default 100 (the ImageNet-LT / Places-LT convention of Liu et al., 2019).
   */
  manyThreshold?: number;
  /**
   * A class is "few-shot" when it has fewer than this many training images;
   * classes in between (inclusive) are "medium-shot". Default 20.
   */
  fewThreshold?: number;
}

/** What {@linkcode summarizeRecalls} returns; every value is a fraction in [0, 1]. */
export interface RecallSummary {
  /**
   * Mean per-class recall. On a class-balanced test set (as in the papers)
   * this equals top-1 accuracy; on an unbalanced one it is balanced accuracy.
   */
  accuracy: number;
  /** Geometric mean of the recalls, zero recalls replaced by the floor. */
  geometricMean: number;
  /** Harmonic mean of the recalls, zero recalls replaced by the floor. */
  harmonicMean: number;
  /** True lowest recall (no floor). */
  lowestRecall: number;
  /** Number of classes whose true recall is exactly 0. */
  zeroClasses: number;
  /** Mean recall of classes with more than `manyThreshold` training images; absent if none or no `trainCounts`. */
  many?: number;
  /** Mean recall of classes with `fewThreshold`..`manyThreshold` training images; absent if none or no `trainCounts`. */
  medium?: number;
  /** Mean recall of classes with fewer than `fewThreshold` training images; absent if none or no `trainCounts`. */
  few?: number;
}

/**
 * Summarizes per-class recalls the way the papers report a model.
 *
 * @param recalls recall of each class, fractions in [0, 1].
 *
 * @example
 * ```ts
 * import { summarizeRecalls } from "./summarize_recalls.ts";
 * const s = summarizeRecalls([0, 1]);
 * // the zero is floored to 1e-3 in the means, but reported as is:
 * if (s.lowestRecall !== 0 || s.zeroClasses !== 1) throw new Error("floor leaked");
 * if (Math.abs(s.geometricMean - Math.sqrt(1e-3)) > 1e-12) throw new Error("G");
 * // a recall below the floor that is not zero is kept (the papers floor zeros only):
 * const t = summarizeRecalls([0.0005, 1]);
 * if (Math.abs(t.harmonicMean - 2 / (2000 + 1)) > 1e-12) throw new Error("H");
 * ```
 */
export function summarizeRecalls(
  recalls: ArrayLike<number>,
  options: SummarizeRecallsOptions = {},
): RecallSummary {
  checkFractions(recalls, "a recall summary");
  const zeroFloor = checkZeroFloor(options.zeroFloor, 1e-3);
  const floorMode = checkFloorMode(options.floorMode);
  const n = recalls.length;
  let sum = 0, zeroClasses = 0;
  for (let i = 0; i < n; i++) {
    sum += recalls[i];
    if (recalls[i] === 0) zeroClasses++;
  }
  const summary: RecallSummary = {
    accuracy: sum / n,
    geometricMean: generalizedMean(recalls, 0, { zeroFloor, floorMode }),
    harmonicMean: generalizedMean(recalls, -1, { zeroFloor, floorMode }),
    lowestRecall: generalizedMean(recalls, -Infinity),
    zeroClasses,
  };
  if (options.trainCounts !== undefined) Object.assign(summary, shotGroups(recalls, options));
  return summary;
}

function shotGroups(
  recalls: ArrayLike<number>,
  options: SummarizeRecallsOptions,
): Pick<RecallSummary, "many" | "medium" | "few"> {
  const counts = options.trainCounts!;
  const many = options.manyThreshold ?? 100;
  const few = options.fewThreshold ?? 20;
  if (typeof many !== "number" || !Number.isFinite(many)) {
    throw new RangeError(`Cannot split classes by shots: manyThreshold ${many} is not finite`);
  }
  if (typeof few !== "number" || !Number.isFinite(few) || few > many) {
    throw new RangeError(
      `Cannot split classes by shots: fewThreshold ${few} must be finite and at most manyThreshold ${many}`,
    );
  }
  if (counts.length !== recalls.length) {
    throw new RangeError(
      `Cannot split classes by shots: ${counts.length} train counts for ${recalls.length} recalls`,
    );
  }
  const sums = { many: 0, medium: 0, few: 0 };
  const sizes = { many: 0, medium: 0, few: 0 };
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!Number.isInteger(c) || c < 0) {
      throw new RangeError(
        `Cannot split classes by shots: train count ${c} of class ${i} is not a non-negative integer`,
      );
    }
    const group = c > many ? "many" : c < few ? "few" : "medium";
    sums[group] += recalls[i];
    sizes[group]++;
  }
  const out: Pick<RecallSummary, "many" | "medium" | "few"> = {};
  for (const g of ["many", "medium", "few"] as const) {
    if (sizes[g] > 0) out[g] = sums[g] / sizes[g];
  }
  return out;
}
