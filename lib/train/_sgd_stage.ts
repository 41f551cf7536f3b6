/**
 * SGD hyperparameters shared by every training stage (pre-training, the
 * balanced fine-tunes, post-training, classifier retraining) and the one
 * helper that turns them into train-loop options (internal to lib/train).
 *
 * @module
 */
import type { StageRunOptions } from "./_run_stage.ts";
import type { TrainLoopOptions } from "./train_loop.ts";

/** SGD hyperparameters of a stage. */
export interface SgdStageOptions extends StageRunOptions {
  /** Epochs. */
  epochs?: number;
  /** Images per batch. */
  batchSize?: number;
  /** Peak learning rate. */
  lr?: number;
  /** SGD momentum. */
  momentum?: number;
  /** Weight decay on every trained weight. */
  weightDecay?: number;
  /** Schedule shape. */
  schedule?: "cosine" | "step" | "constant";
  /** Linear warm-up epochs. */
  warmupEpochs?: number;
  /** Random crop and flip. */
  augment?: boolean;
  /** Run seed (sampling, augmentation, re-initialization). */
  seed?: number;
}

/** The SGD fields of a stage's resolved options, as {@linkcode trainLoop} takes them. */
export function sgdLoopOptions(o: Required<Omit<SgdStageOptions, keyof StageRunOptions>>): Required<
  Pick<
    TrainLoopOptions,
    | "epochs"
    | "batchSize"
    | "lr"
    | "momentum"
    | "weightDecay"
    | "schedule"
    | "warmupEpochs"
    | "augment"
    | "seed"
  >
> {
  return {
    epochs: o.epochs,
    batchSize: o.batchSize,
    lr: o.lr,
    momentum: o.momentum,
    weightDecay: o.weightDecay,
    schedule: o.schedule,
    warmupEpochs: o.warmupEpochs,
    augment: o.augment,
    seed: o.seed,
  };
}

/** Removes the run options (cache, progress) from resolved options. */
export function withoutRun<T extends StageRunOptions>(o: T): Omit<T, keyof StageRunOptions> {
  const { cache: _c, onProgress: _p, ...rest } = o;
  return rest;
}
