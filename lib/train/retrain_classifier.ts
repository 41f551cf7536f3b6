/**
 * The "FC" stage: retrain the classifier with cross-entropy on all the
 * long-tailed data, backbone frozen.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import type { Model } from "../models/types.ts";
import { cloneModel, resetClassifier } from "../models/mod.ts";
import { plainConfig, runStage } from "./_run_stage.ts";
import { sgdLoopOptions } from "./_sgd_stage.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";
import type { SgdStageOptions, StageResult } from "./types.ts";
import { modelHash } from "./save_model.ts";
import { trainLoop } from "./train_loop.ts";

/** Hyperparameters of {@linkcode retrainClassifier}. */
export interface RetrainClassifierOptions extends SgdStageOptions {
  /** Re-draw the classifier before training (seeded by `seed`); default false: continue from it. */
  resetClassifier?: boolean;
}

/**
 * Defaults of {@linkcode retrainClassifier}: the classifier-stage budget of
 * MiSLAS stage 2 (10 epochs, lr 0.1 cosine, wd 5e-4, momentum 0.9) with batch
 * 128 as on CIFAR (ImageNet-LT: 256).
 */
export const RETRAIN_CLASSIFIER_DEFAULTS = {
  ...SGD_STAGE_DEFAULTS,
  resetClassifier: false,
} as const satisfies RetrainClassifierOptions;

/**
 * Retrains only `classifier/*` of a copy of `model` with CE and an instance
 * sampler over the whole training split; batch-norm statistics stay frozen.
 * The input model is not changed.
 */
export async function retrainClassifier(
  model: Model,
  bench: LongTailBenchmark,
  options: RetrainClassifierOptions = {},
): Promise<StageResult> {
  const o = { ...RETRAIN_CLASSIFIER_DEFAULTS, ...plainConfig(options) } as
    & typeof RETRAIN_CLASSIFIER_DEFAULTS
    & RetrainClassifierOptions;
  return await runStage({
    stage: "retrain-classifier",
    config: plainConfig(o),
    inputHash: await modelHash(model),
    bench,
    run: options,
    start: () => {
      const copy = cloneModel(model);
      if (o.resetClassifier) resetClassifier(copy, { seed: o.seed });
      return copy;
    },
    train: (m, resume) =>
      trainLoop(m, bench.train, {
        label: "retrain-classifier",
        trainable: "classifier",
        bnMode: "frozen",
        sampler: "instance",
        loss: "ce",
        ...sgdLoopOptions(o),
        normalization: bench.normalization,
        onProgress: options.onProgress,
        resumePath: resume.path,
        resumeKey: resume.key,
      }),
  });
}
