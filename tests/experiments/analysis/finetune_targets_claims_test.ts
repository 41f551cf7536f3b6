import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { finetuneTargetsClaims } from "../../../lib/experiments/analysis/finetune_targets_claims.ts";
import { assertQuoted, s } from "./_fixtures.ts";

const v = (trainable: string, when: string, h: number, g: number) => ({
  name: `${trainable}, ${when}`,
  trainable,
  when,
  final: { summary: s(h, g) },
});
const variants = [
  v("all", "between", 0.3, 0.36),
  v("backbone", "between", 0.29, 0.355),
  v("classifier", "between", 0.295, 0.353),
  v("all", "after", 0.285, 0.35),
  v("backbone", "after", 0.28, 0.35),
  v("classifier", "after", 0.28, 0.35),
];

Deno.test("Table 8: whole model best, each part above the two-stage model, between beats after", () => {
  const c = finetuneTargetsClaims(
    [{ seed: 0, variants, twoStage: { summary: s(0.28, 0.35) } }] as never,
  );
  assertEquals(c.wholeModel.record.status, "holds", c.wholeModel.record.sentence);
  assertEquals(c.when.record.status, "holds", c.when.record.sentence);
  assertEquals(c.when.record.parts.length, 6);
  assertEquals(c.wholeModel.record.parts.length, 8);
  // The paper's rows beside ours: backbone only between stages (29.04) against MiSLAS (28.75).
  assertStringIncludes(c.wholeModel.record.sentence, "(paper 29.04 vs 28.75)");
  assertQuoted(c.wholeModel.record);
  // A single part that does not beat the two-stage model fails the first claim.
  const worse = finetuneTargetsClaims([{
    seed: 0,
    variants,
    twoStage: { summary: s(0.292, 0.35) },
  }] as never);
  assertEquals(worse.wholeModel.record.status, "does not hold");
  assertThrows(
    () =>
      finetuneTargetsClaims(
        [{ seed: 0, variants: variants.slice(1), twoStage: { summary: s(0.2) } }] as never,
      ),
    Error,
    "needs the whole-model, between-stages variant",
  );
});
