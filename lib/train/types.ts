/**
 * The public types of the training stages: the run options every stage
 * takes, the SGD hyperparameters, and what a stage returns.
 *
 * @module
 */
import type { Model } from "../models/types.ts";
import type { ProgressCallback } from "./progress.ts";
import type { RunCache } from "./run_cache.ts";

/** Options every stage takes besides its hyperparameters. */
export interface StageRunOptions {
  /**
   * Where finished stages are cached: a `RunCache`, or `false` to
   * always train and store nothing. Default `new RunCache()` (data/cache/runs/).
   */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
}

/** SGD hyperparameters of a stage; the defaults are `SGD_STAGE_DEFAULTS` unless the stage says otherwise. */
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
  /**
   * Step schedule only: epochs (0-based, fractional allowed) after which the rate is multiplied
   * by `gamma`; default the schedule's own ([0.8·epochs, 0.9·epochs], see `learningRateAt`).
   * Part of the stage's cache key when given.
   */
  milestones?: readonly number[];
  /** Step schedule only: factor applied at each milestone; default 0.1 (see `learningRateAt`). */
  gamma?: number;
  /** Random crop and flip. */
  augment?: boolean;
  /** Run seed (sampling, augmentation, re-initialization). */
  seed?: number;
}

/** Training facts of a stage, kept in its checkpoint so a cached load reports them too. */
export interface StageHistory {
  /** Mean loss of each epoch. */
  epochLosses: number[];
  /** Training throughput in images per second (of the run that trained it). */
  imagesPerSecond: number;
  /** Seconds the training took (of the run that trained it). */
  seconds: number;
  /** Images processed (of the run that trained it). */
  images: number;
  /**
   * The tfjs backend the stage was trained on (`tf.getBackend()` then), kept in the checkpoint:
   * a stage loaded from the cache reports where it was trained, not where it was loaded.
   */
  backend: string;
  /** onednn only: the oneDNN threads it was trained with (its bits depend on them). */
  threads?: number;
}

/** What every stage returns. */
export interface StageResult {
  /** The trained model; the caller owns it and disposes it. */
  model: Model;
  /** Cache key of the run (stage name and hash of config and inputs). */
  key: string;
  /** True when the model was loaded from the cache instead of trained. */
  fromCache: boolean;
  /** sha256 of the model's content (config and weights), the input hash of later stages. */
  modelSha256: string;
  /** Losses and throughput of the training. */
  history: StageHistory;
  /** The resolved options the stage ran with. */
  config: unknown;
}
