/**
 * Post-training on a frozen backbone: the classifier is retrained with a
 * class-balanced sampler and a chosen loss (cRT with CE; MiSLAS with label-aware
 * smoothing; balanced softmax; GML), with batch-norm statistics re-estimated.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LongTailBenchmark } from "../data/types.ts";
import type { LossOptions } from "../losses/mod.ts";
import type { Model } from "../models/types.ts";
import { cloneModel, resetClassifier, setClassifier } from "../models/mod.ts";
import { plainConfig, runStage } from "./_run_stage.ts";
import { sgdLoopOptions } from "./_sgd_stage.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";
import type { SgdStageOptions, StageResult } from "./types.ts";
import { modelHash } from "./save_model.ts";
import { trainLoop } from "./train_loop.ts";
import type { BatchNormMode } from "../models/types.ts";

/** Hyperparameters of {@linkcode postTrain}. */
export interface PostTrainOptions extends SgdStageOptions {
  /**
   * Loss registry name: `ce` (cRT), `las` (MiSLAS), `bsce`, `gml`, `gml+las`. Default `las`
   * (BTM's stage 2 is MiSLAS').
   */
  loss?: string;
  /** Loss options (LAS `smoothHead`/`smoothTail`, …); `classCounts` is filled in from the training split. */
  lossOptions?: LossOptions;
  /** Sampler registry name; default `class-balanced` (cRT and MiSLAS stage 2). */
  sampler?: string;
  /**
   * Batch-norm mode; default `stats`: running statistics re-estimated on the
   * class-balanced stream, affine weights frozen (MiSLAS `shift_bn`).
   */
  bnMode?: BatchNormMode;
  /** Re-draw the classifier first (cRT does; MiSLAS does not). Default false. */
  resetClassifier?: boolean;
  /**
   * Seed of the re-drawn classifier (variable `name` drawn from `seedFor(resetSeed, name)`);
   * default the run seed `seed`. Used only with `resetClassifier`.
   */
  resetSeed?: number;
  /**
   * Learn one positive scale per class, multiplied into the logits, jointly
   * with the classifier (a learnable logit adjustment); folded into the
   * classifier's kernel and bias afterwards, so the result is a plain model.
   * Default false.
   */
  learnLogitScale?: boolean;
}

/**
 * Defaults of {@linkcode postTrain}: MiSLAS stage 2 as BTM runs it (10 epochs,
 * lr 0.1 cosine, momentum 0.9, wd 5e-4, class-balanced sampling, LAS with
 * smooth_head 0.3 / smooth_tail 0.0 from the loss defaults), batch 128 (CIFAR).
 */
export const POST_TRAIN_DEFAULTS = {
  ...SGD_STAGE_DEFAULTS,
  loss: "las",
  sampler: "class-balanced",
  bnMode: "stats",
  resetClassifier: false,
  learnLogitScale: false,
} as const satisfies PostTrainOptions;

const SCALE_NAME = "post_train/logit_scale";

/**
 * Retrains the classifier of a copy of `model` on the whole training split
 * with the options' sampler and loss; backbone weights stay fixed, batch-norm
 * statistics follow `bnMode`. The input model is not changed.
 */
export async function postTrain(
  model: Model,
  bench: LongTailBenchmark,
  options: PostTrainOptions = {},
): Promise<StageResult> {
  const o = { ...POST_TRAIN_DEFAULTS, ...plainConfig(options) } as
    & typeof POST_TRAIN_DEFAULTS
    & PostTrainOptions;
  return await runStage({
    // Cache keys allow letters, digits, ".", "_" and "-": `gml+las` is keyed `post-train-gml-las`.
    stage: `post-train-${o.loss.replaceAll("+", "-")}`,
    config: plainConfig(o),
    inputHash: await modelHash(model),
    bench,
    run: options,
    start: () => {
      const copy = cloneModel(model);
      if (o.resetClassifier) resetClassifier(copy, { seed: o.resetSeed ?? o.seed });
      return copy;
    },
    train: async (m, resume) => {
      const scale = o.learnLogitScale
        ? tf.tidy(() => tf.variable(tf.ones([bench.numClasses]), true, undefined, "float32"))
        : undefined;
      try {
        const result = await trainLoop(m, bench.train, {
          label: `post-train ${o.loss}`,
          trainable: "classifier",
          bnMode: o.bnMode,
          sampler: o.sampler,
          loss: o.loss,
          lossOptions: o.lossOptions,
          ...sgdLoopOptions(o),
          normalization: bench.normalization,
          onProgress: options.onProgress,
          // The scale lives outside the model, so an epoch file could not restore it.
          resumePath: scale ? undefined : resume.path,
          resumeKey: resume.key,
          extraVariables: scale ? new Map([[SCALE_NAME, scale]]) : undefined,
          transformLogits: scale ? (logits) => tf.mul(logits, scale) as tf.Tensor2D : undefined,
        });
        if (scale) foldScale(m, scale);
        return result;
      } finally {
        scale?.dispose();
      }
    },
  });
}

/** `(f·W + b)·s = f·(W·diag s) + b·s`: writes the per-class scale into the classifier. */
function foldScale(model: Model, scale: tf.Variable): void {
  const kernel = model.variables.get("classifier/kernel")!;
  const bias = model.variables.get("classifier/bias")!;
  const folded = tf.tidy(() => ({
    kernel: tf.mul(kernel, scale) as tf.Tensor2D, // [D, C]
    bias: tf.mul(bias, scale) as tf.Tensor1D, // [C]
  }));
  setClassifier(model, folded);
  tf.dispose([folded.kernel, folded.bias]);
}
