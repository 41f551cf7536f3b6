import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { adaptiveRatio } from "../../lib/merge/adaptive_ratio.ts";

Deno.test("adaptiveRatio: proportional to the scores, summing to one", () => {
  assertEquals(adaptiveRatio([1, 3]), [0.25, 0.75]);
  const r = adaptiveRatio([0.31, 0.27, 0.42, 0]);
  assertAlmostEquals(r[0], 0.31, 1e-15);
  assertAlmostEquals(r[2], 0.42, 1e-15);
  assertEquals(r[3], 0);
  assertAlmostEquals(r.reduce((a, b) => a + b), 1, 1e-15);
});

Deno.test("adaptiveRatio: zero total or bad scores are errors", () => {
  assertThrows(() => adaptiveRatio([0, 0]), RangeError, "scores 0, 0: they sum to zero");
  assertThrows(() => adaptiveRatio([]), RangeError, "non-empty");
  assertThrows(() => adaptiveRatio([0.5, -0.1]), RangeError, "score -0.1 of model 1");
  assertThrows(() => adaptiveRatio([NaN]), RangeError, "score NaN of model 0");
});
