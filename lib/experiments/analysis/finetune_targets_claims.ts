/**
 * The verdicts of BTM Table 8 (notebook 08): the paper's choice — fine-tune
 * the whole model, between stage 1 and stage 2 — against each other variant.
 *
 * @module
 */
import { allOf, greaterThan, type Verdict, verdict } from "../../report/mod.ts";
import type { FinetuneTargetsResult } from "../sections/finetune_targets.ts";

/** The verdicts of Table 8, in the notebook's order. */
export interface FinetuneTargetsClaims {
  /** The whole-model, between-stages variant has the highest H-mean. */
  harmonic: Verdict;
  /** It has the highest G-mean. */
  geometric: Verdict;
}

/**
 * Table 8's claim, read on each variant's final model: the paper's choice
 * holds if the whole-model, between-stages variant beats each of the others.
 */
export function finetuneTargetsClaims(
  result: Pick<FinetuneTargetsResult, "variants">,
): FinetuneTargetsClaims {
  const whole = result.variants.find((v) => v.trainable === "all" && v.when === "between");
  const others = result.variants.filter((v) => v !== whole);
  if (!whole || others.length === 0) {
    throw new Error(
      `Cannot judge Table 8 from the variants ${
        result.variants.map((v) => v.name).join(", ") || "(none)"
      }: it needs the whole-model, between-stages variant and at least one other`,
    );
  }
  const best = (key: "harmonicMean" | "geometricMean", name: string) =>
    verdict(
      `Table 8 (our reading): fine-tuning the whole model, between stage 1 and stage 2, gives the highest ${name}`,
      allOf(
        others.map((v) =>
          greaterThan(
            { label: `${whole.name} ${name}`, value: whole.final.summary[key] },
            { label: `${v.name} ${name}`, value: v.final.summary[key] },
          )
        ),
      ),
      { source: "BTM paper, Table 8" },
    );
  return { harmonic: best("harmonicMean", "H-mean"), geometric: best("geometricMean", "G-mean") };
}
