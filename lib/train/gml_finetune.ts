/**
 * GML (*No One Left Behind*): retrain the classifier of a pre-trained model
 * with the geometric-mean loss, backbone and batch-norm statistics frozen, so
 * the old and new classifiers share one feature extractor and can be ensembled.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import type { Model } from "../models/types.ts";
import { postTrain, type PostTrainOptions } from "./post_train.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";
import type { StageResult } from "./types.ts";

/** Hyperparameters of {@linkcode gmlFinetune}. */
export type GmlFinetuneOptions = Omit<PostTrainOptions, "loss">;

/**
 * Defaults of {@linkcode gmlFinetune}: the classifier-retraining budget of
 * MiSLAS stage 2 (10 epochs, lr 0.1 cosine, wd 5e-4, batch 128 on CIFAR), an
 * instance sampler (GML re-weights classes itself) and frozen batch norm (the
 * ensemble needs the old and new heads on the same features).
 */
export const GML_FINETUNE_DEFAULTS = {
  ...SGD_STAGE_DEFAULTS,
  sampler: "instance",
  bnMode: "frozen",
  resetClassifier: false,
  learnLogitScale: false,
} as const satisfies GmlFinetuneOptions;

/** Retrains the classifier of a copy of `model` with the GML loss. */
export function gmlFinetune(
  model: Model,
  bench: LongTailBenchmark,
  options: GmlFinetuneOptions = {},
): Promise<StageResult> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return postTrain(model, bench, { ...GML_FINETUNE_DEFAULTS, ...given, loss: "gml" });
}
