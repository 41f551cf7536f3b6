/**
 * The in-memory shapes every dataset in the project is turned into, so that
 * samplers, training and evaluation never care where images came from.
 *
 * @module
 */

/** A labelled set of small RGB images held in memory. */
export interface ImageSet {
  /** Pixels in [N, height, width, 3] order, RGB, 0–255. */
  images: Uint8Array;
  /** Class index of each image, in [0, numClasses). */
  labels: Int32Array;
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
  /** Number of classes of the benchmark this set belongs to. */
  numClasses: number;
}

/** Facts recorded next to generated or converted data, and verified on load. */
export interface DatasetManifest {
  /** Preset or dataset name, e.g. `synth100-16`. */
  name: string;
  /** Generator name and version; a change of version invalidates cached data. */
  generator: string;
  /** Seed the data was generated from. */
  seed: number;
  /** Image size as [height, width]. */
  imageSize: [number, number];
  /** Number of classes. */
  numClasses: number;
  /** Images per class of each split, keyed by split name. */
  counts: Record<string, number[]>;
  /** sha256 (hex) of each split's image and label arrays, keyed `split/images`, `split/labels`. */
  sha256: Record<string, string>;
}

/** Per-channel statistics of pixel values scaled to [0, 1], used to normalize inputs. */
export interface ChannelStats {
  /** Mean of R, G and B over every pixel of the set, on the [0, 1] scale. */
  mean: [number, number, number];
  /** Standard deviation of R, G and B over every pixel of the set, on the [0, 1] scale. */
  std: [number, number, number];
}

/** A long-tailed benchmark: imbalanced train split, balanced test (and validation) splits. */
export interface LongTailBenchmark {
  /** Preset or dataset name. */
  name: string;
  /** Number of classes. */
  numClasses: number;
  /** Long-tailed training split. */
  train: ImageSet;
  /** Balanced validation split, distinct from test; model selection uses this, never test. */
  val?: ImageSet;
  /** Balanced test split. */
  test: ImageSet;
  /** Training images per class (the long-tailed profile), index = class. */
  trainCounts: number[];
  /** Provenance of the data. */
  manifest: DatasetManifest;
  /**
   * Per-channel mean and std of the train split, for `makeBatch`'s normalization.
   * Always set by `loadBenchmark`, `generateBenchmark` and `cifar100Benchmark`; code that
   * builds a benchmark by hand may leave it out and call `channelStats(train)`.
   */
  normalization?: ChannelStats;
}
