/**
 * The pipelines' stages as the section experiments reuse them (internal):
 * pre-training, the balanced fine-tunes, BTM, post-training and GML with the
 * same options, so the same cache keys, as `runExperiment("btm" | "two-stage"
 * | "gml")`, and the facts and metrics the sections keep of them.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LongTailBenchmark } from "../data/types.ts";
import { evaluate } from "../eval/mod.ts";
import type { NamedWeights } from "../merge/named_weights.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import { cloneModel, setNamedWeights } from "../models/mod.ts";
import type { Model } from "../models/types.ts";
import { fewShotSubsets } from "../samplers/mod.ts";
import {
  balancedFinetune,
  btm,
  type BtmResult,
  currentVersions,
  type FinetuneTrainable,
  gmlFinetune,
  postTrain,
  pretrain,
  type ProgressCallback,
  type RunCache,
  type StageHistory,
  type StageResult,
  type Versions,
} from "../train/mod.ts";
import type { ExperimentConfig } from "./config.ts";

/** Run options shared by the section experiments. */
export interface StageRun {
  /** Run cache, `false` for none, undefined for the default folder. */
  cache?: RunCache | false;
  /** Progress receiver (undefined = default printer, null = silent). */
  onProgress?: ProgressCallback | null;
}

/** Facts about a stage that the results keep. */
export interface StageFacts {
  /** Cache key of the stage. */
  key: string;
  /** Whether it was loaded from the cache. */
  fromCache: boolean;
  /** Epoch losses and throughput of the run that trained it. */
  history: StageHistory;
}

/** A model's metrics on the test split. */
export interface TestMetrics {
  /** Accuracy, G-mean, H-mean, lowest recall, many/medium/few. */
  summary: RecallSummary;
  /** Per-class recall, index = class. */
  recalls: number[];
}

/** The common header of a section's results. */
export interface SectionHeader {
  /** Experiment preset name. */
  preset: string;
  /** Run seed. */
  seed: number;
  /** The resolved config (pretrain and btm fields are the ones used). */
  config: ExperimentConfig;
  /** tfjs backend. */
  backend: string;
  /** Versions of btm-lab, tfjs, Deno. */
  versions: Versions;
  /** The benchmark: name, classes, training images per class. */
  data: { name: string; numClasses: number; trainCounts: number[] };
}

/** The common header of a section's results, from its config and benchmark. */
export function sectionHeader(
  preset: string,
  config: ExperimentConfig,
  bench: LongTailBenchmark,
): SectionHeader {
  return {
    preset,
    seed: config.seed,
    config,
    backend: tf.getBackend(),
    versions: currentVersions(),
    data: { name: bench.name, numClasses: bench.numClasses, trainCounts: [...bench.trainCounts] },
  };
}

/** The facts of a stage result worth keeping in results JSON. */
export function facts(r: StageResult): StageFacts {
  return { key: r.key, fromCache: r.fromCache, history: r.history };
}

/** The pre-trained model f, with the `btm` pipeline's options. */
export function runPretrain(
  config: ExperimentConfig,
  bench: LongTailBenchmark,
  run: StageRun,
): Promise<StageResult> {
  return pretrain(bench, {
    ...config.pretrain,
    arch: config.model.arch,
    widths: config.model.widths,
    seed: config.seed,
    cache: run.cache,
    onProgress: run.onProgress,
  });
}

/** BTM's balanced subsets: subset i is the one BTM's i-th member is fine-tuned on. */
export function btmSubsets(config: ExperimentConfig, bench: LongTailBenchmark): Int32Array[] {
  return fewShotSubsets(bench.train.labels, {
    subsets: config.btm.subsets,
    perClass: config.btm.perClass,
    seed: config.seed,
  });
}

/**
 * A balanced fine-tune of `model` on `subset` with BTM's fine-tune options
 * (`epochs` overridable), so fine-tuning BTM's subset i gives BTM's member i.
 */
export function runFinetune(
  model: Model,
  bench: LongTailBenchmark,
  args: { config: ExperimentConfig; subset: Int32Array; label: string; epochs?: number } & StageRun,
): Promise<StageResult> {
  const c = args.config.btm;
  return balancedFinetune(model, bench, {
    epochs: args.epochs ?? c.epochs,
    batchSize: c.batchSize,
    lr: c.lr,
    momentum: c.momentum,
    weightDecay: c.weightDecay,
    mixupAlpha: c.mixupAlpha,
    seed: args.config.seed,
    subset: args.subset,
    label: args.label,
    cache: args.cache,
    onProgress: args.onProgress,
  });
}

/** Test-split metrics of a model. */
export async function testMetrics(model: Model, bench: LongTailBenchmark): Promise<TestMetrics> {
  const e = await evaluate(model, bench.test, {
    trainCounts: bench.trainCounts,
    normalization: bench.normalization,
  });
  return { summary: e.summary, recalls: Array.from(e.recalls) };
}

/** Runs `work`, adding its wall-clock seconds to `timings[name]`. */
export async function timed<T>(
  timings: Record<string, number>,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = (timings[name] ?? 0) + (performance.now() - t0) / 1000;
  }
}

/**
 * BTM from `model` with the `btm` pipeline's options and (by default) a uniform merge;
 * `trainable` picks the fine-tuned part (default `all`, the pipeline's, whose
 * cache keys it then shares). Members are not evaluated (`evaluateOn:
 * "none"`), which does not change their keys.
 */
export function runBtmStage(
  model: Model,
  args:
    & {
      config: ExperimentConfig;
      bench: LongTailBenchmark;
      trainable?: FinetuneTrainable;
      /** Merge strategy; default `uniform` (the sections compare merges themselves). */
      merge?: ExperimentConfig["btm"]["merge"];
      /** Split the members and the merge are evaluated on; default `none`. */
      evaluateOn?: "test" | "none";
    }
    & StageRun,
): Promise<BtmResult> {
  const c = args.config.btm;
  return btm(model, args.bench, {
    subsets: c.subsets,
    perClass: c.perClass,
    merge: args.merge ?? "uniform",
    mergeMetric: c.mergeMetric,
    evaluateOn: args.evaluateOn ?? "none",
    seed: args.config.seed,
    finetune: {
      epochs: c.epochs,
      batchSize: c.batchSize,
      lr: c.lr,
      momentum: c.momentum,
      weightDecay: c.weightDecay,
      mixupAlpha: c.mixupAlpha,
      trainable: args.trainable,
    },
    cache: args.cache,
    onProgress: args.onProgress,
  });
}

/** Post-training (stage 2) of `model` with the pipelines' options; `epochs` overridable. */
export function runPostTrainStage(
  model: Model,
  args: { config: ExperimentConfig; bench: LongTailBenchmark; epochs?: number } & StageRun,
): Promise<StageResult> {
  return postTrain(model, args.bench, {
    ...args.config.postTrain,
    epochs: args.epochs ?? args.config.postTrain.epochs,
    seed: args.config.seed,
    cache: args.cache,
    onProgress: args.onProgress,
  });
}

/** GML classifier retraining of `model` with the `gml`/`btm+gml` pipelines' options. */
export function runGmlStage(
  model: Model,
  args: { config: ExperimentConfig; bench: LongTailBenchmark } & StageRun,
): Promise<StageResult> {
  const c = args.config.gml;
  return gmlFinetune(model, args.bench, {
    epochs: c.epochs,
    batchSize: c.batchSize,
    lr: c.lr,
    momentum: c.momentum,
    weightDecay: c.weightDecay,
    seed: args.config.seed,
    cache: args.cache,
    onProgress: args.onProgress,
  });
}

/** A copy of `model` holding `weights` (as `btm` builds its merged model); the caller disposes it. */
export function modelWithWeights(model: Model, weights: NamedWeights): Model {
  const copy = cloneModel(model);
  try {
    setNamedWeights(copy, weights);
    return copy;
  } catch (e) {
    copy.dispose();
    throw e;
  }
}
