/**
 * Section 3.1's claims about judging a long-tailed classifier by means of
 * per-class recall (notebook 01): fixed recall vectors, their generalized
 * means, and the verdicts. Nothing is trained; no tfjs.
 *
 * @module
 */
import { harmonicMean, type RecallSummary, summarizeRecalls } from "../../metrics/mod.ts";
import {
  allOf,
  closeTo,
  type ComparisonColumn,
  greaterThan,
  type Verdict,
  verdict,
} from "../../report/mod.ts";
import { type NamedMeans, type PowerMeanCurve, powerMeanCurve } from "./power_mean_curve.ts";

/**
 * The recall vectors the section is illustrated with. The last is the shape
 * of a long-tailed model (recall falling linearly from head to tail), not a
 * measured model.
 */
export const RECALL_EXAMPLES: Readonly<Record<string, readonly number[]>> = {
  "{0.1, 0.9}": [0.1, 0.9],
  "{0.01, 0.99}": [0.01, 0.99],
  "10 classes at 0.9": Array(10).fill(0.9),
  "9 classes at 0.9, one at 0.1": [...Array(9).fill(0.9), 0.1],
  "100 classes, 0.9 falling to 0.1": Array.from({ length: 100 }, (_, i) => 0.9 - 0.8 * i / 99),
};

/** Columns of a table of {@linkcode NamedMeans}, labelled by their power. */
export const NAMED_MEAN_COLUMNS: readonly ComparisonColumn[] = [
  { key: "lowest", label: "M_−∞ (lowest)" },
  { key: "harmonic", label: "M_−1 (H-mean)" },
  { key: "geometric", label: "M_0 (G-mean)" },
  { key: "arithmetic", label: "M_1 (accuracy)" },
];

/** Columns of the same table labelled as `summarizeRecalls` names the means. */
export const SUMMARY_MEAN_COLUMNS: readonly ComparisonColumn[] = [
  { key: "lowest", label: "Lowest" },
  { key: "harmonic", label: "H-mean" },
  { key: "geometric", label: "G-mean" },
  { key: "arithmetic", label: "Accuracy" },
];

/**
 * The worked examples as quoted in the issue (the papers' text was not
 * available when they were written down): each vector's stated means.
 */
export const WORKED_EXAMPLES: readonly {
  vector: string;
  stated: readonly [label: string, mean: keyof NamedMeans, value: number][];
}[] = [
  {
    vector: "{0.1, 0.9}",
    stated: [["A", "arithmetic", 0.5], ["G", "geometric", 0.3], ["H", "harmonic", 0.18]],
  },
  {
    vector: "{0.01, 0.99}",
    stated: [["H", "harmonic", 0.0198], ["G", "geometric", 0.0995], ["A", "arithmetic", 0.5]],
  },
];

/** How far a computed mean may be from a worked example's stated value: the values are rounded to 4 decimals. */
export const WORKED_EXAMPLE_TOLERANCE = 1e-4;

/**
 * When the H-mean "punishes one bad class far more than accuracy": its drop
 * is more than this many times accuracy's (our threshold; the papers give none).
 */
export const FAR_MORE_FACTOR = 3;

/** What {@linkcode metricsClaims} returns: the curves, the examples' numbers, and the verdicts. */
export interface MetricsClaims {
  /** M_p of each of {@linkcode RECALL_EXAMPLES}. */
  curves: Record<string, PowerMeanCurve>;
  /** One bad class among ten: the drop of accuracy, G-mean and H-mean, in words. */
  oneBadClass: string;
  /** Two models that each miss class 0, without and with the 10⁻³ floor: table rows by name. */
  zeroFloorRows: { method: string; ours: Record<string, number> }[];
  /** The verdicts, in the notebook's order. */
  verdicts: { workedExamples: Verdict; oneBadClass: Verdict; zeroFloor: Verdict };
}

function floored(s: RecallSummary): Record<string, number> {
  return {
    lowest: s.lowestRecall,
    harmonic: s.harmonicMean,
    geometric: s.geometricMean,
    arithmetic: s.accuracy,
  };
}

/**
 * Computes Section 3.1's examples and states its three claims: the worked
 * examples, the H-mean's punishment of one bad class, and the zero-floor
 * convention (without a floor two models that each miss a class tie at an
 * H-mean of 0; with the 10⁻³ floor of `summarizeRecalls` they are ranked).
 *
 * @example
 * ```ts
 * import { metricsClaims } from "./metrics_claims.ts";
 * const c = metricsClaims();
 * if (!c.verdicts.workedExamples.record.holds) throw new Error(c.verdicts.workedExamples.record.evidence);
 * ```
 */
export function metricsClaims(): MetricsClaims {
  const curves = Object.fromEntries(
    Object.entries(RECALL_EXAMPLES).map(([name, r]) => [name, powerMeanCurve(r)]),
  );
  const workedExamples = verdict(
    "The worked examples: {0.1, 0.9} gives A 0.5, G 0.3, H 0.18; {0.01, 0.99} gives H ≈ 0.0198, G ≈ 0.0995, A 0.5",
    allOf(
      WORKED_EXAMPLES.flatMap(({ vector, stated }) =>
        stated.map(([label, mean, value]) =>
          closeTo(
            { label: `${label}${vector.replaceAll(" ", "")}`, value: curves[vector].named[mean] },
            { label: "stated", value },
            { tolerance: WORKED_EXAMPLE_TOLERANCE, digits: 2 },
          )
        )
      ),
    ),
    { source: "Section 3.1 worked examples (values as quoted in the issue)" },
  );

  const good = curves["10 classes at 0.9"].named;
  const oneBad = curves["9 classes at 0.9, one at 0.1"].named;
  const drops = {
    accuracy: good.arithmetic - oneBad.arithmetic,
    harmonic: harmonicMean(RECALL_EXAMPLES["10 classes at 0.9"]) -
      harmonicMean(RECALL_EXAMPLES["9 classes at 0.9, one at 0.1"]),
    geometric: good.geometric - oneBad.geometric,
  };
  const pts = (v: number) => (100 * v).toFixed(1);
  const oneBadText = `accuracy drop ${pts(drops.accuracy)} points, G-mean drop ${
    pts(drops.geometric)
  }, H-mean drop ${pts(drops.harmonic)} (${
    (drops.harmonic / drops.accuracy).toFixed(1)
  }× accuracy's)`;
  const oneBadClass = verdict(
    `The harmonic mean punishes one bad class far more than accuracy (its drop exceeds ${FAR_MORE_FACTOR}× accuracy's)`,
    greaterThan(
      { label: "H-mean drop", value: drops.harmonic },
      { label: `${FAR_MORE_FACTOR} × accuracy drop`, value: FAR_MORE_FACTOR * drops.accuracy },
    ),
    { source: "Section 3.1 (our reading)" },
  );

  const missA = [0, ...Array(9).fill(0.9)];
  const missB = [0, ...Array(9).fill(0.5)];
  const floor = { A: summarizeRecalls(missA), B: summarizeRecalls(missB) };
  const zeroFloor = verdict(
    "Without a floor the H-mean cannot rank two models that each miss a class; with the 1e-3 floor it ranks them",
    allOf([
      closeTo(
        { label: "H-mean of A, no floor", value: harmonicMean(missA) },
        { label: "H-mean of B, no floor", value: harmonicMean(missB) },
        { tolerance: 0, digits: 2 },
      ),
      greaterThan(
        { label: "H-mean of A, floor 1e-3", value: floor.A.harmonicMean },
        { label: "H-mean of B, floor 1e-3", value: floor.B.harmonicMean },
        { digits: 2 },
      ),
    ]),
    { source: "Section 3.1 (our reading of the zero-floor convention)" },
  );
  return {
    curves,
    oneBadClass: oneBadText,
    zeroFloorRows: [
      { method: "A, no floor (generalizedMean)", ours: { ...powerMeanCurve(missA).named } },
      { method: "B, no floor (generalizedMean)", ours: { ...powerMeanCurve(missB).named } },
      { method: "A, floor 1e-3 (summarizeRecalls)", ours: floored(floor.A) },
      { method: "B, floor 1e-3 (summarizeRecalls)", ours: floored(floor.B) },
    ],
    verdicts: { workedExamples, oneBadClass, zeroFloor },
  };
}
