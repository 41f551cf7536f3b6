/**
 * Relative accuracy of the long-tailed learning survey (Zhang et al., 2023).
 *
 * @module
 */

/**
 * Relative accuracy A_t / A_u: a method's accuracy `accuracy` divided by the
 * accuracy `upperReference` of an upper reference (the same model trained on a
 * balanced set). It can exceed 1 when the method beats the reference.
 *
 * @param accuracy the method's accuracy, a fraction in [0, 1].
 * @param upperReference the reference accuracy, a fraction in (0, 1].
 *
 * @example
 * ```ts
 * import { relativeAccuracy } from "./relative_accuracy.ts";
 * if (relativeAccuracy(0.3, 0.6) !== 0.5) throw new Error("wrong ratio");
 * ```
 */
export function relativeAccuracy(accuracy: number, upperReference: number): number {
  if (typeof accuracy !== "number" || !(accuracy >= 0 && accuracy <= 1)) {
    throw new RangeError(
      `Cannot compute relative accuracy: accuracy ${accuracy} is not a fraction in [0, 1]`,
    );
  }
  if (typeof upperReference !== "number" || !(upperReference > 0 && upperReference <= 1)) {
    throw new RangeError(
      `Cannot compute relative accuracy: upper reference ${upperReference} is not a fraction in (0, 1]`,
    );
  }
  return accuracy / upperReference;
}
