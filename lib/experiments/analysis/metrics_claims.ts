/**
 * Section 3.1's claims about judging a long-tailed classifier by means of
 * per-class recall (notebook 01): the paper's worked examples recomputed
 * (BTM `btm_paper.txt:235`, GML `gml_paper.txt:115`), the zero floor
 * (`btm_paper.txt:576`), and our claim on one bad class. Fixed recall
 * vectors; nothing is trained; no tfjs.
 *
 * @module
 */
import {
  generalizedMean,
  harmonicMean,
  type RecallSummary,
  summarizeRecalls,
} from "../../metrics/mod.ts";
import { paperClaim, paperNumber } from "../../paper/mod.ts";
import type { CheckPart, ComparisonColumn, Verdict } from "../../report/mod.ts";
import { checkClaim } from "./paper_verdict.ts";
import { type NamedMeans, type PowerMeanCurve, powerMeanCurve } from "./power_mean_curve.ts";

/**
 * The recall vectors the section is illustrated with: the two papers' worked
 * examples, one bad class among ten, and the shape of a long-tailed model
 * (recall falling linearly from head to tail, not a measured model).
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
 * The tolerance of a number printed with `printed`'s decimals: half a unit
 * of its last digit (0.18 → 0.005, 0.3 → 0.05), so a recomputed value
 * "matches" when it rounds to what the paper prints.
 *
 * @example
 * ```ts
 * import { printedTolerance } from "./metrics_claims.ts";
 * if (printedTolerance("0.18") !== 0.005 || printedTolerance("0.5") !== 0.05) throw new Error();
 * ```
 */
export function printedTolerance(printed: string): number {
  const decimals = printed.includes(".") ? printed.split(".")[1].replace(/\D.*$/, "").length : 0;
  return Number((0.5 * 10 ** -decimals).toFixed(decimals + 1));
}

/** Float rounding allowed where two computations of one value must agree exactly. */
export const SAME_VALUE = 1e-6;

/**
 * When the H-mean "punishes one bad class far more than accuracy": its drop
 * is more than this many times accuracy's (our threshold; the papers give none).
 */
export const FAR_MORE_FACTOR = 3;

/** The zero-floor examples: a model missing one class, and one with a recall below 10⁻³ that is not zero. */
export const FLOOR_EXAMPLES: Readonly<Record<string, readonly number[]>> = {
  "{0, 0.5, 1}": [0, 0.5, 1],
  "{0.0005, 1}": [0.0005, 1],
};

/** What {@linkcode metricsClaims} returns: the curves, the examples' numbers, and the verdicts. */
export interface MetricsClaims {
  /** M_p of each of {@linkcode RECALL_EXAMPLES}. */
  curves: Record<string, PowerMeanCurve>;
  /** One bad class among ten: the drop of accuracy, G-mean and H-mean, in words. */
  oneBadClass: string;
  /** The floor examples: without a floor, the papers' floor (zeros only), and the earlier floor (every value below 10⁻³). */
  zeroFloorRows: { method: string; ours: Record<string, number> }[];
  /** The verdicts, in the notebook's order. */
  verdicts: {
    /** `btm-worked-example`. */
    workedExample: Verdict;
    /** `gml-worked-example`. */
    gmlWorkedExample: Verdict;
    /** `ours-one-bad-class`. */
    oneBadClass: Verdict;
    /** `btm-zero-floor`. */
    zeroFloor: Verdict;
  };
}

function floored(s: RecallSummary): Record<string, number> {
  return {
    lowest: s.lowestRecall,
    harmonic: s.harmonicMean,
    geometric: s.geometricMean,
    arithmetic: s.accuracy,
  };
}

/** The parts of a worked example: each printed mean recomputed, to its printed digits. */
function workedParts(
  id: string,
  vector: string,
  curve: PowerMeanCurve,
  names: [number: string, mean: keyof NamedMeans, label: string][],
): CheckPart[] {
  const claim = paperClaim(id);
  return names.map(([name, mean, label]) => {
    const n = claim.paperNumbers!.find((x) => x.name === name)!;
    return {
      what: `${label} of ${vector}`,
      a: { label: "computed", ours: [curve.named[mean]], paper: n.value },
      expect: "match" as const,
      bound: printedTolerance(n.printed),
      unit: "number" as const,
    };
  });
}

/**
 * Computes Section 3.1's examples and states its claims: BTM's and GML's
 * worked examples (each printed mean recomputed; H closest to the minimum),
 * the H-mean's punishment of one bad class (ours), and the zero floor (a zero
 * recall counts as 10⁻³ in the H- and G-mean, only zeros; without it they
 * are zero).
 *
 * @example
 * ```ts
 * import { metricsClaims } from "./metrics_claims.ts";
 * const c = metricsClaims();
 * if (c.verdicts.workedExample.record.status !== "holds") throw new Error(c.verdicts.workedExample.record.sentence);
 * ```
 */
export function metricsClaims(): MetricsClaims {
  const curves = Object.fromEntries(
    Object.entries(RECALL_EXAMPLES).map(([name, r]) => [name, powerMeanCurve(r)]),
  );
  const btm = curves["{0.1, 0.9}"];
  const x = (name: string) => paperNumber("btm-worked-example", name);
  const workedExample = checkClaim(
    "btm-worked-example",
    [
      ...workedParts("btm-worked-example", "{0.1, 0.9}", btm, [
        ["arithmetic", "arithmetic", "A"],
        ["geometric", "geometric", "G"],
        ["harmonic", "harmonic", "H"],
      ]),
      {
        what: "distance to the minimum 0.1",
        a: {
          label: "H",
          ours: [btm.named.harmonic - btm.named.lowest],
          paper: Number((x("harmonic") - x("x1")).toFixed(4)),
        },
        b: {
          label: "G",
          ours: [btm.named.geometric - btm.named.lowest],
          paper: Number((x("geometric") - x("x1")).toFixed(4)),
        },
        expect: "lower",
        unit: "number",
      },
    ],
    [],
    { digits: 4 },
  );
  const gmlWorkedExample = checkClaim(
    "gml-worked-example",
    workedParts("gml-worked-example", "{0.01, 0.99}", curves["{0.01, 0.99}"], [
      ["arithmetic", "arithmetic", "A"],
      ["harmonic", "harmonic", "H"],
      ["geometric", "geometric", "G"],
    ]),
    [],
    { digits: 4 },
  );

  const good = RECALL_EXAMPLES["10 classes at 0.9"];
  const bad = RECALL_EXAMPLES["9 classes at 0.9, one at 0.1"];
  const drop = (m: (r: readonly number[]) => number) => m(good) - m(bad);
  const drops = {
    accuracy: drop((r) => generalizedMean(r, 1)),
    harmonic: drop((r) => harmonicMean(r)),
    geometric: drop((r) => generalizedMean(r, 0)),
  };
  const pts = (v: number) => (100 * v).toFixed(1);
  const oneBadText = `accuracy drop ${pts(drops.accuracy)} points, G-mean drop ${
    pts(drops.geometric)
  }, H-mean drop ${pts(drops.harmonic)} (${
    (drops.harmonic / drops.accuracy).toFixed(1)
  }× accuracy's)`;
  const oneBadClass = checkClaim("ours-one-bad-class", [{
    what: "drop when one of ten classes falls from 0.9 to 0.1",
    a: { label: "H-mean", ours: [drops.harmonic] },
    b: { label: `${FAR_MORE_FACTOR} × accuracy`, ours: [FAR_MORE_FACTOR * drops.accuracy] },
    note: `our threshold: ${FAR_MORE_FACTOR}× accuracy's drop`,
  }], []);

  const floor = paperNumber("btm-zero-floor", "floor");
  const miss = FLOOR_EXAMPLES["{0, 0.5, 1}"];
  const tiny = FLOOR_EXAMPLES["{0.0005, 1}"];
  const byHand = harmonicMean(miss.map((r) => (r === 0 ? floor : r)));
  const zeroFloor = checkClaim(
    "btm-zero-floor",
    [
      {
        what: "H-mean of {0, 0.5, 1}",
        a: { label: "summarizeRecalls", ours: [summarizeRecalls(miss).harmonicMean] },
        b: { label: "with the zero replaced by 10⁻³", ours: [byHand] },
        expect: "match",
        bound: SAME_VALUE,
        unit: "number",
      },
      {
        what: "H-mean of {0, 0.5, 1} without a floor",
        a: { label: "generalizedMean", ours: [harmonicMean(miss)], paper: 0 },
        expect: "match",
        bound: SAME_VALUE,
        unit: "number",
        note: `"otherwise the harmonic and geometric mean will be zero"`,
      },
      {
        what: "H-mean of {0.0005, 1}: a recall that is not zero is kept",
        a: { label: "summarizeRecalls", ours: [summarizeRecalls(tiny).harmonicMean] },
        b: { label: "no floor", ours: [harmonicMean(tiny)] },
        expect: "match",
        bound: SAME_VALUE,
        unit: "number",
      },
    ],
    [],
    { digits: 6 },
  );
  return {
    curves,
    oneBadClass: oneBadText,
    zeroFloorRows: [
      ...Object.entries(FLOOR_EXAMPLES).flatMap(([name, r]) => [
        { method: `${name}, no floor`, ours: { ...powerMeanCurve(r).named } },
        { method: `${name}, zeros → 10⁻³ (the papers')`, ours: floored(summarizeRecalls(r)) },
        {
          method: `${name}, all below 10⁻³ → 10⁻³`,
          ours: floored(summarizeRecalls(r, { floorMode: "below" })),
        },
      ]),
    ],
    verdicts: { workedExample, gmlWorkedExample, oneBadClass, zeroFloor },
  };
}
