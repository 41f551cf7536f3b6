/**
 * The generalized (power) mean of per-class recalls and its named cases.
 *
 * @module
 */

import { checkFloorMode, checkFractions, checkZeroFloor } from "./_check_fractions.ts";

/**
 * Which recalls the zero floor replaces: `zeros` (only recalls exactly 0, as
 * both papers say and the authors' code does: BTM `btm_paper.txt:576`, "for
 * categories that have zero accuracy, we substitute it with a small number
 * (10−3)"; GML Tables 3-5) or `below` (every recall below the floor is raised
 * to it: the behaviour of this project before, kept for comparison).
 */
export type FloorMode = "zeros" | "below";

/** Options of {@linkcode generalizedMean} and its named cases. */
export interface GeneralizedMeanOptions {
  /**
   * The value a zero recall is replaced with before the mean is taken (see
   * `floorMode` for which recalls). Default 0 (no floor: one zero recall makes
   * every mean with p ≤ 0 zero). The papers use 1e-3 so that the H- and
   * G-mean still rank models that miss a class entirely;
   * {@linkcode summarizeRecalls} applies that default.
   */
  zeroFloor?: number;
  /**
   * Which recalls `zeroFloor` replaces: `zeros` (default: exact zeros only, as
   * the papers do) or `below` (every recall below `zeroFloor`). The two differ
   * only for a recall strictly between 0 and the floor, which a test split
   * with fewer than 1/floor images per class (1,000 for 10⁻³) cannot produce.
   */
  floorMode?: FloorMode;
}

/**
 * The generalized mean M_p = (1/C Σ r_i^p)^(1/p) of recalls r_i (Eq. 1 of
 * *No One Left Behind*), with its limits: p = -Infinity → minimum,
 * p = 0 → geometric mean, p = +Infinity → maximum; p = -1 is the harmonic and
 * p = 1 the arithmetic mean.
 *
 * Computed in the log domain (a log-sum-exp of p·ln r_i; the geometric mean as
 * the exponential of the mean log), so that large |p| and small recalls
 * neither overflow nor underflow. The result is clamped into [min, max], where
 * every power mean lies, to absorb the last ulp of rounding.
 *
 * @param values recalls, fractions in [0, 1]; at least one.
 * @param p the power; any number but NaN.
 *
 * @example
 * ```ts
 * import { generalizedMean } from "./generalized_mean.ts";
 * const h = generalizedMean([0.1, 0.9], -1);
 * if (Math.abs(h - 0.18) > 1e-12) throw new Error(`H = ${h}`);
 * ```
 */
export function generalizedMean(
  values: ArrayLike<number>,
  p: number,
  options: GeneralizedMeanOptions = {},
): number {
  if (typeof p !== "number" || Number.isNaN(p)) {
    throw new RangeError(`Cannot compute a generalized mean with power ${p}: it must be a number`);
  }
  checkFractions(values, `the generalized mean (p = ${p})`);
  const floor = checkZeroFloor(options.zeroFloor, 0);
  const below = checkFloorMode(options.floorMode) === "below";
  const n = values.length;
  const r = new Float64Array(n);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    r[i] = below ? Math.max(v, floor) : v === 0 ? floor : v;
    lo = Math.min(lo, r[i]);
    hi = Math.max(hi, r[i]);
  }
  if (p === -Infinity) return lo;
  if (p === Infinity) return hi;
  if (lo === hi) return lo; // every mean of equal values is that value
  if (p === 0) {
    if (lo === 0) return 0;
    let sumLog = 0;
    for (let i = 0; i < n; i++) sumLog += Math.log(r[i]);
    return clamp(Math.exp(sumLog / n), lo, hi);
  }
  if (p < 0 && lo === 0) return 0; // a zero term dominates: 0^p = +∞, and ∞^(1/p) = 0
  // log M_p = (1/p) · (logsumexp(p · ln r_i) − ln n); zero terms (p > 0) add nothing.
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (r[i] > 0) m = Math.max(m, p * Math.log(r[i]));
  let s = 0;
  for (let i = 0; i < n; i++) if (r[i] > 0) s += Math.exp(p * Math.log(r[i]) - m);
  return clamp(Math.exp((m + Math.log(s / n)) / p), lo, hi);
}

/**
 * Harmonic mean of recalls, M_{-1} = C / Σ 1/r_i: the H-mean of the papers.
 *
 * @example
 * ```ts
 * import { harmonicMean } from "./generalized_mean.ts";
 * if (Math.abs(harmonicMean([0.01, 0.99]) - 0.0198) > 1e-12) throw new Error("H");
 * ```
 */
export function harmonicMean(
  values: ArrayLike<number>,
  options: GeneralizedMeanOptions = {},
): number {
  return generalizedMean(values, -1, options);
}

/**
 * Geometric mean of recalls, M_0 = (Π r_i)^(1/C), computed as exp(mean ln r_i):
 * the G-mean of the papers.
 *
 * @example
 * ```ts
 * import { geometricMean } from "./generalized_mean.ts";
 * if (Math.abs(geometricMean([0.1, 0.9]) - 0.3) > 1e-12) throw new Error("G");
 * ```
 */
export function geometricMean(
  values: ArrayLike<number>,
  options: GeneralizedMeanOptions = {},
): number {
  return generalizedMean(values, 0, options);
}

/**
 * Lowest recall, M_{-∞} = min r_i (after the floor, if one is given; the
 * default is none, so the true minimum).
 *
 * @example
 * ```ts
 * import { lowestRecall } from "./generalized_mean.ts";
 * if (lowestRecall([0, 0.0005, 1], { zeroFloor: 1e-3 }) !== 0.0005) throw new Error("zeros only");
 * ```
 */
export function lowestRecall(
  values: ArrayLike<number>,
  options: GeneralizedMeanOptions = {},
): number {
  return generalizedMean(values, -Infinity, options);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
