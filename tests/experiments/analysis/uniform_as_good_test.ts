import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  MERGE_STRATEGY_DEFS,
  type MergeOutcome,
} from "../../../lib/experiments/sections/merge_strategies.ts";
import {
  AS_GOOD_TOLERANCE,
  mergeStrategiesClaims,
  uniformAsGood,
} from "../../../lib/experiments/analysis/uniform_as_good.ts";
import type { RecallSummary } from "../../../lib/metrics/mod.ts";

const s = (h: number, g: number): RecallSummary => ({
  harmonicMean: h,
  geometricMean: g,
  accuracy: 0.5,
  lowestRecall: 0,
  zeroClasses: 0,
});
const outcome = (name: string, before: number, after: number): MergeOutcome => ({
  name,
  def: MERGE_STRATEGY_DEFS[name],
  ratios: [0.5, 0.5],
  kept: [0, 1],
  before: { val: s(before, before), test: s(before, before) },
  after: {
    val: s(after, after),
    test: s(after, after),
    stage: {
      key: "k",
      fromCache: false,
      history: { epochLosses: [], imagesPerSecond: 0, seconds: 0, images: 0, backend: "wasm" },
    },
  },
});

Deno.test("uniformAsGood holds when the uniform merge is above or within the tolerance of every other", () => {
  const c = uniformAsGood([
    outcome("uniform", 0.3, 0.4),
    outcome("adaptive-h", 0.2, 0.405), // 0.5 points better: within 1 point
    outcome("greedy-g", 0.5, 0.3), // worse after post-train
  ]);
  assert(c.holds, c.evidence);
  assert(c.evidence.startsWith("all 4 comparisons hold"), c.evidence);
  assert(c.evidence.includes("Uniform average H-mean is 40.00%"), c.evidence);
  assert(c.evidence.includes("lower by 0.50 points"), c.evidence);
  // Before post-train the greedy soup is 20 points better: the claim fails there.
  const before = uniformAsGood(
    [outcome("uniform", 0.3, 0.4), outcome("greedy-g", 0.5, 0.3)],
    { stage: "before", metrics: ["harmonicMean"] },
  );
  assertEquals(before.holds, false);
  assert(before.evidence.includes("lower by 20.00 points"), before.evidence);
  // A tighter tolerance turns the 0.5-point gap into a failure.
  assertEquals(
    uniformAsGood([outcome("uniform", 0.3, 0.4), outcome("adaptive-h", 0.2, 0.405)], {
      tolerance: 0.001,
    }).holds,
    false,
  );
});

Deno.test("uniformAsGood needs the uniform merge and another one", () => {
  assertThrows(
    () => uniformAsGood([outcome("greedy-h", 0.3, 0.4)]),
    Error,
    "the outcomes are greedy-h",
  );
  assertThrows(
    () =>
      uniformAsGood([outcome("uniform", 0.3, 0.4), outcome("greedy-h", 0.3, 0.4)], {
        tolerance: -1,
      }),
    RangeError,
    "tolerance -1",
  );
});

Deno.test("mergeStrategiesClaims judges after and before post-training separately", () => {
  const c = mergeStrategiesClaims({
    outcomes: [outcome("uniform", 0.3, 0.4), outcome("greedy-h", 0.5, 0.395)],
  });
  assertEquals(
    c.after.record.claim,
    "After post-training, the uniform average is as good as every fancier merge (test H- and G-mean within 1 point or above)",
  );
  assertEquals(c.after.record.holds, true);
  assertEquals(c.before.record.claim.startsWith("Before post-training, the uniform average"), true);
  assertEquals(c.before.record.holds, false); // the greedy soup is 20 points better before
  assertEquals(AS_GOOD_TOLERANCE, 0.01);
});
