import { assertEquals, assertThrows } from "@std/assert";
import { gridMatrix } from "../../../lib/experiments/analysis/grid_matrix.ts";

const cell = (subsets: number, perClass: number, h: number) => ({
  subsets,
  perClass,
  merged: { summary: { harmonicMean: h / 2 } },
  postTrained: { summary: { harmonicMean: h } },
});

Deno.test("gridMatrix is [N_C][N_D] in the given orders, either stage, and names a missing cell", () => {
  const r = {
    subsetCounts: [4, 2],
    perClassValues: [5, 10],
    cells: [cell(2, 5, 0.1), cell(4, 5, 0.2), cell(2, 10, 0.3), cell(4, 10, 0.4)],
  };
  assertEquals(gridMatrix(r as never, "harmonicMean"), [[0.2, 0.1], [0.4, 0.3]]);
  assertEquals(gridMatrix(r as never, "harmonicMean", { stage: "merged" })[1], [0.2, 0.15]);
  assertThrows(
    () => gridMatrix({ ...r, subsetCounts: [8] } as never, "harmonicMean"),
    Error,
    "N_D = 8, N_C = 5",
  );
});
