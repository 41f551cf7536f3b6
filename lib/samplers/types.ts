/**
 * The contract every batch sampler meets.
 *
 * @module
 */

/**
 * Yields the batches of one epoch as indices into the training set. Epoch `e`
 * depends only on the run seed and `e` (its stream is
 * `seedFor(seed, "<sampler name>", e)`), so a resumed run draws the same
 * batches as an uninterrupted one.
 */
export interface Sampler {
  /** Number of batches that `batches(epoch)` yields, the same for every epoch. */
  readonly batchesPerEpoch: number;
  /**
   * The batches of epoch `epoch` (a non-negative integer), each an Int32Array
   * of indices into the labels the sampler was built on. Each call returns a
   * fresh iterable, so an epoch can be replayed.
   */
  batches(epoch: number): Iterable<Int32Array>;
}

/** Options shared by every sampler. */
export interface SamplerOptions {
  /** Indices per batch (a positive integer). The last batch may be shorter unless `dropLast`. */
  batchSize: number;
  /** Run seed; epoch e draws from `seedFor(seed, "<sampler name>", e)`. */
  seed: number;
  /**
   * Number of classes C; labels must lie in [0, C). Default: largest label + 1.
   * Classes without any sample are never drawn.
   */
  numClasses?: number;
  /**
   * k for the class-draw samplers (class-balanced, square-root): each class
   * draw yields k consecutive samples of that class. Default 1, so every
   * sample's class is drawn on its own (the plain class-balanced sampling of
   * Kang et al., 2020); k > 1 gives the grouped class-aware sampling of
   * Shen et al., 2016. The instance sampler ignores it.
   */
  samplesPerClass?: number;
  /** Drop the last, short batch of an epoch. Default false (keep it, as PyTorch does). */
  dropLast?: boolean;
  /**
   * Samples drawn per epoch (a positive integer). Default: the dataset size,
   * so one epoch sees as many samples as instance sampling would.
   */
  samplesPerEpoch?: number;
}

/** Builds a sampler over `labels` (the class of each training sample). */
export type SamplerFactory = (labels: ArrayLike<number>, options: SamplerOptions) => Sampler;
