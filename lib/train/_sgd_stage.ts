/**
 * SGD hyperparameters shared by every training stage (pre-training, the
 * balanced fine-tunes, post-training, classifier retraining) and the one
 * helper that turns them into train-loop options (internal to lib/train).
 *
 * @module
 */
import type { TrainLoopOptions } from "./train_loop.ts";
import type { SgdStageOptions, StageRunOptions } from "./types.ts";

/** The step-schedule fields, which a stage may leave out (they are not in `SGD_STAGE_DEFAULTS`). */
type StepFields = "milestones" | "gamma";

/**
 * The SGD fields of a stage's resolved options, as {@linkcode trainLoop} takes them; the step
 * schedule's `milestones` and `gamma` are passed on when given.
 */
export function sgdLoopOptions(
  o:
    & Required<Omit<SgdStageOptions, keyof StageRunOptions | StepFields>>
    & Pick<SgdStageOptions, StepFields>,
):
  & Required<
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
  >
  & Pick<TrainLoopOptions, StepFields> {
  return {
    ...(o.milestones === undefined ? {} : { milestones: o.milestones }),
    ...(o.gamma === undefined ? {} : { gamma: o.gamma }),
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
