import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import {
  FAR_MORE_FACTOR,
  metricsClaims,
  RECALL_EXAMPLES,
  WORKED_EXAMPLES,
} from "../../../lib/experiments/analysis/metrics_claims.ts";

const c = metricsClaims();

Deno.test("the worked examples hold, and each stated value is checked", () => {
  const v = c.verdicts.workedExamples.record;
  assert(v.holds, v.evidence);
  assertEquals(v.evidence.startsWith("all 6 comparisons hold"), true);
  assertEquals(Object.keys(v.values).filter((k) => k !== "stated"), [
    "A{0.1,0.9}",
    "G{0.1,0.9}",
    "H{0.1,0.9}",
    "H{0.01,0.99}",
    "G{0.01,0.99}",
    "A{0.01,0.99}",
  ]);
  for (const { vector } of WORKED_EXAMPLES) assert(Object.hasOwn(RECALL_EXAMPLES, vector));
  assertAlmostEquals(c.curves["{0.1, 0.9}"].named.harmonic, 0.18, 1e-12);
});

Deno.test("one bad class among ten: the H-mean's drop is far more than accuracy's", () => {
  const v = c.verdicts.oneBadClass.record;
  assert(v.holds, v.evidence);
  assertEquals(v.claim.includes(`${FAR_MORE_FACTOR}× accuracy's`), true);
  // accuracy drops 8 points (0.9 → 0.82); the H-mean from 0.9 to 10/(9/0.9 + 1/0.1) = 0.5;
  // the G-mean to 0.9^0.9 · 0.1^0.1 ≈ 0.7224
  assertAlmostEquals(v.values["H-mean drop"], 0.4, 1e-12);
  assertAlmostEquals(v.values[`${FAR_MORE_FACTOR} × accuracy drop`], 3 * 0.08, 1e-12);
  assertEquals(
    c.oneBadClass,
    "accuracy drop 8.0 points, G-mean drop 17.8, H-mean drop 40.0 (5.0× accuracy's)",
  );
});

Deno.test("the zero floor: without it two models that each miss a class tie, with it they rank", () => {
  const v = c.verdicts.zeroFloor.record;
  assert(v.holds, v.evidence);
  assertEquals(v.values["H-mean of A, no floor"], 0);
  assertEquals(v.values["H-mean of B, no floor"], 0);
  assert(v.values["H-mean of A, floor 1e-3"] > v.values["H-mean of B, floor 1e-3"]);
  assertEquals(c.zeroFloorRows.map((r) => r.method), [
    "A, no floor (generalizedMean)",
    "B, no floor (generalizedMean)",
    "A, floor 1e-3 (summarizeRecalls)",
    "B, floor 1e-3 (summarizeRecalls)",
  ]);
  assertEquals(c.zeroFloorRows[2].ours.lowest, 0); // the true lowest recall, not the floor
});
