/**
 * What BTM changes, method by method: the H-mean, G-mean, lowest recall and
 * accuracy without and with it, the counts of methods it improves, and the
 * comparison that reads the paper's claim off those counts.
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";
import { allOf, type Comparison, greaterThan, type Verdict, verdict } from "../../report/mod.ts";

/** One method's metrics without and with BTM. */
export interface BtmPair {
  /** Method name as printed. */
  method: string;
  /** Test summary without BTM. */
  base: RecallSummary;
  /** Test summary with BTM. */
  btm: RecallSummary;
}

/** The headline metrics whose change is reported. */
export type EffectMetric = "harmonicMean" | "geometricMean" | "lowestRecall" | "accuracy";

/** One method's change. */
export interface BtmEffectRow extends BtmPair {
  /** With BTM minus without, per metric (fractions; positive = BTM higher). */
  delta: Record<EffectMetric, number>;
}

/** What {@linkcode btmEffect} returns. */
export interface BtmEffect {
  /** Number of methods compared. */
  methods: number;
  /** Methods whose H-mean BTM raises (by more than 1e-9, so rounding noise is no gain). */
  harmonicRaised: number;
  /** Methods whose G-mean BTM raises (strictly). */
  geometricRaised: number;
  /** Methods whose lowest recall BTM raises (strictly). */
  lowestRecallRaised: number;
  /** Methods whose accuracy BTM raises (strictly). */
  accuracyRaised: number;
  /**
   * The largest accuracy drop BTM causes, as a fraction (0.02 = 2 points);
   * 0 when it lowers no method's accuracy (by more than 1e-9).
   */
  largestAccuracyDrop: number;
  /** The method with that drop; null when there is none. */
  largestAccuracyDropMethod: string | null;
  /** Each method's metrics and change, in the given order. */
  perMethod: BtmEffectRow[];
}

/**
 * Changes smaller than this (in recall, a fraction) count as no change:
 * the same recalls summed in another order differ by ~1e-16, which must not
 * count as a gain or a drop.
 */
const NO_CHANGE = 1e-9;

const METRICS: readonly EffectMetric[] = [
  "harmonicMean",
  "geometricMean",
  "lowestRecall",
  "accuracy",
];

/**
 * Counts the methods whose H-mean, G-mean, lowest recall and accuracy BTM
 * raises, and finds its largest accuracy drop.
 *
 * @example
 * ```ts
 * import { btmEffect } from "./btm_effect.ts";
 * const s = (h: number, acc: number) => ({
 *   harmonicMean: h, geometricMean: h, lowestRecall: 0, accuracy: acc, zeroClasses: 1,
 * });
 * const e = btmEffect([{ method: "CE", base: s(0.1, 0.5), btm: s(0.2, 0.48) }]);
 * if (e.harmonicRaised !== 1 || Math.abs(e.largestAccuracyDrop - 0.02) > 1e-12) throw new Error();
 * ```
 */
export function btmEffect(pairs: readonly BtmPair[]): BtmEffect {
  if (!Array.isArray(pairs) || pairs.length === 0) {
    throw new RangeError(`Cannot measure BTM's effect on ${pairs}: give at least one method`);
  }
  const perMethod = pairs.map((p) => {
    const delta = {} as Record<EffectMetric, number>;
    for (const m of METRICS) {
      const a = p.base?.[m], b = p.btm?.[m];
      if (typeof a !== "number" || typeof b !== "number" || !Number.isFinite(a + b)) {
        throw new RangeError(
          `Cannot measure BTM's effect on "${p.method}": its ${m} is ${a} without BTM and ${b} with it`,
        );
      }
      delta[m] = b - a;
    }
    return { ...p, delta };
  });
  const raised = (m: EffectMetric) => perMethod.filter((r) => r.delta[m] > NO_CHANGE).length;
  let largestAccuracyDrop = 0;
  let largestAccuracyDropMethod: string | null = null;
  for (const r of perMethod) {
    if (-r.delta.accuracy > NO_CHANGE && -r.delta.accuracy > largestAccuracyDrop) {
      largestAccuracyDrop = -r.delta.accuracy;
      largestAccuracyDropMethod = r.method;
    }
  }
  return {
    methods: perMethod.length,
    harmonicRaised: raised("harmonicMean"),
    geometricRaised: raised("geometricMean"),
    lowestRecallRaised: raised("lowestRecall"),
    accuracyRaised: raised("accuracy"),
    largestAccuracyDrop,
    largestAccuracyDropMethod,
    perMethod,
  };
}

/**
 * The accuracy drop still called "a few points" in "accuracy drops by at
 * most a few points", as a fraction: 0.03 (3 points), our reading of the
 * claim; the paper gives no number.
 */
export const ALLOWED_ACCURACY_DROP = 0.03;

/** Options of {@linkcode btmEffectComparison}. */
export interface BtmEffectComparisonOptions {
  /** The accuracy drop still called "a few points", as a fraction; default {@linkcode ALLOWED_ACCURACY_DROP}. */
  allowedAccuracyDrop?: number;
}

/**
 * The claim "BTM raises the H-mean and the G-mean for most methods while
 * accuracy drops by at most a few points" as one comparison: more than half
 * of the methods gain on each mean, and the largest accuracy drop is below
 * the allowance.
 */
export function btmEffectComparison(
  effect: BtmEffect,
  options: BtmEffectComparisonOptions = {},
): Comparison {
  const allowed = options.allowedAccuracyDrop ?? ALLOWED_ACCURACY_DROP;
  if (typeof allowed !== "number" || !(allowed >= 0 && allowed <= 1)) {
    throw new RangeError(`Cannot allow an accuracy drop of ${allowed}: give a fraction in [0, 1]`);
  }
  const half = { label: `half of the ${effect.methods} methods`, value: effect.methods / 2 };
  const count = { unit: "number", digits: 1 } as const;
  const dropLabel = effect.largestAccuracyDropMethod === null
    ? "the largest accuracy drop (none)"
    : `the largest accuracy drop (${effect.largestAccuracyDropMethod})`;
  return allOf([
    greaterThan(
      { label: "methods whose H-mean BTM raises", value: effect.harmonicRaised },
      half,
      count,
    ),
    greaterThan(
      { label: "methods whose G-mean BTM raises", value: effect.geometricRaised },
      half,
      count,
    ),
    greaterThan(
      { label: "the allowed accuracy drop", value: allowed },
      { label: dropLabel, value: effect.largestAccuracyDrop },
    ),
  ]);
}

/** Which paper table a comparison reproduces, for {@linkcode btmEffectVerdict}. */
export interface BtmEffectVerdictOptions {
  /** The table, e.g. `Table 2`. */
  table: string;
  /** Where the paper makes the claim, e.g. `BTM paper, Table 2 (Places-LT)`. */
  source: string;
}

/**
 * The verdict of Tables 2–4 on one benchmark: "BTM raises the H-mean and the
 * G-mean for most methods, while accuracy drops by at most a few points"
 * ({@linkcode ALLOWED_ACCURACY_DROP}), from a method comparison's effect.
 */
export function btmEffectVerdict(
  result: { data: { name: string }; effect: BtmEffect },
  options: BtmEffectVerdictOptions,
): Verdict {
  const drop = Number((100 * ALLOWED_ACCURACY_DROP).toFixed(6));
  return verdict(
    `${options.table} (${result.data.name}): BTM raises the H-mean and the G-mean for most of the ${result.effect.methods} methods, while accuracy drops by at most ${drop} points`,
    btmEffectComparison(result.effect, { allowedAccuracyDrop: ALLOWED_ACCURACY_DROP }),
    { source: options.source },
  );
}
