/**
 * The path between two models in weight space: the models
 * λ·a + (1−λ)·b for a grid of λ, each evaluated (BTM Figures 1 and 2).
 *
 * The readers of a traced curve (`bestInteriorPoint`, `pointAt`) are in
 * lib/experiments/analysis: they need no tfjs.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import { interpolate } from "../merge/mod.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import { cloneModel, getNamedWeights, setNamedWeights } from "../models/mod.ts";
import type { Model } from "../models/types.ts";
import { type EvalSplit, evaluateOn } from "./evaluate_on.ts";

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
  split?: EvalSplit;
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
  if (split !== "test" && !(split === "val" && bench.val)) {
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
      const e = await evaluateOn(model, bench, split, { batchSize: options.batchSize });
      points.push({ lambda, summary: e.summary, recalls: Array.from(e.recalls) });
    }
    return points;
  } finally {
    model.dispose();
  }
}
