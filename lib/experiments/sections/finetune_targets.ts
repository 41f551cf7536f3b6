/**
 * BTM Table 8: what to fine-tune on the balanced subsets (backbone only,
 * classifier only, or the whole model) and when to run BTM (between stage 1
 * and stage 2, the paper's choice, or after stage 2).
 *
 * @module
 */
import { FINETUNE_TRAINABLES, type FinetuneTrainable } from "../../train/mod.ts";
import type { BtmResult } from "../../train/mod.ts";
import { facts, metricsOf, runBtm, runPostTrain, runPretrain } from "../_stages.ts";
import type { ConfigOverrides } from "../config.ts";
import { runSection } from "../section.ts";
import type { SectionOptions, SectionResult, StageFacts, TestMetrics } from "../section.ts";

/** Options of {@linkcode finetuneTargets}. */
export interface FinetuneTargetsOptions extends SectionOptions {
  /**
   * Parts fine-tuned by the between-stages variants; default all three
   * (`all`, `backbone`, `classifier`). `all` is the `btm` pipeline itself,
   * shared through the cache.
   */
  trainables?: readonly FinetuneTrainable[];
  /**
   * Also run each of `trainables` after stage 2 (pretrain → post-train →
   * BTM), as Table 8 does for all three; default true.
   */
  after?: boolean;
}

/**
 * Table 8's scale by preset, as its notebook runs it (config overrides under
 * the caller's). The paper runs every variant with N_D = 10; the `default`
 * report runs N_D = 5 (its first five subsets are the `btm` pipeline's, so the
 * whole-model variant comes from the cache), which halves the 50 fine-tunes
 * of the other five variants (~3 of its ~5.5 minutes) to fit the report's
 * 45-minute budget; `full` runs N_D = 10. Any other preset uses no override.
 */
export const TABLE_8_SCALES: Readonly<Record<string, ConfigOverrides>> = {
  default: { btm: { subsets: 5 } },
  full: {},
};

/** One BTM variant of Table 8. */
export interface FinetuneVariant {
  /** Name as printed, e.g. `whole model, between stages`. */
  name: string;
  /** The part fine-tuned on each balanced subset. */
  trainable: FinetuneTrainable;
  /** `between`: pretrain → BTM → post-train; `after`: pretrain → post-train → BTM. */
  when: "between" | "after";
  /** The N_D fine-tunes: cache key, whether loaded, history. */
  members: StageFacts[];
  /** Test metrics of the uniform merge. */
  merged: TestMetrics;
  /**
   * Test metrics of the variant's final model: the post-trained merge
   * (`between`), or the merge itself (`after`, whose last stage is BTM).
   */
  final: TestMetrics;
  /** The post-training of the merge (`between` only). */
  postTrain?: StageFacts;
}

/** Results of {@linkcode finetuneTargets} (written as `table-8-finetune-targets-<preset>-seed<seed>.json`). */
export interface FinetuneTargetsResult extends SectionResult<"table-8-finetune-targets"> {
  /** The pre-trained model f (the `btm` pipeline's) and its test metrics. */
  pretrain: StageFacts & TestMetrics;
  /** Reference without BTM: f post-trained (the `two-stage` pipeline's second stage). */
  twoStage: StageFacts & TestMetrics;
  /** The variants: between stages for each `trainables` entry, then after stage 2 for each. */
  variants: FinetuneVariant[];
}

const PART_NAMES: Readonly<Record<FinetuneTrainable, string>> = {
  all: "whole model",
  backbone: "backbone only",
  classifier: "classifier only",
};

function memberFacts(b: BtmResult): StageFacts[] {
  return b.members.map((m) => ({ key: m.key, fromCache: m.fromCache, history: m.history }));
}

/**
 * Runs Table 8's variants from the `btm` pipeline's pre-trained model, with
 * the config's BTM (N_D, N_C, fine-tune epochs) and post-training unchanged:
 * BTM fine-tuning each of `trainables` between the stages (each merge then
 * post-trained), and each of them on the post-trained model (after stage 2;
 * the merge is then the final model).
 */
export async function finetuneTargets(
  options: FinetuneTargetsOptions = {},
): Promise<FinetuneTargetsResult> {
  const trainables = [...(options.trainables ?? FINETUNE_TRAINABLES)];
  for (const t of trainables) {
    if (!FINETUNE_TRAINABLES.includes(t)) {
      throw new RangeError(
        `Cannot fine-tune "${t}" in Table 8: valid parts are ${FINETUNE_TRAINABLES.join(", ")}`,
      );
    }
  }
  const after = options.after ?? true;
  if (trainables.length === 0) {
    throw new RangeError("Cannot run Table 8 with no variant: give at least one of trainables");
  }
  return await runSection("table-8-finetune-targets", options, async (ctx) => {
    const f = await runPretrain(ctx);
    const pretrain = { ...facts(f), ...(await metricsOf(ctx, f.model)) };
    const two = await runPostTrain(ctx, f.model, { step: "twoStage" });
    const twoStage = { ...facts(two), ...(await metricsOf(ctx, two.model)) };
    const variants: FinetuneVariant[] = [];
    for (const trainable of trainables) {
      const name = `${PART_NAMES[trainable]}, between stages`;
      const b = await runBtm(ctx, f.model, { trainable, step: name });
      const post = await runPostTrain(ctx, b.model, { step: name });
      variants.push({
        name,
        trainable,
        when: "between",
        members: memberFacts(b),
        merged: await ctx.time(name, () => metricsOf(ctx, b.model)),
        final: await ctx.time(name, () => metricsOf(ctx, post.model)),
        postTrain: facts(post),
      });
      ctx.drop(post.model);
      ctx.drop(b.model);
    }
    for (const trainable of after ? trainables : []) {
      const name = `${PART_NAMES[trainable]}, after stage 2`;
      const b = await runBtm(ctx, two.model, { trainable, step: name });
      const merged = await ctx.time(name, () => metricsOf(ctx, b.model));
      variants.push({
        name,
        trainable,
        when: "after",
        members: memberFacts(b),
        merged,
        final: merged,
      });
      ctx.drop(b.model);
    }
    return { pretrain, twoStage, variants };
  });
}
