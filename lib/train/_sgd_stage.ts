/**
 * SGD hyperparameters shared by every training stage (pre-training, the
 * balanced fine-tunes, post-training, classifier retraining) and the one
 * helper that turns them into train-loop options (internal to lib/train).
 *
 * @module
 */
import type { TrainLoopOptions } from "./train_loop.ts";
import type { SgdStageOptions, StageRunOptions } from "./types.ts";

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
