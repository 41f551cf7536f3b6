/**
 * BTM with the `btm` pipeline's options (internal): the same fine-tune
 * options, so the same cache keys, as `runExperiment("btm")`.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import type { Model } from "../models/types.ts";
import { btm, type BtmResult } from "../train/mod.ts";
import type { StageRun } from "./_btm_stages.ts";
import type { ExperimentConfig } from "./config.ts";

/**
 * BTM from `model` as the `btm` pipeline runs it, merged uniformly; the
 * members are not evaluated (`evaluateOn: "none"`), which does not change
 * their cache keys.
 */
export function runUniformBtm(
  model: Model,
  args: { config: ExperimentConfig; bench: LongTailBenchmark } & StageRun,
): Promise<BtmResult> {
  const c = args.config.btm;
  return btm(model, args.bench, {
    subsets: c.subsets,
    perClass: c.perClass,
    merge: "uniform",
    mergeMetric: c.mergeMetric,
    evaluateOn: "none",
    seed: args.config.seed,
    finetune: {
      epochs: c.epochs,
      batchSize: c.batchSize,
      lr: c.lr,
      momentum: c.momentum,
      weightDecay: c.weightDecay,
      mixupAlpha: c.mixupAlpha,
    },
    cache: args.cache,
    onProgress: args.onProgress,
  });
}
