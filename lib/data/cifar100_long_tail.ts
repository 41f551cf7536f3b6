/**
 * The standard long-tailed subsampling of CIFAR-100 (Cao et al. 2019), and the benchmark built
 * from the CIFAR-100 binary files.
 *
 * @module
 */
import { Rng } from "../random/rng.ts";
import { seedFor } from "../random/seed_for.ts";
import { channelStats } from "./channel_stats.ts";
import { longTailCounts, type LongTailProfile } from "./long_tail_counts.ts";
import { manifestFor } from "./manifest_for.ts";
import { readCifar100 } from "./read_cifar100.ts";
import type { ImageSet, LongTailBenchmark } from "./types.ts";

/** Version of the subsampling; part of the manifests of CIFAR-LT benchmarks. */
export const CIFAR_LT_GENERATOR_VERSION = "cifar100-lt@1";

/** Options of {@linkcode cifar100LongTail}. */
export interface Cifar100LongTailOptions {
  /** Imbalance ratio n_max / n_min; default 100 (the paper's main setting; also 50, 10). */
  imbalanceRatio?: number;
  /** Images kept of the head class; default 500 (all of CIFAR-100's per-class images). */
  maxCount?: number;
  /** Profile; default "exponential" (CIFAR-100-LT). */
  profile?: LongTailProfile;
  /** Seed of the per-class shuffles; default 0. */
  seed?: number;
  /** Number of classes; default 100. */
  numClasses?: number;
}

/**
 * Long-tailed subset of a balanced labelled set: class i keeps the first n_i of its images
 * after a per-class shuffle seeded by `seedFor(seed, "cifar-lt", i)` (the LDAM recipe, with our
 * generator instead of NumPy's, so the chosen images differ from the PyTorch code's). Returns
 * the kept images in class order, their labels, the counts and the source indices.
 */
export function cifar100LongTail(
  images: Uint8Array,
  labels: Uint8Array | Int32Array,
  options: Cifar100LongTailOptions = {},
): { images: Uint8Array; labels: Int32Array; counts: number[]; indices: Int32Array } {
  const numClasses = options.numClasses ?? 100;
  const n = labels.length;
  const pixels = images.length / n;
  if (n === 0 || !Number.isInteger(pixels)) {
    throw new RangeError(`Cannot subsample ${images.length} pixel bytes with ${n} labels`);
  }
  const counts = longTailCounts({
    numClasses,
    maxCount: options.maxCount ?? 500,
    imbalanceRatio: options.imbalanceRatio ?? 100,
    profile: options.profile,
  });
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (!(l >= 0 && l < numClasses)) {
      throw new RangeError(
        `Cannot subsample: image ${i} has label ${l}, outside 0–${numClasses - 1}`,
      );
    }
    byClass[l].push(i);
  }
  const seed = options.seed ?? 0;
  const kept: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    if (byClass[c].length < counts[c]) {
      throw new RangeError(
        `Cannot keep ${counts[c]} images of class ${c}: the source has only ${byClass[c].length}`,
      );
    }
    const idx = new Rng(seedFor(seed, "cifar-lt", c)).shuffle(Int32Array.from(byClass[c]));
    for (let j = 0; j < counts[c]; j++) kept.push(idx[j]);
  }
  const out = new Uint8Array(kept.length * pixels);
  const outLabels = new Int32Array(kept.length);
  kept.forEach((src, k) => {
    out.set(images.subarray(src * pixels, (src + 1) * pixels), k * pixels);
    outLabels[k] = labels[src];
  });
  return { images: out, labels: outLabels, counts, indices: Int32Array.from(kept) };
}

/** Options of {@linkcode cifar100Benchmark}. */
export interface Cifar100BenchmarkOptions extends Cifar100LongTailOptions {
  /** Benchmark name; default `cifar100-lt-ir<IR>`. */
  name?: string;
}

/**
 * CIFAR-100-LT as a `LongTailBenchmark`: the long-tailed subset of `train.bin` and the whole
 * `test.bin` (100 per class). No validation split: the head class keeps all 500 of its train
 * images, so none are left over. Its manifest is computed, not checked: compare it with a
 * committed one via `compareManifests`.
 */
export async function cifar100Benchmark(
  trainPath: string,
  testPath: string,
  options: Cifar100BenchmarkOptions = {},
): Promise<LongTailBenchmark> {
  const trainRaw = await readCifar100(trainPath);
  const testRaw = await readCifar100(testPath);
  const lt = cifar100LongTail(trainRaw.images, trainRaw.labels, options);
  const numClasses = options.numClasses ?? 100;
  const train: ImageSet = {
    images: lt.images,
    labels: lt.labels,
    height: 32,
    width: 32,
    numClasses,
  };
  const test: ImageSet = {
    images: testRaw.images,
    labels: Int32Array.from(testRaw.labels),
    height: 32,
    width: 32,
    numClasses,
  };
  const name = options.name ?? `cifar100-lt-ir${options.imbalanceRatio ?? 100}`;
  const manifest = await manifestFor(name, { train, test }, {
    generator: CIFAR_LT_GENERATOR_VERSION,
    seed: options.seed ?? 0,
  });
  return {
    name,
    numClasses,
    train,
    test,
    trainCounts: lt.counts,
    manifest,
    normalization: channelStats(train),
  };
}
