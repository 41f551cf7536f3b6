/**
 * Table 6's question in one comparison: is the uniform average of the BTM
 * members as good as the fancier merges (adaptive ratios, greedy soups)?
 *
 * @module
 */
import { allOf, type Comparison, formatFraction, type Verdict, verdict } from "../../report/mod.ts";
import type {
  MergeOutcome,
  MergeScore,
  MergeStrategiesResult,
} from "../sections/merge_strategies.ts";
import { SUMMARY_LABELS } from "./summary_row.ts";

/**
 * How far below another merge the uniform average may be and still count as
 * "as good", as a fraction: 0.01 (1 point), our reading of Table 6's claim.
 */
export const AS_GOOD_TOLERANCE = 0.01;

/** Options of {@linkcode uniformAsGood}. */
export interface UniformAsGoodOptions {
  /** Before or after post-training; default `after` (the models BTM ends with). */
  stage?: "before" | "after";
  /** Test metrics compared; default H-mean and G-mean. */
  metrics?: readonly MergeScore[];
  /** How far below another strategy the uniform average may be, as a fraction; default {@linkcode AS_GOOD_TOLERANCE}. */
  tolerance?: number;
  /** Digits after the decimal point in the evidence; default 2 (merges differ by tenths of points). */
  digits?: number;
}

/**
 * The claim "the uniform average is as good as the other strategies": for
 * every other outcome and metric, the uniform merge's test value is at least
 * the other's minus the tolerance. One comparison per pair, combined.
 */
export function uniformAsGood(
  outcomes: readonly MergeOutcome[],
  options: UniformAsGoodOptions = {},
): Comparison {
  const stage = options.stage ?? "after";
  const metrics = options.metrics ?? ["harmonicMean", "geometricMean"];
  const tolerance = options.tolerance ?? AS_GOOD_TOLERANCE;
  if (!(tolerance >= 0 && tolerance <= 1)) {
    throw new RangeError(`Cannot compare with tolerance ${tolerance}: give a fraction in [0, 1]`);
  }
  const uniform = outcomes.find((o) => o.def.kind === "uniform");
  const others = outcomes.filter((o) => o.def.kind !== "uniform");
  if (!uniform || others.length === 0) {
    throw new Error(
      `Cannot compare the uniform average with other merges: the outcomes are ${
        outcomes.map((o) => o.name).join(", ") || "none"
      }; need "uniform" and at least one other`,
    );
  }
  const digits = options.digits ?? 2;
  const pct = (v: number) => formatFraction(v, { digits });
  const pts = (v: number) => (v * 100).toFixed(digits);
  const parts: Comparison[] = [];
  for (const metric of metrics) {
    const u = uniform[stage].test[metric];
    for (const o of others) {
      const x = o[stage].test[metric];
      const d = u - x;
      const holds = d >= -tolerance;
      const a = `${uniform.def.label} ${SUMMARY_LABELS[metric]}`;
      const b = `${o.def.label} ${SUMMARY_LABELS[metric]}`;
      const relation = d >= 0 ? `higher by ${pts(d)} points` : `lower by ${pts(-d)} points`;
      parts.push({
        holds,
        evidence: `${a} is ${pct(u)} and ${b} is ${pct(x)}: ${relation} ` +
          `(at most ${pts(tolerance)} points lower counts as as good)`,
        values: { [a]: u, [b]: x },
      });
    }
  }
  return allOf(parts);
}

/** The verdicts of Table 6, in the notebook's order. */
export interface MergeStrategiesClaims {
  /** After post-training, the uniform average is as good as every other merge. */
  after: Verdict;
  /** Before post-training, likewise. */
  before: Verdict;
}

/**
 * Table 6's claim "the uniform average is as good as the fancier merges",
 * judged on the final models (after post-training) and, separately, on the
 * merges themselves, with {@linkcode AS_GOOD_TOLERANCE}.
 */
export function mergeStrategiesClaims(
  result: Pick<MergeStrategiesResult, "outcomes">,
): MergeStrategiesClaims {
  const pts = Number((100 * AS_GOOD_TOLERANCE).toFixed(6));
  const claim = (when: string) =>
    `${when}, the uniform average is as good as every fancier merge (test H- and G-mean within ${pts} point${
      pts === 1 ? "" : "s"
    } or above)`;
  const source = { source: "BTM paper, Table 6" };
  return {
    after: verdict(
      claim("After post-training"),
      uniformAsGood(result.outcomes, { stage: "after", tolerance: AS_GOOD_TOLERANCE }),
      source,
    ),
    before: verdict(
      claim("Before post-training"),
      uniformAsGood(result.outcomes, { stage: "before", tolerance: AS_GOOD_TOLERANCE }),
      source,
    ),
  };
}
