import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import type { SubsetGridResult } from "../../../lib/experiments/sections/subset_grid.ts";
import {
  subsetGridClaims,
  subsetGridTrend,
} from "../../../lib/experiments/analysis/subset_grid_trend.ts";

/** A grid whose post-trained H-mean is `h[r][c]` at N_C row r, N_D column c. */
function grid(subsetCounts: number[], h: number[][]): SubsetGridResult {
  const perClassValues = h.map((_, r) => 5 * (r + 1));
  const cells = perClassValues.flatMap((perClass, r) =>
    subsetCounts.map((subsets, c) => ({
      subsets,
      perClass,
      merged: { summary: { harmonicMean: 1 - h[r][c] }, recalls: [] },
      postTrained: { summary: { harmonicMean: h[r][c] }, recalls: [] },
    }))
  );
  return { subsetCounts, perClassValues, cells } as unknown as SubsetGridResult;
}

Deno.test("subsetGridTrend reads a rise that levels off, in ascending N_D", () => {
  // columns given out of order: N_D 8, 2, 4
  const t = subsetGridTrend(grid([8, 2, 4], [[0.32, 0.2, 0.3], [0.42, 0.3, 0.4]]));
  assertEquals(t.steps.map((s) => [s.from, s.to]), [[2, 4], [4, 8]]);
  assertAlmostEquals(t.steps[0].meanGainPoints, 10, 1e-9);
  assertAlmostEquals(t.steps[1].meanGainPoints, 2, 1e-9);
  assertEquals(t.raises.holds, true);
  assertEquals(t.plateau.holds, true);
  assertEquals(t.raises.evidence.startsWith("all 2 comparisons hold"), true);
});

Deno.test("subsetGridTrend fails the claims when a row falls or the gain grows", () => {
  const falls = subsetGridTrend(grid([2, 4, 8], [[0.3, 0.31, 0.32], [0.4, 0.38, 0.35]]));
  assertEquals(falls.raises.holds, false);
  assertEquals(falls.raises.evidence.includes("N_D = 8, N_C = 10 is 35.0%"), true);
  const accelerates = subsetGridTrend(grid([2, 4, 8], [[0.2, 0.21, 0.3]]));
  assertEquals(accelerates.raises.holds, true);
  assertEquals(accelerates.plateau.holds, false);
  // the merged stage is read when asked: there H-mean falls with N_D
  const merged = subsetGridTrend(grid([2, 4, 8], [[0.2, 0.3, 0.35]]), { stage: "merged" });
  assertEquals(merged.raises.holds, false);
});

Deno.test("subsetGridTrend needs three N_D values", () => {
  assertThrows(() => subsetGridTrend(grid([2, 4], [[0.2, 0.3]])), RangeError, "at least three");
});

Deno.test("subsetGridClaims: the trend verdict and every cell against the baseline", () => {
  const g = grid([2, 4, 8], [[0.2, 0.3, 0.32], [0.3, 0.4, 0.42]]);
  const baseline = (h: number) => ({ baseline: { summary: { harmonicMean: h } } });
  const holds = subsetGridClaims({ ...g, ...baseline(0.1) } as unknown as SubsetGridResult);
  assertEquals(holds.moreSubsets.record.holds, true);
  assertEquals(holds.moreSubsets.record.source, "BTM paper, Table 7");
  assertEquals(holds.everyCellBeatsBaseline.record.holds, true);
  assertEquals(
    holds.steps,
    "mean H-mean change per N_D step: 2 → 4: 10.00 points; 4 → 8: 2.00 points",
  );
  // A baseline above one cell (N_D = 2, N_C = 5: 20%) fails the second claim only.
  const fails = subsetGridClaims({ ...g, ...baseline(0.25) } as unknown as SubsetGridResult);
  assertEquals(fails.moreSubsets.record.holds, true);
  assertEquals(fails.everyCellBeatsBaseline.record.holds, false);
  assertEquals(
    fails.everyCellBeatsBaseline.record.evidence.includes(
      "N_D = 2, N_C = 5 is 20.0% and no BTM is 25.0%",
    ),
    true,
  );
});
