/**
 * The training stages as the pipelines and sections run them (internal): each
 * takes its options from `stage_options.ts` and the run options from the
 * section's context, is timed under a step name, and hands its model to the
 * frame, which disposes it when the section ends.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import { type EvalSplit, evaluateOn } from "../eval/mod.ts";
import type { Ensemble } from "../eval/mod.ts";
import type { NamedWeights } from "../merge/named_weights.ts";
import { cloneModel, setNamedWeights } from "../models/mod.ts";
import type { Model } from "../models/types.ts";
import { fewShotSubsets } from "../samplers/mod.ts";
import {
  balancedFinetune,
  btm,
  type BtmResult,
  gmlFinetune,
  postTrain,
  pretrain,
  type StageResult,
} from "../train/mod.ts";
import type { SectionContext, StageFacts, TestMetrics } from "./section.ts";
import {
  type BalancedFinetuneVariant,
  btmOptions,
  type BtmVariant,
  finetuneOptions,
  gmlBaselineOptions,
  type GmlBaselineVariant,
  gmlOptions,
  type GmlVariant,
  postTrainOptions,
  type PostTrainVariant,
  pretrainOptions,
  type PretrainVariant,
  subsetOptions,
  type SubsetVariant,
} from "./stage_options.ts";

/** Names the timing step a stage is added to. */
interface Step {
  /** Timing step; default the stage's name. */
  step?: string;
}

/** The facts of a stage result worth keeping in results JSON. */
export function facts(r: StageResult): StageFacts {
  return { key: r.key, fromCache: r.fromCache, history: r.history };
}

/** Metrics of `target` on a split of the section's benchmark (default test). */
export async function metricsOf(
  ctx: SectionContext,
  target: Model | Ensemble,
  split: EvalSplit = "test",
): Promise<TestMetrics> {
  const e = await evaluateOn(target, ctx.bench, split);
  return { summary: e.summary, recalls: Array.from(e.recalls) };
}

async function owned<R extends { model: Model }>(
  ctx: SectionContext,
  step: string,
  work: () => Promise<R>,
): Promise<R> {
  const r = await ctx.time(step, work);
  ctx.own(r.model);
  return r;
}

/** The pre-trained model (the pipelines' unless a method's `stage1` is asked for). */
export function runPretrain(
  ctx: SectionContext,
  args: PretrainVariant & Step = {},
): Promise<StageResult> {
  const { step, ...variant } = args;
  return owned(
    ctx,
    step ?? "pretrain",
    () => pretrain(ctx.bench, { ...pretrainOptions(ctx.config, variant), ...ctx.run }),
  );
}

/**
 * The sentence warning that subsets of `perClass` images per class are no
 * subsets at all, when no class has more images than that; undefined otherwise.
 */
export function wholeSetWarning(perClass: number, bench: LongTailBenchmark): string | undefined {
  const most = Math.max(...bench.trainCounts);
  if (perClass < most) return undefined;
  return `btm.perClass = ${perClass} is at least every class's training count ` +
    `(at most ${most} in ${bench.name}): each "balanced" subset is the whole long-tailed training set`;
}

/** BTM's balanced subsets (subset i is the one BTM's member i is fine-tuned on). */
export function drawSubsets(ctx: SectionContext, variant: SubsetVariant = {}): Int32Array[] {
  const o = subsetOptions(ctx.config, variant);
  const warning = wholeSetWarning(o.perClass, ctx.bench);
  if (warning) ctx.warn(warning);
  return fewShotSubsets(ctx.bench.train.labels, o);
}

/** A balanced fine-tune of `model` on `subset` with BTM's hyperparameters (`epochs` overridable). */
export function runFinetune(
  ctx: SectionContext,
  model: Model,
  args: BalancedFinetuneVariant & Step & { subset: Int32Array; label: string },
): Promise<StageResult> {
  const { step, subset, label, ...variant } = args;
  return owned(ctx, step ?? "finetune", () =>
    balancedFinetune(model, ctx.bench, {
      ...finetuneOptions(ctx.config, variant),
      subset,
      label,
      ...ctx.run,
    }));
}

/** BTM from `model` (uniform merge, members not evaluated, unless asked). */
export function runBtm(
  ctx: SectionContext,
  model: Model,
  args: BtmVariant & Step = {},
): Promise<BtmResult> {
  const { step, ...variant } = args;
  const warning = wholeSetWarning(ctx.config.btm.perClass, ctx.bench);
  if (warning) ctx.warn(warning);
  return owned(
    ctx,
    step ?? "btm",
    () => btm(model, ctx.bench, { ...btmOptions(ctx.config, variant), ...ctx.run }),
  );
}

/** Post-training of `model` (the config's, or a method's stage 2; `epochs` overridable). */
export function runPostTrain(
  ctx: SectionContext,
  model: Model,
  args: PostTrainVariant & Step = {},
): Promise<StageResult> {
  const { step, ...variant } = args;
  return owned(
    ctx,
    step ?? "postTrain",
    () => postTrain(model, ctx.bench, { ...postTrainOptions(ctx.config, variant), ...ctx.run }),
  );
}

/** GML classifier retraining of `model` (the pipelines' GML, or a variant of the paper's). */
export function runGml(
  ctx: SectionContext,
  model: Model,
  args: GmlVariant & Step = {},
): Promise<StageResult> {
  const { step, ...variant } = args;
  return owned(
    ctx,
    step ?? "gml",
    () => gmlFinetune(model, ctx.bench, { ...gmlOptions(ctx.config, variant), ...ctx.run }),
  );
}

/** The classifier of `model` retrained as GML's fine-tune, with another loss (GML's baselines). */
export function runGmlBaseline(
  ctx: SectionContext,
  model: Model,
  args: GmlBaselineVariant & Step,
): Promise<StageResult> {
  const { step, ...variant } = args;
  return owned(
    ctx,
    step ?? "gmlBaseline",
    () => postTrain(model, ctx.bench, { ...gmlBaselineOptions(ctx.config, variant), ...ctx.run }),
  );
}

/** A copy of `model` holding `weights` (as `btm` builds its merge), owned by the section. */
export function modelWithWeights(ctx: SectionContext, model: Model, weights: NamedWeights): Model {
  const copy = ctx.own(cloneModel(model));
  setNamedWeights(copy, weights);
  return copy;
}
