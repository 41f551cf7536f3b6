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
import { getLoss, lossMaximum, type LossOptions, mixupLoss } from "../losses/mod.ts";
import type { BatchNormMode, Model } from "../models/types.ts";
import { getNamedWeights, setNamedWeights } from "../models/mod.ts";
import { rngFor } from "../random/mod.ts";
import { classCounts, createSampler } from "../samplers/mod.ts";
import { loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
import { learningRateAt, type LrScheduleOptions } from "./lr_schedule.ts";
import { type ProgressCallback, terminalProgress } from "./progress.ts";
import { Sgd } from "./sgd.ts";
import { TrainingInterrupted, watchInterrupts } from "./training_interrupted.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";

/**
 * How far a training loss may climb before the run counts as diverged: a mean loss (over the
 * steps between two read-backs) above `DIVERGENCE_LOSS_FACTOR × max(ln C, starting loss)` stops
 * training with an error. Why ln C: a C-class classifier that guesses uniformly has
 * cross-entropy ln C, a freshly initialized network starts near it, and every loss here (CE,
 * balanced softmax, LAS, GML, their mixup forms) is on that scale; the starting loss (of the very
 * first step, before any update) covers models that start above it. Healthy runs wobble by
 * fractions of that, never by tens: on the 3-class test fixture, lr 1 trains normally (epoch
 * means 1.44 → 0.32, at most 1.3× ln 3), while lr 10 reaches 42 and lr 30 255 within two
 * steps, and weight decay 50 at lr 0.1 went from 600 to 3e5 per epoch, finite in float32, so a
 * NaN check alone never fires. Ten times chance means the model is far worse than guessing;
 * waiting for NaN would only waste the remaining epochs and, unchecked, give a chance-level
 * model with exit 0.
 */
export const DIVERGENCE_LOSS_FACTOR = 10;

/**
 * For a bounded loss (see `lossMaximum`: GML with the authors' probability floor, whose loss
 * saturates at −ln 1e-5 ≈ 11.5 with a vanishing gradient instead of growing), the run counts as diverged once its mean loss has
 * climbed this fraction of the way from `max(ln C, starting loss)` to the maximum, whichever
 * comes first with {@linkcode DIVERGENCE_LOSS_FACTOR}. Half-way means most classes' mean
 * probability sits near the clamp: on the `tiny` preset, GML at lr 1e4 saturated at 10.3 (test
 * accuracy 0.10, chance) while lr 10 stayed at 4.3–5.0 from a start of 2.4 and kept learning
 * (accuracy 0.41); the half-way mark is 7.0.
 */
export const DIVERGENCE_BOUNDED_FRACTION = 0.5;

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
  /**
   * Skip each epoch's last, shorter batch (PyTorch's `drop_last`); default false. A few-shot
   * fine-tune of 1,000 images at batch 64 ends every epoch on a batch of 40: its batch-norm
   * statistics are noisier and its step weighs as much as a full one.
   */
  dropLast?: boolean;
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
  /** Step schedule: epochs after which the rate is multiplied by `gamma` (see `learningRateAt`). */
  milestones?: LrScheduleOptions["milestones"];
  /** Step schedule: factor applied at each milestone (see `learningRateAt`). */
  gamma?: LrScheduleOptions["gamma"];
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
  /**
   * Progress receiver; default {@linkcode terminalProgress} (a line per
   * epoch in a terminal, one updating line in a notebook); `null` for
   * silence. The loop awaits a promise it returns. It is called once when
   * training starts, every `lossReadEvery` steps and at each epoch end.
   */
  onProgress?: ProgressCallback | null;
  /**
   * Stop on SIGINT (Jupyter's interrupt) at the end of the current step with
   * a {@linkcode TrainingInterrupted} error instead of letting the process
   * end; the last finished epoch is in `resumePath`. Default: only inside
   * Deno's Jupyter kernel (in a terminal Ctrl-C ends the process as usual).
   */
  interruptible?: boolean;
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
  /**
   * Mean training loss of every epoch, 1 to `epochs`: those run before a resume come from the
   * epoch file (they are not repeated), so the history is whole however often the run was
   * interrupted.
   */
  epochLosses: number[];
  /** Epoch the run started from (0 unless resumed). */
  startEpoch: number;
  /** Optimizer steps taken now (by this call; not those before a resume). */
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
    dropLast: o.dropLast,
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
    milestones: o.milestones,
    gamma: o.gamma,
  };
  learningRateAt(0, schedule); // a bad schedule fails here, before any training

  const epochLosses: number[] = [];
  const checked = new Map(model.variables);
  for (const [n, v] of o.extraVariables ?? []) checked.set(n, v);
  const stepsPerEpoch = sampler.batchesPerEpoch;
  const [height, width] = [set.height, set.width];
  let startEpoch = 0;
  // Steps and images of this run (resumed epochs excluded), for throughput and ETA.
  const counters = { steps: 0, images: 0, started: performance.now(), startEpoch };
  const watch = watchInterrupts({ enabled: o.interruptible });
  const interrupted = async (epoch: number, step: number, loss: number, lr: number) => {
    await report(o, epoch, step, stepsPerEpoch, loss, lr, counters, false, true);
    return new TrainingInterrupted({
      label: o.label,
      savedEpochs: epoch,
      epochs: o.epochs,
      step,
      stepsPerEpoch,
      resumePath: o.resumePath,
    });
  };
  try {
    const resumed = o.resumePath ? await tryResume(model, sgd, o) : undefined;
    if (resumed) {
      startEpoch = resumed.epoch;
      epochLosses.push(...resumed.epochLosses);
    }
    counters.startEpoch = startEpoch;
    const badAtStart = await nonFiniteNames(checked);
    if (badAtStart.length > 0) {
      const which = listNames(badAtStart);
      throw new Error(
        resumed
          ? `Cannot resume "${o.label}" from ${o.resumePath}: its weights hold non-finite values (NaN or ±Infinity) in ${which}; the epoch file is bad, delete it to restart the stage`
          : `Cannot train "${o.label}": the model it starts from holds non-finite values (NaN or ±Infinity) in ${which}, before any step of this stage; it comes from a diverged earlier stage or a bad checkpoint, not from this stage's settings`,
      );
    }
    const divergence = new DivergenceCheck(
      o,
      set.numClasses,
      lossMaximum(o.loss, lossOptions),
      resumed ? o.resumePath : undefined,
    );

    counters.started = performance.now();
    await report(o, startEpoch, 0, stepsPerEpoch, NaN, NaN, counters, false);
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
        if (counters.steps === 0) {
          const first = (await loss.data())[0];
          if (!Number.isFinite(first)) loss.dispose();
          divergence.start(first, epoch);
        }
        const next = lossSum ? tf.tidy(() => tf.add(lossSum!, loss)) as tf.Scalar : loss;
        if (lossSum) {
          lossSum.dispose();
          loss.dispose();
        }
        lossSum = next;
        lossCount++;
        step++;
        counters.steps++;
        counters.images += n;
        const last = step === stepsPerEpoch;
        if (lossCount >= o.lossReadEvery || last) {
          const chunk = (await lossSum.data())[0];
          lossSum.dispose();
          lossSum = undefined;
          divergence.check(chunk / lossCount, epoch, step - lossCount + 1, step);
          readSum += chunk;
          readCount += lossCount;
          lossCount = 0;
          if (!last) {
            await report(o, epoch, step, stepsPerEpoch, readSum / readCount, lr, counters, false);
          }
        }
        if (!last && await watch.poll()) {
          lossSum?.dispose();
          throw await interrupted(epoch, step, readCount > 0 ? readSum / readCount : NaN, lr);
        }
      }
      lossSum?.dispose();
      const epochLoss = readSum / Math.max(1, readCount);
      epochLosses.push(epochLoss);
      // Before the epoch file is written: a broken model must never become a resume point.
      const bad = await nonFiniteNames(checked);
      if (bad.length > 0) {
        divergence.fail(`its weights became non-finite (${listNames(bad)})`, epoch);
      }
      if (o.resumePath) {
        await saveCheckpoint(o.resumePath, {
          modelConfig: model.config,
          weights: getNamedWeights(model),
          optimizer: await sgd.exportState(),
          meta: { epoch: epoch + 1, key: o.resumeKey, stage: o.label, epochLosses },
        });
      }
      await report(o, epoch, stepsPerEpoch, stepsPerEpoch, epochLoss, lr, counters, true);
      if (epoch + 1 < o.epochs && await watch.poll()) {
        throw await interrupted(epoch + 1, 0, NaN, lr);
      }
    }
  } finally {
    watch.close();
    sgd.dispose();
  }
  const seconds = (performance.now() - counters.started) / 1000;
  return {
    epochLosses,
    startEpoch,
    steps: counters.steps,
    images: counters.images,
    seconds,
    imagesPerSecond: seconds > 0 ? counters.images / seconds : 0,
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
      | "dropLast"
      | "interruptible"
      | "milestones"
      | "gamma"
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

/** What a resume file restores besides the weights. */
interface Resumed {
  /** Epochs it completed. */
  epoch: number;
  /** Their mean losses. */
  epochLosses: number[];
}

async function tryResume(model: Model, sgd: Sgd, o: Resolved): Promise<Resumed | undefined> {
  try {
    await Deno.stat(o.resumePath!);
  } catch {
    return undefined;
  }
  const ckpt = await loadCheckpoint(o.resumePath!, { expect: model.config });
  const refuse = (why: string): never => {
    throw new Error(
      `Cannot resume "${o.label}" from ${o.resumePath}: ${why}; delete it to restart the stage`,
    );
  };
  if (ckpt.meta.key !== o.resumeKey) {
    refuse(`it belongs to run "${ckpt.meta.key}", not "${o.resumeKey}"`);
  }
  const epoch = ckpt.meta.epoch;
  if (!Number.isInteger(epoch) || epoch! < 1 || epoch! > o.epochs) {
    refuse(`it records epoch ${epoch} but the run has epochs 1–${o.epochs}`);
  }
  const losses = ckpt.meta.epochLosses;
  if (!Array.isArray(losses) || losses.length !== epoch || !losses.every(Number.isFinite)) {
    refuse(
      `it records the losses ${JSON.stringify(losses)} for its ${epoch} finished epochs`,
    );
  }
  setNamedWeights(model, ckpt.weights);
  if (ckpt.optimizer) sgd.importState(ckpt.optimizer);
  if (o.onProgress !== null) {
    console.log(
      epoch! < o.epochs
        ? `resuming ${o.label} at epoch ${
          epoch! + 1
        } of ${o.epochs} (epochs 1–${epoch} restored from ${o.resumePath})`
        : `resuming ${o.label}: all ${o.epochs} epochs were done (restored from ${o.resumePath})`,
    );
  }
  return { epoch: epoch!, epochLosses: [...losses!] };
}

/** Names of the variables holding a NaN or ±Infinity. One read-back for all of them. */
async function nonFiniteNames(variables: Map<string, tf.Variable>): Promise<string[]> {
  if (variables.size === 0) return [];
  const names = [...variables.keys()];
  // x·0 is 0 for every finite x and NaN for NaN and ±Infinity: the sum is 0 iff all are finite.
  const sums = tf.tidy(() => tf.stack(names.map((n) => tf.sum(tf.mul(variables.get(n)!, 0)))) // [V]
  );
  const values = await sums.data();
  sums.dispose();
  return names.filter((_, i) => !Number.isFinite(values[i]));
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => `"${n}"`).join(", ");
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/**
 * Watches a run's losses for divergence (see {@linkcode DIVERGENCE_LOSS_FACTOR}) and words the
 * error: the stage, the epoch, the loss, and the likely cause.
 */
class DivergenceCheck {
  readonly #o: Resolved;
  readonly #chance: number;
  readonly #numClasses: number;
  readonly #resumedFrom?: string;
  readonly #maxLoss: number;
  #startEpoch = 0;
  #startLoss = 0;

  constructor(o: Resolved, numClasses: number, maxLoss: number, resumedFrom: string | undefined) {
    this.#o = o;
    this.#numClasses = numClasses;
    this.#chance = Math.log(Math.max(2, numClasses));
    this.#resumedFrom = resumedFrom;
    this.#maxLoss = maxLoss;
  }

  /** Records the loss of the run's first step (before any update of this call). */
  start(loss: number, epoch: number): void {
    this.#startEpoch = epoch;
    if (!Number.isFinite(loss)) {
      throw new Error(
        `Cannot train "${this.#o.label}": the loss of its first step is ${loss}, before any update, ` +
          `although every weight is finite; its inputs are broken (check the normalization ${
            JSON.stringify(this.#o.normalization ?? null)
          }: a zero std divides by zero)`,
      );
    }
    this.#startLoss = loss;
  }

  /** Throws when the mean loss of steps `from`–`to` of `epoch` (0-based) is non-finite or too high. */
  check(meanLoss: number, epoch: number, from: number, to: number): void {
    const steps = from === to ? `step ${to}` : `steps ${from}–${to}`;
    if (!Number.isFinite(meanLoss)) this.fail(`the loss became ${meanLoss}`, epoch, steps);
    const reference = Math.max(this.#chance, this.#startLoss);
    const which = this.#startLoss > this.#chance
      ? `its starting loss ${fmt(this.#startLoss)}`
      : `the chance-level loss ln ${this.#numClasses} = ${fmt(this.#chance)}`;
    if (meanLoss > DIVERGENCE_LOSS_FACTOR * reference) {
      this.fail(
        "training diverged",
        epoch,
        `mean loss ${fmt(meanLoss)} over ${steps}, more than ${DIVERGENCE_LOSS_FACTOR}× ${which}`,
      );
    }
    const max = this.#maxLoss;
    if (max > reference && meanLoss > reference + DIVERGENCE_BOUNDED_FRACTION * (max - reference)) {
      this.fail(
        "training diverged",
        epoch,
        `mean loss ${fmt(meanLoss)} over ${steps}, more than ${DIVERGENCE_BOUNDED_FRACTION} of ` +
          `the way from ${which} to ${fmt(max)}, the largest value the ${this.#o.loss} loss takes`,
      );
    }
  }

  /** Throws the divergence error: `what` happened in `epoch` (0-based), with `detail`. */
  fail(what: string, epoch: number, detail?: string): never {
    const o = this.#o;
    throw new Error(
      `Cannot continue "${o.label}": ${what} in epoch ${epoch + 1} of ${o.epochs}${
        detail ? ` (${detail})` : ""
      }; likely cause: ${this.#cause(epoch)}`,
    );
  }

  /**
   * The likely cause, in words. With weight decay alone, SGD's heavy-ball step on a weight is
   * stable only while lr·wd < 2(1 + momentum); past it the decay overshoots and the weights grow
   * without bound. Then the learning rate or the weight decay is to blame, whichever lies
   * further above its usual value ({@linkcode USUAL_SGD}); below it, the gradient step is, so
   * the learning rate.
   */
  #cause(epoch: number): string {
    const o = this.#o;
    const decayStep = o.lr * o.weightDecay;
    const unstable = 2 * (1 + o.momentum);
    const product = `lr × weight decay = ${fmt(decayStep)} ≥ ${fmt(unstable)}, ` +
      `where the decay alone makes SGD with momentum ${o.momentum} unstable`;
    let cause: string;
    if (decayStep < unstable) {
      cause = `the learning rate ${o.lr} is too high: lower the learning rate`;
    } else if (o.weightDecay / USUAL_SGD.weightDecay > o.lr / USUAL_SGD.lr) {
      cause = `the weight decay ${o.weightDecay} is too strong for the learning rate ${o.lr} ` +
        `(${product}): lower the weight decay`;
    } else {
      cause = `the learning rate ${o.lr} is too high, even for the weight decay ${o.weightDecay} ` +
        `alone (${product}): lower the learning rate`;
    }
    if (this.#resumedFrom && epoch === this.#startEpoch) {
      cause += `, or the epoch file ${this.#resumedFrom} it resumed from is bad ` +
        `(delete it to restart the stage)`;
    }
    return cause;
  }
}

/**
 * The papers' SGD settings, used by every stage (BTM, MiSLAS, GML: lr 0.1 at batch 128–256,
 * weight decay 5e-4). Only for wording a divergence error: when their product makes SGD
 * unstable, the one further above its usual value is named as the likely cause.
 */
const USUAL_SGD = { lr: 0.1, weightDecay: 5e-4 } as const;

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : String(x);
}

async function report(
  o: Resolved,
  epoch: number,
  step: number,
  stepsPerEpoch: number,
  loss: number,
  lr: number,
  counters: { steps: number; images: number; started: number; startEpoch: number },
  epochEnd: boolean,
  interrupted = false,
): Promise<void> {
  if (!o.onProgress) return;
  const elapsed = (performance.now() - counters.started) / 1000;
  const remainingSteps = (o.epochs - epoch) * stepsPerEpoch - step;
  const secondsPerStep = counters.steps > 0 ? elapsed / counters.steps : NaN;
  // A receiver's promise (a notebook display) is awaited, so its output goes out now.
  await o.onProgress({
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
    startEpoch: counters.startEpoch,
    interrupted,
  });
}
