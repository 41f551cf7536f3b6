/**
 * The `btm`, `two-stage` and `gml` pipelines' BTM, post-training and GML
 * stages as the section experiments of Tables 7–10 reuse them (internal):
 * the same options, so the same cache keys, as `runExperiment`.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import { cloneModel, setNamedWeights } from "../models/mod.ts";
import type { NamedWeights } from "../merge/named_weights.ts";
import type { Model } from "../models/types.ts";
import {
  btm,
  type BtmResult,
  type FinetuneTrainable,
  gmlFinetune,
  postTrain,
  type StageResult,
} from "../train/mod.ts";
import type { StageRun } from "./_btm_stages.ts";
import type { ExperimentConfig } from "./config.ts";

/**
 * BTM from `model` with the `btm` pipeline's options and (by default) a uniform merge;
 * `trainable` picks the fine-tuned part (default `all`, the pipeline's, whose
 * cache keys it then shares). Members are not evaluated (`evaluateOn:
 * "none"`), which does not change their keys.
 */
export function runBtmStage(
  model: Model,
  args:
    & {
      config: ExperimentConfig;
      bench: LongTailBenchmark;
      trainable?: FinetuneTrainable;
      /** Merge strategy; default `uniform` (the sections compare merges themselves). */
      merge?: ExperimentConfig["btm"]["merge"];
      /** Split the members and the merge are evaluated on; default `none`. */
      evaluateOn?: "test" | "none";
    }
    & StageRun,
): Promise<BtmResult> {
  const c = args.config.btm;
  return btm(model, args.bench, {
    subsets: c.subsets,
    perClass: c.perClass,
    merge: args.merge ?? "uniform",
    mergeMetric: c.mergeMetric,
    evaluateOn: args.evaluateOn ?? "none",
    seed: args.config.seed,
    finetune: {
      epochs: c.epochs,
      batchSize: c.batchSize,
      lr: c.lr,
      momentum: c.momentum,
      weightDecay: c.weightDecay,
      mixupAlpha: c.mixupAlpha,
      trainable: args.trainable,
    },
    cache: args.cache,
    onProgress: args.onProgress,
  });
}

/** Post-training (stage 2) of `model` with the pipelines' options; `epochs` overridable. */
export function runPostTrainStage(
  model: Model,
  args: { config: ExperimentConfig; bench: LongTailBenchmark; epochs?: number } & StageRun,
): Promise<StageResult> {
  return postTrain(model, args.bench, {
    ...args.config.postTrain,
    epochs: args.epochs ?? args.config.postTrain.epochs,
    seed: args.config.seed,
    cache: args.cache,
    onProgress: args.onProgress,
  });
}

/** GML classifier retraining of `model` with the `gml`/`btm+gml` pipelines' options. */
export function runGmlStage(
  model: Model,
  args: { config: ExperimentConfig; bench: LongTailBenchmark } & StageRun,
): Promise<StageResult> {
  const c = args.config.gml;
  return gmlFinetune(model, args.bench, {
    epochs: c.epochs,
    batchSize: c.batchSize,
    lr: c.lr,
    momentum: c.momentum,
    weightDecay: c.weightDecay,
    seed: args.config.seed,
    cache: args.cache,
    onProgress: args.onProgress,
  });
}

/** A copy of `model` holding `weights` (as `btm` builds its merged model); the caller disposes it. */
export function modelWithWeights(model: Model, weights: NamedWeights): Model {
  const copy = cloneModel(model);
  try {
    setNamedWeights(copy, weights);
    return copy;
  } catch (e) {
    copy.dispose();
    throw e;
  }
}
