/**
 * The model contract shared by builders (lib/models), losses and training
 * (lib/train), and merging (lib/merge, through {@linkcode NamedWeights}).
 *
 * Models are functional: variables live in name-keyed maps, and `apply` runs
 * the network with explicit batch-norm behaviour. Nothing is addressed by
 * list position.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";

/**
 * How batch-norm layers behave in a forward pass.
 * - `train`: normalize with batch statistics and update the running statistics.
 * - `frozen`: normalize with running statistics; nothing updates (evaluation, frozen backbone).
 * - `stats`: normalize with batch statistics and update running statistics,
 *   but the caller keeps gamma/beta out of the optimizer (MiSLAS stage 2, cRT).
 */
export type BatchNormMode = "train" | "frozen" | "stats";

/** Architecture and size of a model; saved with every checkpoint. */
export interface ModelConfig {
  /** Registry name, e.g. `resnet8`. */
  arch: string;
  /** Number of output classes. */
  numClasses: number;
  /** Input as [height, width, channels]. */
  inputShape: [number, number, number];
  /** Stage widths (CIFAR ResNets: [16, 32, 64]). */
  widths?: number[];
  /** Seed of the weight initializers. */
  seed: number;
}

/** Options of one forward pass. */
export interface ApplyOptions {
  /** Batch-norm behaviour; default `frozen`. */
  bnMode?: BatchNormMode;
  /** Batch-norm running-statistics momentum (PyTorch convention: new = (1-m)·old + m·batch); default 0.1. */
  bnMomentum?: number;
}

/** A network split into a backbone and a linear classifier. */
export interface Model {
  /** The resolved configuration. */
  readonly config: ModelConfig;
  /**
   * Every variable by name: trainable weights and batch-norm running
   * statistics alike. Names are stable, `/`-separated paths such as
   * `backbone/stage1/block0/conv1/kernel`, `backbone/.../bn1/moving_mean`,
   * `classifier/kernel`, `classifier/bias`.
   */
  readonly variables: Map<string, tf.Variable>;
  /** Names of trainable weights of the backbone (conv kernels, bn gamma/beta). */
  readonly backboneWeights: string[];
  /** Names of the classifier's weights (`classifier/kernel`, `classifier/bias`). */
  readonly classifierWeights: string[];
  /** Names of non-trainable buffers (batch-norm running mean and variance). */
  readonly buffers: string[];
  /**
   * Backbone features, [batch, featureDim], for images [batch, H, W, C]
   * already normalized to float. Updates running statistics when the mode asks:
   * in `train`/`stats` modes the new running statistics are assigned at the end
   * of the call, once per call. This is safe inside `tf.variableGrads` /
   * `optimizer.minimize` closures: buffers are non-trainable variables and the
   * batch statistics carry no gradient.
   */
  features(x: tf.Tensor4D, options?: ApplyOptions): tf.Tensor2D;
  /** Classifier logits [batch, numClasses] from features [batch, featureDim]. */
  classify(features: tf.Tensor2D): tf.Tensor2D;
  /** `classify(features(x))`. */
  apply(x: tf.Tensor4D, options?: ApplyOptions): tf.Tensor2D;
  /** Feature dimension (classifier input size). */
  readonly featureDim: number;
  /** Releases every variable. */
  dispose(): void;
}

/** Options of `buildModel` and of every builder in `MODELS`. */
export interface BuildModelOptions {
  /** Number of output classes (10 for CIFAR-10-LT, 100 for CIFAR-100-LT, 1000 for ImageNet-LT). */
  numClasses: number;
  /** Input as [height, width, channels], NHWC without the batch axis (CIFAR: [32, 32, 3]). */
  inputShape: [number, number, number];
  /**
   * Stage widths; default per architecture: CIFAR ResNets [16, 32, 64] (the
   * papers' value), ImageNet ResNets/ResNeXts [64, 128, 256, 512]. Smaller
   * widths make fast test models.
   */
  widths?: number[];
  /** Run seed of the weight initializers: variable `name` is drawn from `seedFor(seed, name)`. */
  seed: number;
  /**
   * Starting values by variable name, copied instead of drawing initializers
   * (used by `cloneModel` and checkpoint loading). When given, it must hold
   * exactly the architecture's variables with their shapes.
   */
  initialValues?: Map<string, tf.Tensor>;
}

/** A registered architecture. */
export type ModelBuilder = (options: BuildModelOptions) => Model;

export type { NamedWeights } from "../merge/named_weights.ts";
