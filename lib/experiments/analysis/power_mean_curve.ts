/**
 * The generalized mean M_p of a recall vector as a function of p, and its
 * four named cases (Section 3.1 of *No One Left Behind*, as we read it).
 *
 * @module
 */
import { generalizedMean } from "../../metrics/mod.ts";

/** Options of {@linkcode powerMeanCurve}. */
export interface PowerMeanCurveOptions {
  /**
   * Powers p at which M_p is computed, finite; default −10 to 3 in steps of
   * 0.25 (by p = −10 the mean is already close to the minimum; p = 3 shows
   * the means above accuracy).
   */
  powers?: readonly number[];
  /**
   * Recalls below this are raised to it first; default 0 (no floor: a zero
   * recall makes M_p = 0 for every p ≤ 0). The papers' summaries use 1e-3.
   */
  zeroFloor?: number;
}

/** The four named means: M_−∞, M_−1, M_0, M_1. */
export interface NamedMeans {
  /** M_−∞: the lowest recall. */
  lowest: number;
  /** M_−1: the harmonic mean (H-mean). */
  harmonic: number;
  /** M_0: the geometric mean (G-mean). */
  geometric: number;
  /** M_1: the arithmetic mean (accuracy on a balanced test set). */
  arithmetic: number;
}

/** What {@linkcode powerMeanCurve} returns. */
export interface PowerMeanCurve {
  /** The powers p. */
  powers: number[];
  /** M_p at each power. */
  means: number[];
  /** The named cases. */
  named: NamedMeans;
}

/** The default powers: −10, −9.75, …, 3. */
export const DEFAULT_POWERS: readonly number[] = Array.from({ length: 53 }, (_, i) => -10 + i / 4);

/**
 * M_p of `recalls` at each power, and the named means, all with the same
 * zero floor. Non-decreasing in p (the power-mean inequality).
 *
 * @example
 * ```ts
 * import { powerMeanCurve } from "./power_mean_curve.ts";
 * const { named } = powerMeanCurve([0.1, 0.9]);
 * if (Math.abs(named.harmonic - 0.18) > 1e-12 || named.lowest !== 0.1) throw new Error();
 * ```
 */
export function powerMeanCurve(
  recalls: ArrayLike<number>,
  options: PowerMeanCurveOptions = {},
): PowerMeanCurve {
  const powers = [...(options.powers ?? DEFAULT_POWERS)];
  if (powers.length === 0) {
    throw new RangeError("Cannot trace M_p over no powers: give at least one");
  }
  for (const p of powers) {
    if (typeof p !== "number" || !Number.isFinite(p)) {
      throw new RangeError(`Cannot trace M_p at p = ${p}: the powers must be finite numbers`);
    }
  }
  const o = { zeroFloor: options.zeroFloor ?? 0 };
  return {
    powers,
    means: powers.map((p) => generalizedMean(recalls, p, o)),
    named: {
      lowest: generalizedMean(recalls, -Infinity, o),
      harmonic: generalizedMean(recalls, -1, o),
      geometric: generalizedMean(recalls, 0, o),
      arithmetic: generalizedMean(recalls, 1, o),
    },
  };
}
