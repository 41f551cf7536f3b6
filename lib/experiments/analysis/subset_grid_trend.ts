/**
 * What BTM Table 7's grid says about N_D: does merging more balanced
 * fine-tunes raise a metric, and does the gain level off?
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";
import { allOf, type Comparison, greaterThan, type Verdict, verdict } from "../../report/mod.ts";
import { gridMatrix } from "./grid_matrix.ts";
import type { SubsetGridResult } from "../sections/subset_grid.ts";

/** Options of {@linkcode subsetGridTrend}. */
export interface SubsetGridTrendOptions {
  /** Metric read from the cells; default `harmonicMean` (BTM's headline metric). */
  metric?: Exclude<keyof RecallSummary, "zeroClasses">;
  /** Which model of each cell; default `postTrained` (BTM's result). */
  stage?: "merged" | "postTrained";
}

/** A step between two N_D values, averaged over N_C. */
export interface SubsetGridStep {
  /** N_D before the step. */
  from: number;
  /** N_D after the step. */
  to: number;
  /** Change of the metric, in points (100 × fraction), averaged over the N_C rows. */
  meanGainPoints: number;
}

/** What {@linkcode subsetGridTrend} returns. */
export interface SubsetGridTrend {
  /** The metric read. */
  metric: Exclude<keyof RecallSummary, "zeroClasses">;
  /** The model read. */
  stage: "merged" | "postTrained";
  /** Every step between consecutive N_D values (ascending), averaged over N_C. */
  steps: SubsetGridStep[];
  /** For every N_C, the metric at the largest N_D exceeds that at the smallest. */
  raises: Comparison;
  /**
   * The last step's mean gain is smaller than the first step's (the gain levels
   * off). Needs at least three N_D values.
   */
  plateau: Comparison;
}

/**
 * Reads the N_D trend of a {@linkcode SubsetGridResult}: the comparisons
 * behind "more subsets raise the metric, up to a plateau".
 *
 * @example
 * ```ts
 * import { subsetGridTrend } from "./subset_grid_trend.ts";
 * import type { SubsetGridResult } from "../sections/subset_grid.ts";
 * const m = (h: number) => ({ summary: { harmonicMean: h }, recalls: [] });
 * const r = {
 *   subsetCounts: [1, 2, 4], perClassValues: [5],
 *   cells: [[1, 0.1], [2, 0.2], [4, 0.22]].map(([n, h]) => ({ subsets: n, perClass: 5, postTrained: m(h) })),
 * } as unknown as SubsetGridResult;
 * const t = subsetGridTrend(r);
 * if (!t.raises.holds || !t.plateau.holds) throw new Error(t.plateau.evidence);
 * ```
 */
export function subsetGridTrend(
  result: Pick<SubsetGridResult, "subsetCounts" | "perClassValues" | "cells">,
  options: SubsetGridTrendOptions = {},
): SubsetGridTrend {
  const metric = options.metric ?? "harmonicMean";
  const stage = options.stage ?? "postTrained";
  if (result.subsetCounts.length < 3) {
    throw new RangeError(
      `Cannot read an N_D trend from ${result.subsetCounts.length} N_D values (${
        result.subsetCounts.join(", ")
      }): a plateau needs at least three`,
    );
  }
  const matrix = gridMatrix(result, metric, { stage }); // [N_C][N_D] in the given orders
  const order = result.subsetCounts.map((n, c) => ({ n, c })).sort((a, b) => a.n - b.n);
  const steps: SubsetGridStep[] = [];
  for (let k = 1; k < order.length; k++) {
    const gains = matrix.map((row) => row[order[k].c] - row[order[k - 1].c]);
    steps.push({
      from: order[k - 1].n,
      to: order[k].n,
      meanGainPoints: 100 * gains.reduce((a, b) => a + b, 0) / gains.length,
    });
  }
  const lo = order[0];
  const hi = order[order.length - 1];
  const raises = allOf(result.perClassValues.map((perClass, r) =>
    greaterThan(
      { label: `N_D = ${hi.n}, N_C = ${perClass}`, value: matrix[r][hi.c] },
      { label: `N_D = ${lo.n}, N_C = ${perClass}`, value: matrix[r][lo.c] },
    )
  ));
  const first = steps[0];
  const last = steps[steps.length - 1];
  const plateau = greaterThan(
    { label: `mean gain N_D ${first.from}→${first.to} (points)`, value: first.meanGainPoints },
    { label: `mean gain N_D ${last.from}→${last.to} (points)`, value: last.meanGainPoints },
    { unit: "number", digits: 2 },
  );
  return { metric, stage, steps, raises, plateau };
}

/** The verdicts of Table 7, in the notebook's order, and the steps they read. */
export interface SubsetGridClaims {
  /** The H-mean trend over N_D. */
  trend: SubsetGridTrend;
  /** The mean H-mean change of each N_D step, in words. */
  steps: string;
  /** More balanced subsets raise BTM's H-mean, up to a plateau. */
  moreSubsets: Verdict;
  /** Every cell beats the same post-training without BTM on the H-mean. */
  everyCellBeatsBaseline: Verdict;
}

/**
 * Table 7's claims on the post-trained cells: "more subsets raise the
 * H-mean" (for every N_C, the largest N_D beats the smallest) "up to a
 * plateau" (averaged over N_C, the last N_D step gains less than the
 * first); and every cell beats the baseline without BTM.
 */
export function subsetGridClaims(
  result: Pick<SubsetGridResult, "subsetCounts" | "perClassValues" | "cells" | "baseline">,
): SubsetGridClaims {
  const trend = subsetGridTrend(result, { metric: "harmonicMean" });
  return {
    trend,
    steps: "mean H-mean change per N_D step: " +
      trend.steps.map((s) => `${s.from} → ${s.to}: ${s.meanGainPoints.toFixed(2)} points`)
        .join("; "),
    moreSubsets: verdict(
      "Table 7 (our reading): more balanced subsets (N_D) raise BTM's H-mean, up to a plateau",
      allOf([trend.raises, trend.plateau]),
      { source: "BTM paper, Table 7" },
    ),
    everyCellBeatsBaseline: verdict(
      "Every cell of the grid has a higher H-mean than the same post-training without BTM",
      allOf(
        result.cells.map((c) =>
          greaterThan(
            {
              label: `N_D = ${c.subsets}, N_C = ${c.perClass}`,
              value: c.postTrained.summary.harmonicMean,
            },
            { label: "no BTM", value: result.baseline.summary.harmonicMean },
          )
        ),
      ),
      { source: "BTM paper, Table 7 (BTM against its stage-2 baseline)" },
    ),
  };
}
