/**
 * One metric of every cell of BTM Table 7's grid as a matrix (rows N_C,
 * columns N_D), for heatmaps and trends.
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";
import type { SubsetGridResult } from "../sections/subset_grid.ts";

/** Options of {@linkcode gridMatrix}. */
export interface GridMatrixOptions {
  /** Which model of each cell: `postTrained` (BTM's result, default) or `merged` (before post-training). */
  stage?: "merged" | "postTrained";
}

/**
 * One metric of every cell as a matrix for a heatmap: row r is
 * `perClassValues[r]` (N_C), column c is `subsetCounts[c]` (N_D).
 *
 * @example
 * ```ts
 * import { gridMatrix } from "./grid_matrix.ts";
 * import type { SubsetGridResult } from "../sections/subset_grid.ts";
 * const m = (h: number) => ({ summary: { harmonicMean: h }, recalls: [] });
 * const r = {
 *   subsetCounts: [2, 4], perClassValues: [5],
 *   cells: [{ subsets: 4, perClass: 5, postTrained: m(0.3) }, { subsets: 2, perClass: 5, postTrained: m(0.2) }],
 * } as unknown as SubsetGridResult;
 * if (gridMatrix(r, "harmonicMean").join() !== "0.2,0.3") throw new Error();
 * ```
 */
export function gridMatrix(
  result: Pick<SubsetGridResult, "subsetCounts" | "perClassValues" | "cells">,
  metric: Exclude<keyof RecallSummary, "zeroClasses">,
  options: GridMatrixOptions = {},
): number[][] {
  const stage = options.stage ?? "postTrained";
  return result.perClassValues.map((perClass) =>
    result.subsetCounts.map((subsets) => {
      const cell = result.cells.find((c) => c.subsets === subsets && c.perClass === perClass);
      const value = cell?.[stage].summary[metric];
      if (typeof value !== "number") {
        throw new Error(
          `Cannot read ${metric} of cell N_D = ${subsets}, N_C = ${perClass} (${stage}): the grid has no such value`,
        );
      }
      return value;
    })
  );
}
