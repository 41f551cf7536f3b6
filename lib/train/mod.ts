/**
 * Training: SGD, schedules, the training loop, checkpoints and the run cache,
 * and the stages of the papers (pretrain, FC retraining, balanced fine-tuning,
 * BTM, post-training, GML).
 *
 * @module
 */
export { Sgd } from "./sgd.ts";
export type { SgdOptions } from "./sgd.ts";
export { learningRateAt, LR_SCHEDULES } from "./lr_schedule.ts";
export type { LrScheduleOptions } from "./lr_schedule.ts";
export { formatDuration, formatProgress, notebookProgress, terminalProgress } from "./progress.ts";
export type { NotebookProgressOptions, ProgressCallback, ProgressEvent } from "./progress.ts";
export { TrainingInterrupted, watchInterrupts } from "./training_interrupted.ts";
export type {
  InterruptWatch,
  TrainingInterruptedInfo,
  WatchInterruptsOptions,
} from "./training_interrupted.ts";
export { trainableNames, trainLoop } from "./train_loop.ts";
export type { TrainableSpec, TrainLoopOptions, TrainLoopResult } from "./train_loop.ts";
export {
  BTM_LAB_VERSION,
  checkArchitecture,
  currentVersions,
  loadCheckpoint,
  saveCheckpoint,
} from "./checkpoint.ts";
export type {
  Checkpoint,
  CheckpointData,
  CheckpointMeta,
  LoadCheckpointOptions,
  Versions,
} from "./checkpoint.ts";
export { canonicalJson, hashJson } from "./stable_hash.ts";
export { RunCache, RUNS_CACHE_DIR, runsCacheDir } from "./run_cache.ts";
export type { RunCacheOptions } from "./run_cache.ts";
export { loadModel, modelFromCheckpoint, modelHash, saveModel } from "./save_model.ts";
export type { LoadModelOptions } from "./save_model.ts";
export { benchmarkHash } from "./_run_stage.ts";
export type { SgdStageOptions, StageHistory, StageResult, StageRunOptions } from "./types.ts";
export { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";
export { pretrain, PRETRAIN_DEFAULTS } from "./pretrain.ts";
export type { PretrainOptions } from "./pretrain.ts";
export { RETRAIN_CLASSIFIER_DEFAULTS, retrainClassifier } from "./retrain_classifier.ts";
export type { RetrainClassifierOptions } from "./retrain_classifier.ts";
export {
  BALANCED_FINETUNE_DEFAULTS,
  balancedFinetune,
  FINETUNE_TRAINABLES,
} from "./balanced_finetune.ts";
export type { BalancedFinetuneOptions, FinetuneTrainable } from "./balanced_finetune.ts";
export { btm, BTM_DEFAULTS, btmMemberSeed, MERGE_STRATEGIES } from "./btm.ts";
export type { BtmMember, BtmOptions, BtmResult, MergeStrategy } from "./btm.ts";
export { POST_TRAIN_DEFAULTS, postTrain } from "./post_train.ts";
export type { PostTrainOptions } from "./post_train.ts";
export {
  GML_FINETUNE_DEFAULTS,
  GML_FINETUNE_LOSSES,
  gmlFinetune,
  gmlProtocolOptions,
} from "./gml_finetune.ts";
export type { GmlFinetuneLoss, GmlFinetuneOptions, GmlProtocolOptions } from "./gml_finetune.ts";
