/**
 * The verdicts of BTM Observations 1–4 (notebooks 02 and 03), read off the
 * sections' results. Each claim is our reading of the paper (its text was
 * not available when these were written); each threshold is named here once.
 *
 * @module
 */
import { allOf, greaterThan, type Verdict, verdict } from "../../report/mod.ts";
import type { Observations12Result } from "../sections/observations_1_2.ts";
import type { Observations34Result } from "../sections/observations_3_4.ts";
import { bestInteriorPoint, pointAt } from "./curve_points.ts";

/**
 * Observation 1's "much higher" H- and G-mean of the balanced fine-tune: by
 * more than this (a fraction: 0.01 = 1 point), our reading.
 */
export const MUCH_HIGHER = 0.01;

/**
 * Observation 3's "no barrier": no point of the path more than this below
 * the worse end's H-mean (a fraction), our reading.
 */
export const NO_BARRIER_ALLOWANCE = 0.01;

/**
 * Observation 4's "comparable or better": the merge at most this below the
 * union fine-tune on each metric (a fraction), our reading.
 */
export const COMPARABLE_ALLOWANCE = 0.01;

function points(fraction: number): string {
  const p = Number((100 * fraction).toFixed(6));
  return `${p} point${p === 1 ? "" : "s"}`;
}

/** The verdicts of Observations 1 and 2, in the notebook's order. */
export interface Observations12Claims {
  /** λ of the interior point with the highest test H-mean. */
  bestLambda: number;
  /** Observation 1: f^D has a higher H- and G-mean than f, by more than {@linkcode MUCH_HIGHER}. */
  finetuneGains: Verdict;
  /** Observation 1: f^D has a lower accuracy than f. */
  finetuneLosesAccuracy: Verdict;
  /** Observation 2: the best interior λ beats both ends on the H-mean. */
  interiorBeatsEnds: Verdict;
  /** Observation 2: at that λ accuracy stays above f^D's. */
  interiorKeepsAccuracy: Verdict;
}

/**
 * Observations 1 and 2 on the path f_λ = λ·f^D + (1−λ)·f (λ = 0 is f, λ = 1
 * is f^D). The curve is described, not selected on: the "best" interior
 * point is the one with the highest test H-mean.
 */
export function observations12Claims(
  result: Pick<Observations12Result, "curve">,
): Observations12Claims {
  const f = pointAt(result.curve, 0).summary;
  const fD = pointAt(result.curve, 1).summary;
  const best = bestInteriorPoint(result.curve, "harmonicMean");
  const at = `f_${best.lambda}`;
  const source1 = { source: "BTM paper, Observation 1 / Figure 1" };
  const source2 = { source: "BTM paper, Observation 2 / Figure 1" };
  return {
    bestLambda: best.lambda,
    finetuneGains: verdict(
      `Observation 1 (our reading): the balanced fine-tune f^D has a higher H-mean and G-mean than f (by more than ${
        points(MUCH_HIGHER)
      })`,
      allOf([
        greaterThan(
          { label: "f^D H-mean", value: fD.harmonicMean },
          { label: "f H-mean", value: f.harmonicMean },
          { margin: MUCH_HIGHER },
        ),
        greaterThan(
          { label: "f^D G-mean", value: fD.geometricMean },
          { label: "f G-mean", value: f.geometricMean },
          { margin: MUCH_HIGHER },
        ),
      ]),
      source1,
    ),
    finetuneLosesAccuracy: verdict(
      "Observation 1 (our reading): the balanced fine-tune f^D has a lower accuracy than f",
      greaterThan(
        { label: "f accuracy", value: f.accuracy },
        { label: "f^D accuracy", value: fD.accuracy },
      ),
      source1,
    ),
    interiorBeatsEnds: verdict(
      `Observation 2 (our reading): an intermediate λ beats both ends on the H-mean (best interior λ = ${best.lambda})`,
      allOf([
        greaterThan(
          { label: `${at} H-mean`, value: best.summary.harmonicMean },
          { label: "f H-mean", value: f.harmonicMean },
        ),
        greaterThan(
          { label: `${at} H-mean`, value: best.summary.harmonicMean },
          { label: "f^D H-mean", value: fD.harmonicMean },
        ),
      ]),
      source2,
    ),
    interiorKeepsAccuracy: verdict(
      `Observation 2 (our reading): at that λ (${best.lambda}) accuracy stays above the balanced fine-tune's`,
      greaterThan(
        { label: `${at} accuracy`, value: best.summary.accuracy },
        { label: "f^D accuracy", value: fD.accuracy },
      ),
      source2,
    ),
  };
}

/** The verdicts of Observations 3 and 4, in the notebook's order. */
export interface Observations34Claims {
  /** Observation 3: the midpoint's H-mean is above both ends'. */
  midpointHarmonic: Verdict;
  /** Observation 3: the midpoint's G-mean and accuracy are above both ends'. */
  midpointOthers: Verdict;
  /** Observation 3: no point of the path more than {@linkcode NO_BARRIER_ALLOWANCE} below the worse end. */
  noBarrier: Verdict;
  /** Observation 4: the merge at most {@linkcode COMPARABLE_ALLOWANCE} below the union fine-tune. */
  comparableToUnion: Verdict;
}

/**
 * Observations 3 and 4 on the path λ·f^{D_A} + (1−λ)·f^{D_B} (λ = 1 is
 * f^{D_A}, λ = 0 is f^{D_B}, λ = 0.5 the merge) and the union fine-tune.
 * The allowances compare fractions, so they are written as numbers
 * (0.3521 = 35.21%): "value − 1 point" can fall below zero.
 */
export function observations34Claims(
  result: Pick<Observations34Result, "curve" | "union">,
): Observations34Claims {
  const fB = pointAt(result.curve, 0).summary;
  const merged = pointAt(result.curve, 0.5).summary;
  const fA = pointAt(result.curve, 1).summary;
  const union = result.union.summary;
  const source3 = { source: "BTM paper, Observation 3 / Figure 2" };
  const number = { unit: "number", digits: 4 } as const;
  const beatsEnds = (key: "harmonicMean" | "geometricMean" | "accuracy", name: string) => [
    greaterThan(
      { label: `merge ${name}`, value: merged[key] },
      { label: `f^{D_A} ${name}`, value: fA[key] },
    ),
    greaterThan(
      { label: `merge ${name}`, value: merged[key] },
      { label: `f^{D_B} ${name}`, value: fB[key] },
    ),
  ];
  const nearUnion = (key: "harmonicMean" | "geometricMean" | "accuracy", name: string) =>
    greaterThan(
      { label: `merge ${name}`, value: merged[key] },
      {
        label: `union ${name} − ${points(COMPARABLE_ALLOWANCE)}`,
        value: union[key] - COMPARABLE_ALLOWANCE,
      },
      number,
    );
  const lowestOnPath = Math.min(...result.curve.map((p) => p.summary.harmonicMean));
  const worseEnd = Math.min(fA.harmonicMean, fB.harmonicMean);
  return {
    midpointHarmonic: verdict(
      "Observation 3 (our reading): the midpoint of two balanced fine-tunes has a higher H-mean than either",
      allOf(beatsEnds("harmonicMean", "H-mean")),
      source3,
    ),
    midpointOthers: verdict(
      "Observation 3 (our reading): the midpoint also has a higher G-mean and accuracy than either end",
      allOf([...beatsEnds("geometricMean", "G-mean"), ...beatsEnds("accuracy", "accuracy")]),
      source3,
    ),
    noBarrier: verdict(
      `Observation 3 (our reading): no barrier, no point of the path is more than ${
        points(NO_BARRIER_ALLOWANCE)
      } below the worse end (H-mean)`,
      greaterThan(
        { label: "lowest H-mean on the path", value: lowestOnPath },
        {
          label: `worse end's H-mean − ${points(NO_BARRIER_ALLOWANCE)}`,
          value: worseEnd - NO_BARRIER_ALLOWANCE,
        },
        number,
      ),
      source3,
    ),
    comparableToUnion: verdict(
      `Observation 4 (our reading): the merge is comparable to or better than the union fine-tune (H-mean, G-mean, accuracy at most ${
        points(COMPARABLE_ALLOWANCE)
      } below)`,
      allOf([
        nearUnion("harmonicMean", "H-mean"),
        nearUnion("geometricMean", "G-mean"),
        nearUnion("accuracy", "accuracy"),
      ]),
      { source: "BTM paper, Observation 4 / Figure 2" },
    ),
  };
}
