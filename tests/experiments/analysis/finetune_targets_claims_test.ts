import { assertEquals, assertThrows } from "@std/assert";
import { finetuneTargetsClaims } from "../../../lib/experiments/analysis/finetune_targets_claims.ts";

const v = (name: string, trainable: string, when: string, h: number, g: number) => ({
  name,
  trainable,
  when,
  final: { summary: { harmonicMean: h, geometricMean: g } },
});

Deno.test("Table 8's choice wins when the whole-model, between-stages variant beats every other", () => {
  const variants = [
    v("whole model, between stages", "all", "between", 0.3, 0.3),
    v("backbone only, between stages", "backbone", "between", 0.2, 0.35),
    v("whole model, after stage 2", "all", "after", 0.25, 0.2),
  ];
  const c = finetuneTargetsClaims({ variants } as never);
  assertEquals(c.harmonic.record.holds, true);
  assertEquals(c.geometric.record.holds, false); // the backbone-only variant has the higher G-mean
  assertEquals(
    c.harmonic.record.claim,
    "Table 8 (our reading): fine-tuning the whole model, between stage 1 and stage 2, gives the highest H-mean",
  );
  assertEquals(Object.keys(c.geometric.record.values), [
    "whole model, between stages G-mean",
    "backbone only, between stages G-mean",
    "whole model, after stage 2 G-mean",
  ]);
  assertThrows(
    () => finetuneTargetsClaims({ variants: variants.slice(1) } as never),
    Error,
    "needs the whole-model, between-stages variant",
  );
});
