/**
 * The training loop every stage runs: which weights train, how batch norm
 * behaves, which sampler, augmentation, mixup and loss, for how long and at
 * which learning rate; with progress reports and per-epoch resume files.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { ChannelStats, ImageSet } from "../data/types.ts";
import { makeBatch, mixup } from "../data/mod.ts";
import { getLoss, type LossOptions, mixupLoss } from "../losses/mod.ts";
import type { BatchNormMode, Model } from "../models/types.ts";
import { getNamedWeights, setNamedWeights } from "../models/mod.ts";
import { rngFor } from "../random/mod.ts";
import { classCounts, createSampler } from "../samplers/mod.ts";
import { loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
import { learningRateAt, type LrScheduleOptions } from "./lr_schedule.ts";
import { type ProgressCallback, terminalProgress } from "./progress.ts";
import { Sgd } from "./sgd.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";

/** Which of a model's weights an optimizer updates. */
export type TrainableSpec = "all" | "backbone" | "classifier" | readonly string[];

/** Options of {@linkcode trainLoop}. */
export interface TrainLoopOptions {
  /** Label in progress reports; default `train`. */
  label?: string;
  /**
   * Weights the optimizer updates: `all` (backbone and classifier), `backbone`,
   * `classifier` (frozen backbone: cRT, GML, the FC stage) or explicit names.
   * Default `all`. Everything else keeps its value exactly.
   */
  trainable?: TrainableSpec;
  /**
   * Batch-norm behaviour while training; default `train`. `stats` re-estimates
   * running statistics with the affine weights frozen (MiSLAS stage 2, cRT);
   * `frozen` leaves them untouched.
   */
  bnMode?: BatchNormMode;
  /** Batch-norm running-statistics momentum (PyTorch convention); default 0.1 (PyTorch default). */
  bnMomentum?: number;
  /** Train on these indices of the set only (a BTM balanced subset); default all. */
  indices?: Int32Array;
  /** Sampler registry name; default `instance` (plain shuffling). */
  sampler?: string;
  /** Samples per class draw for class-draw samplers; default 1 (see samplers). */
  samplesPerClass?: number;
  /** Random crop and flip (as the papers' CIFAR/ImageNet pipelines); default true. */
  augment?: boolean;
  /** Mixup α (λ ~ Beta(α, α)); 0 turns mixup off. Default 0; MiSLAS stage 1 uses 0.2. */
  mixupAlpha?: number;
  /** Loss registry name (`ce`, `bsce`, `las`, `gml`); default `ce`. */
  loss?: string;
  /**
   * Extra options of the loss (e.g. LAS smoothing). `classCounts` is filled in
   * from the trained labels unless given.
   */
  lossOptions?: LossOptions;
  /** Epochs (passes of the sampler). Required. */
  epochs: number;
  /** Images per batch. Required. */
  batchSize: number;
  /** Peak learning rate. Required. */
  lr: number;
  /** Schedule shape; default `cosine` (BTM/MiSLAS `cos: True`). */
  schedule?: LrScheduleOptions["schedule"];
  /** Linear warm-up epochs; default 0. */
  warmupEpochs?: number;
  /** SGD momentum; default 0.9 (papers). */
  momentum?: number;
  /** Weight decay; default 5e-4 (BTM/MiSLAS). */
  weightDecay?: number;
  /** Run seed: sampler, augmentation and mixup streams derive from it by name and epoch. Required. */
  seed: number;
  /** Input normalization (train-split channel statistics); passed to `makeBatch`. */
  normalization?: ChannelStats;
  /**
   * Read the loss back from the device every this many steps (and at each
   * epoch end); default 20. Reading every step would stall GPU pipelines.
   */
  lossReadEvery?: number;
  /** Progress receiver; default {@linkcode terminalProgress}; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /**
   * Epoch-checkpoint file. After every epoch the weights, optimizer state and
   * epoch are written there; if it exists at the start (with the same
   * `resumeKey`), training resumes after its last epoch. Default: none.
   */
  resumePath?: string;
  /** Identity of the run the resume file must belong to; default: the label. */
  resumeKey?: string;
  /** Extra trainable variables outside the model (e.g. per-class logit scales), by name. */
  extraVariables?: Map<string, tf.Variable>;
  /** Applied to the logits before the loss (e.g. multiply by learned scales). */
  transformLogits?: (logits: tf.Tensor2D) => tf.Tensor2D;
}

/** What {@linkcode trainLoop} returns. */
export interface TrainLoopResult {
  /** Mean training loss of each epoch run now (resumed epochs are not repeated). */
  epochLosses: number[];
  /** Epoch the run started from (0 unless resumed). */
  startEpoch: number;
  /** Optimizer steps taken now. */
  steps: number;
  /** Images processed now. */
  images: number;
  /** Wall-clock seconds of the loop. */
  seconds: number;
  /** Images per second over the loop. */
  imagesPerSecond: number;
}

/** Resolves a {@linkcode TrainableSpec} to variable names, checking each exists. */
export function trainableNames(model: Model, spec: TrainableSpec): string[] {
  if (spec === "all") return [...model.backboneWeights, ...model.classifierWeights];
  if (spec === "backbone") return [...model.backboneWeights];
  if (spec === "classifier") return [...model.classifierWeights];
  if (!Array.isArray(spec)) {
    throw new Error(
      `Cannot train "${spec}": use "all", "backbone", "classifier" or a list of variable names`,
    );
  }
  for (const name of spec) {
    if (!model.variables.has(name) || model.buffers.includes(name)) {
      throw new Error(`Cannot train "${name}": the model has no trainable weight of that name`);
    }
  }
  return [...spec];
}

/**
 * Trains `model` in place on `set` with SGD and the options' schedule.
 * Returns per-epoch losses and throughput. No tensors are left behind.
 */
export async function trainLoop(
  model: Model,
  set: ImageSet,
  options: TrainLoopOptions,
): Promise<TrainLoopResult> {
  const o = resolve(options);
  const names = trainableNames(model, o.trainable);
  const trainsBackbone = names.some((n) => model.backboneWeights.includes(n));
  const variables = new Map<string, tf.Variable>();
  for (const n of names) variables.set(n, model.variables.get(n)!);
  for (const [n, v] of o.extraVariables ?? []) {
    if (variables.has(n)) throw new Error(`Cannot add extra variable "${n}": the name is taken`);
    variables.set(n, v);
  }
  // tfjs keys gradients by its own variable names; map them back to ours.
  const ourName = new Map<string, string>();
  for (const [n, v] of variables) ourName.set(v.name, n);
  const varList = [...variables.values()];

  const indices = o.indices ?? Int32Array.from({ length: set.labels.length }, (_, i) => i);
  if (indices.length === 0) throw new Error(`Cannot train "${o.label}" on an empty set of images`);
  const labels = Int32Array.from(indices, (i) => set.labels[i]);
  const sampler = createSampler(o.sampler, labels, {
    batchSize: o.batchSize,
    seed: o.seed,
    numClasses: set.numClasses,
    samplesPerClass: o.samplesPerClass,
  });
  const lossFn = getLoss(o.loss);
  const lossOptions: LossOptions = {
    classCounts: classCounts(set.labels, indices, set.numClasses),
    ...o.lossOptions,
  };
  const sgd = new Sgd({ momentum: o.momentum, weightDecay: o.weightDecay });
  const schedule: LrScheduleOptions = {
    schedule: o.schedule,
    lr: o.lr,
    epochs: o.epochs,
    warmupEpochs: o.warmupEpochs,
  };

  let startEpoch = 0;
  if (o.resumePath) startEpoch = await tryResume(model, sgd, o);

  const stepsPerEpoch = sampler.batchesPerEpoch;
  const [height, width] = [set.height, set.width];
  const epochLosses: number[] = [];
  const started = performance.now();
  let steps = 0;
  let images = 0;
  try {
    for (let epoch = startEpoch; epoch < o.epochs; epoch++) {
      const augmentRng = rngFor(o.seed, "augment", epoch);
      const mixupRng = rngFor(o.seed, "mixup", epoch);
      let lossSum: tf.Scalar | undefined; // running sum on the device since the last read
      let lossCount = 0;
      let readSum = 0;
      let readCount = 0;
      let step = 0;
      let lr = 0;
      for (const batch of sampler.batches(epoch)) {
        lr = learningRateAt(epoch + step / stepsPerEpoch, schedule);
        const global = Int32Array.from(batch, (i) => indices[i]);
        const b = makeBatch(set, global, {
          crop: o.augment,
          flip: o.augment,
          rng: augmentRng,
          normalization: o.normalization,
        });
        const n = b.y.length;
        const loss = tf.tidy(() => {
          let xData: Float32Array = b.x;
          let yA: Int32Array = b.y;
          let yB: Int32Array = b.y;
          let lambda = 1;
          if (o.mixupAlpha > 0) {
            const m = mixup(b.x, b.y, { alpha: o.mixupAlpha, rng: mixupRng });
            xData = m.x;
            yA = m.yA;
            yB = m.yB;
            lambda = m.lambda;
          }
          const x = tf.tensor4d(xData, [n, height, width, 3]); // [B, H, W, 3]
          const frozenFeatures = trainsBackbone
            ? undefined
            : model.features(x, { bnMode: o.bnMode, bnMomentum: o.bnMomentum }); // [B, D]
          const { value, grads } = tf.variableGrads(() => {
            let logits = frozenFeatures
              ? model.classify(frozenFeatures)
              : model.apply(x, { bnMode: o.bnMode, bnMomentum: o.bnMomentum }); // [B, C]
            if (o.transformLogits) logits = o.transformLogits(logits);
            if (o.mixupAlpha > 0) {
              const a = tf.tensor1d(yA, "int32"); // [B]
              const bLabels = tf.tensor1d(yB, "int32"); // [B]
              return mixupLoss(lossFn, logits, a, bLabels, lambda, lossOptions);
            }
            return lossFn(logits, tf.tensor1d(yA, "int32"), lossOptions);
          }, varList);
          const named = new Map<string, tf.Tensor>();
          for (const [tfName, g] of Object.entries(grads)) named.set(ourName.get(tfName)!, g);
          sgd.step(variables, named, lr);
          return value;
        });
        const next = lossSum ? tf.tidy(() => tf.add(lossSum!, loss)) as tf.Scalar : loss;
        if (lossSum) {
          lossSum.dispose();
          loss.dispose();
        }
        lossSum = next;
        lossCount++;
        step++;
        steps++;
        images += n;
        const last = step === stepsPerEpoch;
        if (lossCount >= o.lossReadEvery || last) {
          readSum += (await lossSum.data())[0];
          readCount += lossCount;
          lossSum.dispose();
          lossSum = undefined;
          lossCount = 0;
          if (!Number.isFinite(readSum)) {
            throw new Error(
              `Cannot continue "${o.label}": the loss became ${readSum} in epoch ${epoch + 1} ` +
                `(learning rate ${lr}); lower the learning rate`,
            );
          }
          if (!last) {
            report(o, epoch, step, stepsPerEpoch, readSum / readCount, lr, {
              steps,
              images,
              started,
            }, false);
          }
        }
      }
      lossSum?.dispose();
      const epochLoss = readSum / Math.max(1, readCount);
      epochLosses.push(epochLoss);
      if (o.resumePath) {
        await saveCheckpoint(o.resumePath, {
          modelConfig: model.config,
          weights: getNamedWeights(model),
          optimizer: await sgd.exportState(),
          meta: { epoch: epoch + 1, key: o.resumeKey, stage: o.label },
        });
      }
      report(
        o,
        epoch,
        stepsPerEpoch,
        stepsPerEpoch,
        epochLoss,
        lr,
        { steps, images, started },
        true,
      );
    }
  } finally {
    sgd.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    epochLosses,
    startEpoch,
    steps,
    images,
    seconds,
    imagesPerSecond: seconds > 0 ? images / seconds : 0,
  };
}

type Resolved =
  & Required<
    Omit<
      TrainLoopOptions,
      | "indices"
      | "normalization"
      | "resumePath"
      | "extraVariables"
      | "transformLogits"
      | "lossOptions"
      | "onProgress"
      | "samplesPerClass"
    >
  >
  & TrainLoopOptions
  & { onProgress: ProgressCallback | null };

function resolve(options: TrainLoopOptions): Resolved {
  const o: Resolved = {
    label: "train",
    trainable: "all",
    bnMode: "train",
    bnMomentum: 0.1,
    sampler: "instance",
    augment: SGD_STAGE_DEFAULTS.augment,
    mixupAlpha: 0,
    loss: "ce",
    schedule: SGD_STAGE_DEFAULTS.schedule,
    warmupEpochs: SGD_STAGE_DEFAULTS.warmupEpochs,
    momentum: SGD_STAGE_DEFAULTS.momentum,
    weightDecay: SGD_STAGE_DEFAULTS.weightDecay,
    lossReadEvery: 20,
    resumeKey: options.label ?? "train",
    ...stripUndefined(options),
    onProgress: options.onProgress === undefined ? terminalProgress() : options.onProgress,
  } as Resolved;
  for (const field of ["epochs", "batchSize", "lossReadEvery"] as const) {
    if (!Number.isInteger(o[field]) || o[field] < 1) {
      throw new RangeError(
        `Cannot train with ${field} = ${o[field]}: it must be a positive integer`,
      );
    }
  }
  if (!(o.mixupAlpha >= 0)) {
    throw new RangeError(`Cannot train with mixupAlpha = ${o.mixupAlpha}: it must be >= 0`);
  }
  return o;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function tryResume(model: Model, sgd: Sgd, o: Resolved): Promise<number> {
  try {
    await Deno.stat(o.resumePath!);
  } catch {
    return 0;
  }
  const ckpt = await loadCheckpoint(o.resumePath!, { expect: model.config });
  if (ckpt.meta.key !== o.resumeKey) {
    throw new Error(
      `Cannot resume from ${o.resumePath}: it belongs to run "${ckpt.meta.key}", not "${o.resumeKey}"`,
    );
  }
  setNamedWeights(model, ckpt.weights);
  if (ckpt.optimizer) sgd.importState(ckpt.optimizer);
  return ckpt.meta.epoch ?? 0;
}

function report(
  o: Resolved,
  epoch: number,
  step: number,
  stepsPerEpoch: number,
  loss: number,
  lr: number,
  counters: { steps: number; images: number; started: number },
  epochEnd: boolean,
): void {
  if (!o.onProgress) return;
  const elapsed = (performance.now() - counters.started) / 1000;
  const remainingSteps = (o.epochs - epoch) * stepsPerEpoch - step;
  const secondsPerStep = counters.steps > 0 ? elapsed / counters.steps : NaN;
  o.onProgress({
    label: o.label,
    epoch: epochEnd ? epoch + 1 : epoch,
    epochs: o.epochs,
    step,
    stepsPerEpoch,
    loss,
    lr,
    imagesPerSecond: elapsed > 0 ? counters.images / elapsed : 0,
    elapsedSeconds: elapsed,
    etaSeconds: remainingSteps * secondsPerStep,
    epochEnd,
    done: epochEnd && epoch + 1 === o.epochs,
  });
}
