import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { mergeStrategiesClaims } from "../../../lib/experiments/analysis/merge_strategies_claims.ts";
import { assertQuoted, s } from "./_fixtures.ts";

const outcome = (name: string, label: string, before: number, after: number) => ({
  name,
  def: { label },
  before: { test: s(before, before + 0.05) },
  after: { test: s(after, after + 0.05) },
});

Deno.test("Table 6: fancier merges win before post-train, the average after, as the paper says", () => {
  const outcomes = [
    outcome("uniform", "Uniform average", 0.26, 0.3),
    outcome("adaptive-h", "Adaptive ratio (H-mean)", 0.27, 0.29),
    outcome("greedy-h", "Greedy soup (H-mean)", 0.265, 0.295),
  ];
  const c = mergeStrategiesClaims([{ seed: 0, outcomes }, { seed: 1, outcomes }] as never);
  assertEquals(c.before.record.status, "holds", c.before.record.sentence);
  assertEquals(c.after.record.status, "holds", c.after.record.sentence);
  assertQuoted(c.before.record);
  // The paper's rows beside ours: Adaptive Ratio Based on H-Mean, Merge 26.70 vs Average 26.34.
  assertStringIncludes(c.before.record.sentence, "(paper 26.70 vs 26.34)");
  assertEquals(c.before.record.parts.length, 4);
  // After post-train one merge beats the average: the claim does not hold.
  const lost = mergeStrategiesClaims([{
    seed: 0,
    outcomes: [outcomes[0], outcome("adaptive-h", "Adaptive ratio (H-mean)", 0.27, 0.31)],
  }] as never);
  assertEquals(lost.after.record.status, "does not hold");
  assertThrows(
    () => mergeStrategiesClaims([{ seed: 0, outcomes: [outcomes[0]] }] as never),
    Error,
    "at least one other",
  );
});
