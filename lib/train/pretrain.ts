/**
 * Stage 1: plain training on the long-tailed set (optionally with mixup, as
 * MiSLAS stage 1, the pre-trained model BTM starts from).
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import { getLoss } from "../losses/mod.ts";
import { buildModel } from "../models/mod.ts";
import { plainConfig, runStage } from "./_run_stage.ts";
import { sgdLoopOptions } from "./_sgd_stage.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";
import type { StageResult, StageRunOptions } from "./types.ts";
import { trainLoop } from "./train_loop.ts";

/** Hyperparameters of {@linkcode pretrain}. */
export interface PretrainOptions extends StageRunOptions {
  /** Architecture registry name; default `resnet8` (GML uses ResNet-32 on CIFAR100-LT, `gml_paper.txt:198`; BTM ResNet-50/152 on ImageNet-LT/Places-LT; ResNet-8 fits the 2-core budget). */
  arch?: string;
  /** Stage widths; default the architecture's ([16, 32, 64] for CIFAR ResNets). */
  widths?: number[];
  /** Epochs; default 60. Neither paper states stage 1's epochs (BTM uses MiSLAS's released stage-1 weights); ours is where `synth100-16`'s validation curve goes flat (issue #14, chosen on the validation split). */
  epochs?: number;
  /** Images per batch; default 128 (MiSLAS CIFAR: 128; ImageNet-LT: 256). */
  batchSize?: number;
  /** Peak learning rate; default 0.1 (MiSLAS/BTM, batch 128–256). */
  lr?: number;
  /** SGD momentum; default 0.9 (papers). */
  momentum?: number;
  /** Weight decay on every weight; default 5e-4 (BTM/MiSLAS ImageNet-LT, Places-LT). */
  weightDecay?: number;
  /** Schedule; default `cosine` (BTM/MiSLAS `cos: True`). */
  schedule?: "cosine" | "step" | "constant";
  /** Warm-up epochs; default 0 (the cosine runs of MiSLAS have none). */
  warmupEpochs?: number;
  /** Mixup α; default 0 = plain CE (MiSLAS stage 1 uses 0.2 on ImageNet-LT, 1.0 on CIFAR). */
  mixupAlpha?: number;
  /**
   * Loss registry name; default `ce` (plain cross-entropy, the stage 1 of
   * BTM, cRT and MiSLAS). `bsce` trains with balanced softmax (its class
   * counts are the training split's). Left out of the cache key when `ce`, so
   * plain pretrains keep the key they had before this option existed.
   */
  loss?: string;
  /** Random crop and flip; default true (papers). */
  augment?: boolean;
  /** Run seed (initialization, sampling, augmentation); default 0. */
  seed?: number;
}

/** The defaults of {@linkcode pretrain}, in one place. */
export const PRETRAIN_DEFAULTS = {
  ...SGD_STAGE_DEFAULTS,
  arch: "resnet8",
  epochs: 60,
  mixupAlpha: 0,
} as const satisfies PretrainOptions;

/**
 * Trains a fresh model on the whole long-tailed training split with an
 * instance sampler and cross-entropy (or the loss named by `loss`, e.g.
 * balanced softmax), plus mixup when `mixupAlpha > 0`.
 * Loaded from the run cache when the same configuration and data were trained before.
 */
export async function pretrain(
  bench: LongTailBenchmark,
  options: PretrainOptions = {},
): Promise<StageResult> {
  const o = { ...PRETRAIN_DEFAULTS, ...plainConfig(options) } as
    & Required<
      Omit<PretrainOptions, "widths" | keyof StageRunOptions>
    >
    & PretrainOptions;
  const { height, width } = bench.train;
  const loss = o.loss ?? "ce";
  getLoss(loss); // an unknown name fails here, before any training, listing the valid ones
  const config = plainConfig(o);
  if (loss === "ce") delete config.loss;
  return await runStage({
    stage: "pretrain",
    config,
    inputHash: "scratch",
    bench,
    run: options,
    start: () =>
      buildModel(o.arch, {
        numClasses: bench.numClasses,
        inputShape: [height, width, 3],
        widths: o.widths,
        seed: o.seed,
      }),
    train: (model, resume) =>
      trainLoop(model, bench.train, {
        label: "pretrain",
        trainable: "all",
        bnMode: "train",
        sampler: "instance",
        loss,
        ...sgdLoopOptions(o),
        mixupAlpha: o.mixupAlpha,
        normalization: bench.normalization,
        onProgress: options.onProgress,
        resumePath: resume.path,
        resumeKey: resume.key,
      }),
  });
}
