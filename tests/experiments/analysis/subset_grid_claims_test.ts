import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  crossCell,
  LITTLE_CHANGE,
  subsetGridClaims,
} from "../../../lib/experiments/analysis/subset_grid_claims.ts";
import { assertQuoted, s } from "./_fixtures.ts";

const grid = (seed: number, h: Record<string, number>, baseline = 0.1) => ({
  seed,
  center: { subsets: 10, perClass: 10 },
  subsetCounts: [2, 4, 8, 10, 20],
  perClassValues: [5, 10, 20],
  baseline: { summary: s(baseline) },
  cells: Object.entries(h).map(([k, v]) => {
    const [subsets, perClass] = k.split(",").map(Number);
    return { subsets, perClass, postTrained: { summary: s(v, v + 0.05) } };
  }),
});
// The paper's Table 7 H-means, as fractions.
const paperLike = {
  "2,10": 0.2843,
  "4,10": 0.2911,
  "8,10": 0.282,
  "10,10": 0.298,
  "20,10": 0.1517,
  "10,5": 0.2848,
  "10,20": 0.2959,
};

Deno.test("Table 7's cross: the N_D arm rises then drops, the N_C arm barely moves", () => {
  const c = subsetGridClaims([grid(0, paperLike), grid(1, paperLike)] as never);
  assertEquals(c.nd.record.status, "holds", c.nd.record.sentence);
  assertEquals(c.nc.record.status, "holds", c.nc.record.sentence);
  assertEquals(c.everyCellBeatsBaseline.record.status, "holds");
  assertEquals(c.nd.record.scope, "N_C = 10: N_D 2 → 4, 10 → 20");
  assertStringIncludes(c.nd.record.sentence, "(paper 29.11 vs 28.43)");
  assertStringIncludes(c.nd.record.sentence, "(paper 29.80 vs 15.17)");
  // The paper's own spread over N_C: 1.32 points on H.
  assertEquals(c.nc.record.parts[0].a.paper, 1.32);
  assertQuoted(c.nd.record);
  assertQuoted(c.nc.record);
});

Deno.test("Table 7: no drop at N_D = 20, or N_C moving H by more than 2 points, fails", () => {
  const noDrop = subsetGridClaims([grid(0, { ...paperLike, "20,10": 0.31 })] as never);
  assertEquals(noDrop.nd.record.status, "does not hold");
  const moving = subsetGridClaims([
    grid(0, { ...paperLike, "10,5": 0.298 - LITTLE_CHANGE - 0.001 }),
  ] as never);
  assertEquals(moving.nc.record.status, "does not hold");
  assertEquals(
    crossCell(grid(0, paperLike) as never, 4, 10).postTrained.summary.harmonicMean,
    0.2911,
  );
  assertThrows(
    () => crossCell(grid(0, paperLike) as never, 4, 5),
    Error,
    "no cell N_D = 4, N_C = 5",
  );
});
