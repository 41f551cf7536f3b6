/**
 * What BTM changes, method by method: the H-mean, G-mean, lowest recall and
 * accuracy without and with it, and the counts of methods it improves (data
 * for tables; the verdicts of Tables 2–4 are in `tables_2_4.ts`).
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";

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
  if (!Array.isArray(pairs)) {
    throw new RangeError(`Cannot measure BTM's effect on ${pairs}: give a list of methods`);
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
