/**
 * The path between two models in weight space: the models
 * λ·a + (1−λ)·b for a grid of λ, each evaluated (BTM Figures 1 and 2).
 *
 * @module
 */
import type { ImageSet, LongTailBenchmark } from "../data/types.ts";
import { evaluate } from "../eval/mod.ts";
import { interpolate } from "../merge/mod.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import { cloneModel, getNamedWeights, setNamedWeights } from "../models/mod.ts";
import type { Model } from "../models/types.ts";

/** The two ends of an interpolation path, named as in `interpolate(a, b, λ)`. */
export interface InterpolationEnds {
  /** The model at λ = 1. */
  a: Model;
  /** The model at λ = 0. */
  b: Model;
}

/** Options of {@linkcode interpolationCurve}. */
export interface InterpolationCurveOptions {
  /**
   * The λ values, each in [0, 1]; default 0, 0.1, …, 1 (the 11 points of
   * BTM's Figures 1 and 2 as we read them).
   */
  lambdas?: readonly number[];
  /**
   * Split each interpolated model is evaluated on; default `test` (the papers'
   * figures report test recall; nothing is selected on it here).
   */
  split?: "test" | "val";
  /** Images per forward pass; default 256 (memory only: the results do not depend on it). */
  batchSize?: number;
}

/** One model on the path. */
export interface InterpolationPoint {
  /** λ: the weights are λ·a + (1−λ)·b. */
  lambda: number;
  /** Accuracy, G-mean, H-mean, lowest recall and many/medium/few on the split. */
  summary: RecallSummary;
  /** Per-class recall on the split, index = class. */
  recalls: number[];
}

/** The default λ grid: 0, 0.1, …, 1 (computed as i/10 so that the values are exact decimals). */
export const DEFAULT_LAMBDAS: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

/**
 * Evaluates the models λ·a + (1−λ)·b for each λ. Every variable is
 * interpolated by name, batch-norm running statistics included, in float64
 * (see `interpolate`). Neither end is changed; no tensors are left behind.
 *
 * @returns one point per λ, in the order given.
 */
export async function interpolationCurve(
  ends: InterpolationEnds,
  bench: LongTailBenchmark,
  options: InterpolationCurveOptions = {},
): Promise<InterpolationPoint[]> {
  const lambdas = options.lambdas ?? DEFAULT_LAMBDAS;
  if (!Array.isArray(lambdas) || lambdas.length === 0) {
    throw new RangeError(
      `Cannot trace an interpolation curve at λ = ${JSON.stringify(lambdas)}: give at least one λ`,
    );
  }
  for (const l of lambdas) {
    if (typeof l !== "number" || !(l >= 0 && l <= 1)) {
      throw new RangeError(`Cannot trace an interpolation curve at λ = ${l}: it must be in [0, 1]`);
    }
  }
  const split = options.split ?? "test";
  const set: ImageSet | undefined = split === "val"
    ? bench.val
    : split === "test"
    ? bench.test
    : undefined;
  if (set === undefined) {
    throw new Error(
      `Cannot evaluate an interpolation curve on split "${split}" of ${bench.name}: ` +
        `it has no such split (valid: test${bench.val ? ", val" : ""})`,
    );
  }
  const wa = getNamedWeights(ends.a);
  const wb = getNamedWeights(ends.b);
  const model = cloneModel(ends.a);
  try {
    const points: InterpolationPoint[] = [];
    for (const lambda of lambdas) {
      setNamedWeights(model, interpolate(wa, wb, lambda));
      const e = await evaluate(model, set, {
        trainCounts: bench.trainCounts,
        normalization: bench.normalization,
        batchSize: options.batchSize,
      });
      points.push({ lambda, summary: e.summary, recalls: Array.from(e.recalls) });
    }
    return points;
  } finally {
    model.dispose();
  }
}

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
 * import { bestInteriorPoint } from "./interpolation_curve.ts";
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
