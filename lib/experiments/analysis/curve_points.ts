/**
 * Readers of an interpolation curve (no tfjs): the best point strictly
 * inside the path, and the point at a given λ.
 *
 * @module
 */
import type { InterpolationPoint } from "../../eval/interpolation_curve.ts";

/** Metrics by which {@linkcode bestInteriorPoint} ranks points. */
export type CurveMetric = "harmonicMean" | "geometricMean" | "accuracy" | "lowestRecall";

/**
 * The point with the highest `metric` among those strictly inside the path
 * (0 < λ < 1), ties to the smaller λ: the "some intermediate λ beats both
 * ends" candidate of Observations 2 and 3. Reading it off test recall is a
 * description of the curve, not a model selection.
 *
 * @example
 * ```ts
 * import { bestInteriorPoint } from "./curve_points.ts";
 * const p = (lambda: number, h: number) => ({
 *   lambda, recalls: [], summary: { accuracy: h, geometricMean: h, harmonicMean: h, lowestRecall: h, zeroClasses: 0 },
 * });
 * if (bestInteriorPoint([p(0, 0.9), p(0.5, 0.4), p(0.7, 0.6), p(1, 0.1)], "harmonicMean").lambda !== 0.7) throw new Error();
 * ```
 */
export function bestInteriorPoint(
  curve: readonly InterpolationPoint[],
  metric: CurveMetric,
): InterpolationPoint {
  let best: InterpolationPoint | undefined;
  for (const point of curve) {
    if (!(point.lambda > 0 && point.lambda < 1)) continue;
    if (
      best === undefined || point.summary[metric] > best.summary[metric] ||
      (point.summary[metric] === best.summary[metric] && point.lambda < best.lambda)
    ) {
      best = point;
    }
  }
  if (best === undefined) {
    throw new Error(
      `Cannot pick the best interior point: the curve has no λ strictly between 0 and 1 (λ = ${
        curve.map((p) => p.lambda).join(", ")
      })`,
    );
  }
  return best;
}

/**
 * The point at exactly `lambda`; an error listing the curve's λ values if
 * there is none.
 */
export function pointAt(curve: readonly InterpolationPoint[], lambda: number): InterpolationPoint {
  const found = curve.find((p) => p.lambda === lambda);
  if (found === undefined) {
    throw new Error(
      `Cannot find λ = ${lambda} on the curve: it has λ = ${curve.map((p) => p.lambda).join(", ")}`,
    );
  }
  return found;
}
