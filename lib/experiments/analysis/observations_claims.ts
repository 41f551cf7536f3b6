/**
 * The verdicts of BTM Observations 1–4 (notebooks 02 and 03), each tested as
 * the paper words it (`btm_paper.txt:329`, 346, 353, 392, 401), read off the
 * sections' results on every seed. Each threshold is named here once, with
 * why; the paper's numbers come from `PAPER_CLAIMS`.
 *
 * @module
 */
import type { InterpolationPoint } from "../../eval/interpolation_curve.ts";
import { paperNumber } from "../../paper/mod.ts";
import type { CheckPart, Verdict } from "../../report/mod.ts";
import type { Observations12Result } from "../sections/observations_1_2.ts";
import type { Observations34Result } from "../sections/observations_3_4.ts";
import { pointAt } from "./curve_points.ts";
import { paperValue } from "./paper_verdict.ts";
import { checkClaim } from "./paper_verdict.ts";
import { perSeed, seedsOf } from "./seed_table.ts";

/**
 * Observation 1's "much higher" H- and G-mean of the balanced fine-tune
 * ("can highly improve", "significantly higher"): by more than this (a
 * fraction: 0.01 = 1 point). Our reading: the paper gives no number; its own
 * gains are +24.9 (H) and +17.8 (G) points.
 */
export const MUCH_HIGHER = 0.01;

/**
 * Observation 2's "monotonic": between neighbouring λ of the grid (0.1
 * apart) neither mean may fall by more than this (a fraction: 0.005 = half a
 * point) as λ grows towards f^D. Our reading: a dip smaller than that is the
 * test split's granularity, not a reversal of the paper's "monotonically
 * decreasing trend".
 */
export const MONOTONE_SLACK = 0.005;

/**
 * Observation 2's "smooth", as we measure it: no single step of the λ grid
 * (0.1 apart) carries more than this share of the whole change from f (λ = 0)
 * to f^D (λ = 1). A straight line gives each of the ten steps 0.1; a jump
 * puts nearly all the change in one step. The paper defines no measure (it
 * shows Figure 1).
 */
export const SMOOTH_MAX_STEP_SHARE = 0.5;

/**
 * Our claim "no barrier" on the path between the two balanced fine-tunes: no
 * point more than this below the worse end's H-mean (a fraction).
 */
export const NO_BARRIER_ALLOWANCE = 0.01;

type Metric = "harmonicMean" | "geometricMean";
const NAME: Record<Metric, string> = { harmonicMean: "H-mean", geometricMean: "G-mean" };

/** The λ-sorted curve. */
function sorted(curve: readonly InterpolationPoint[]): InterpolationPoint[] {
  return [...curve].sort((a, b) => a.lambda - b.lambda);
}

/** The smallest change of `metric` between neighbouring λ, going from λ = 0 to λ = 1. */
export function smallestStep(curve: readonly InterpolationPoint[], metric: Metric): number {
  const c = sorted(curve);
  if (c.length < 2) throw new RangeError("Cannot read steps of a curve with fewer than two points");
  let min = Infinity;
  for (let i = 1; i < c.length; i++) {
    min = Math.min(min, c[i].summary[metric] - c[i - 1].summary[metric]);
  }
  return min;
}

/**
 * The largest step's share of the whole change of `metric` from λ = 0 to
 * λ = 1: max |step| / |end − start| (1 when the ends are equal, since then
 * any step is all of the change).
 */
export function largestStepShare(curve: readonly InterpolationPoint[], metric: Metric): number {
  const c = sorted(curve);
  if (c.length < 2) throw new RangeError("Cannot read steps of a curve with fewer than two points");
  const total = Math.abs(c[c.length - 1].summary[metric] - c[0].summary[metric]);
  let max = 0;
  for (let i = 1; i < c.length; i++) {
    max = Math.max(max, Math.abs(c[i].summary[metric] - c[i - 1].summary[metric]));
  }
  return total <= 1e-12 ? 1 : Math.min(1, max / total);
}

/** The verdicts of Observations 1 and 2, in the notebook's order. */
export interface Observations12Claims {
  /** Observation 1 (`btm-obs1`): f^D has much higher H and G than f. */
  obs1: Verdict;
  /** Section 3.2 (`btm-obs1-accuracy`, quoting the abstract's opposite): f^D's accuracy is higher than f's. */
  accuracy: Verdict;
  /** Observation 2 (`btm-obs2`): H and G of f^D_λ are smooth and monotonic in λ. */
  obs2: Verdict;
}

/**
 * Observations 1 and 2 on the paths f_λ = λ·f^D + (1−λ)·f (λ = 0 is f,
 * λ = 1 is f^D), one result per seed.
 */
export function observations12Claims(
  results: readonly Pick<Observations12Result, "curve" | "seed">[],
): Observations12Claims {
  const seeds = seedsOf(results);
  const at = (lambda: number, m: "harmonicMean" | "geometricMean" | "accuracy") =>
    perSeed(results, (r) => pointAt(r.curve, lambda).summary[m]);
  // Beside every H-mean, its classes at zero recall.
  const zero = (lambda: number, m: string) =>
    m === "harmonicMean"
      ? { zeroClasses: perSeed(results, (r) => pointAt(r.curve, lambda).summary.zeroClasses) }
      : {};
  const n = (name: string) => paperNumber("btm-obs1", name);
  const obs1: CheckPart[] = (["harmonicMean", "geometricMean"] as const).map((m) => {
    const key = m === "harmonicMean" ? "hMean" : "gMean";
    return {
      what: NAME[m],
      a: { label: "f^D", ours: at(1, m), paper: n(`fD.${key}`), ...zero(1, m) },
      b: { label: "f", ours: at(0, m), paper: n(`f.${key}`), ...zero(0, m) },
      margin: MUCH_HIGHER,
    };
  });
  const gain = paperNumber("btm-obs1-accuracy", "fD.accuracyGain");
  const obs2: CheckPart[] = (["harmonicMean", "geometricMean"] as const).flatMap((m) => [
    {
      what: `${NAME[m]} monotone`,
      a: {
        label: "smallest step",
        ours: perSeed(results, (r) => smallestStep(r.curve, m)),
      },
      bound: -MONOTONE_SLACK,
      note: `steps between neighbouring λ; a fall of up to ${
        100 * MONOTONE_SLACK
      } points counts as flat`,
    },
    {
      what: `${NAME[m]} smooth`,
      a: {
        label: "largest step's share",
        ours: perSeed(results, (r) => largestStepShare(r.curve, m)),
      },
      expect: "lower" as const,
      bound: SMOOTH_MAX_STEP_SHARE,
      unit: "number" as const,
      note: "of the whole change from f to f^D",
    },
  ]);
  return {
    obs1: checkClaim("btm-obs1", obs1, seeds),
    accuracy: checkClaim("btm-obs1-accuracy", [{
      what: "accuracy",
      a: { label: "f^D", ours: at(1, "accuracy") },
      // f is Table 5's Stage1 (the same H and G as Observation 1's f).
      b: { label: "f", ours: at(0, "accuracy"), paper: paperValue("table5", "Stage1", "accuracy") },
      note: `the paper: f^D's accuracy ${gain}% higher`,
    }], seeds),
    obs2: checkClaim("btm-obs2", obs2, seeds),
  };
}

/** The verdicts of Observations 3 and 4, in the notebook's order. */
export interface Observations34Claims {
  /** Observation 3 (`btm-obs3`): f^{D_A} and f^{D_B} both beat f^{D_A∪D_B} on H and G. */
  obs3: Verdict;
  /** Observation 4 (`btm-obs4`): at λ = 0.5 the interpolation beats both on H and G. */
  obs4: Verdict;
  /** Ours (`ours-no-barrier`): no point of the path more than {@linkcode NO_BARRIER_ALLOWANCE} below the worse end. */
  noBarrier: Verdict;
}

/**
 * Observations 3 and 4 on the paths λ·f^{D_A} + (1−λ)·f^{D_B} (λ = 1 is
 * f^{D_A}, λ = 0 is f^{D_B}, λ = 0.5 the merge) and the union fine-tunes, one
 * result per seed.
 */
export function observations34Claims(
  results: readonly Pick<Observations34Result, "curve" | "union" | "seed">[],
): Observations34Claims {
  const seeds = seedsOf(results);
  const lambda = paperNumber("btm-obs4", "lambda");
  const at = (l: number, m: Metric) => perSeed(results, (r) => pointAt(r.curve, l).summary[m]);
  const union = (m: Metric) => perSeed(results, (r) => r.union.summary[m]);
  // Beside every H-mean, its classes at zero recall.
  const zero = (m: Metric, l: number | "union") =>
    m === "harmonicMean"
      ? {
        zeroClasses: perSeed(
          results,
          (r) => (l === "union" ? r.union.summary : pointAt(r.curve, l).summary).zeroClasses,
        ),
      }
      : {};
  const n = (name: string) => paperNumber("btm-obs4", name);
  const key = (m: Metric) => (m === "harmonicMean" ? "hMean" : "gMean");
  const metrics = ["harmonicMean", "geometricMean"] as const;
  const obs3: CheckPart[] = metrics.flatMap((m) => [
    {
      what: NAME[m],
      a: { label: "f^{D_A}", ours: at(1, m), paper: n(`fDA.${key(m)}`), ...zero(m, 1) },
      b: { label: "f^{D_A∪D_B}", ours: union(m), ...zero(m, "union") },
    },
    {
      what: NAME[m],
      a: { label: "f^{D_B}", ours: at(0, m), paper: n(`fDB.${key(m)}`), ...zero(m, 0) },
      b: { label: "f^{D_A∪D_B}", ours: union(m), ...zero(m, "union") },
    },
  ]);
  const obs4: CheckPart[] = metrics.flatMap((m) => [
    {
      what: NAME[m],
      a: {
        label: `λ = ${lambda}`,
        ours: at(lambda, m),
        paper: n(`mid.${key(m)}`),
        ...zero(m, lambda),
      },
      b: { label: "f^{D_A}", ours: at(1, m), paper: n(`fDA.${key(m)}`), ...zero(m, 1) },
    },
    {
      what: NAME[m],
      a: {
        label: `λ = ${lambda}`,
        ours: at(lambda, m),
        paper: n(`mid.${key(m)}`),
        ...zero(m, lambda),
      },
      b: { label: "f^{D_B}", ours: at(0, m), paper: n(`fDB.${key(m)}`), ...zero(m, 0) },
    },
  ]);
  return {
    obs3: checkClaim("btm-obs3", obs3, seeds),
    obs4: checkClaim("btm-obs4", obs4, seeds),
    noBarrier: checkClaim("ours-no-barrier", [{
      what: "H-mean",
      a: {
        label: "lowest point of the path",
        ours: perSeed(results, (r) => Math.min(...r.curve.map((p) => p.summary.harmonicMean))),
      },
      b: {
        label: "the worse end",
        ours: perSeed(
          results,
          (r) =>
            Math.min(
              pointAt(r.curve, 0).summary.harmonicMean,
              pointAt(r.curve, 1).summary.harmonicMean,
            ),
        ),
      },
      margin: -NO_BARRIER_ALLOWANCE,
    }], seeds),
  };
}
