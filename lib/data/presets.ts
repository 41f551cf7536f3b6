/**
 * Named synthetic benchmarks: a CIFAR-100-LT stand-in and scaled stand-ins for the paper's
 * other tables, each small enough to generate in seconds and train on 2 cores.
 *
 * @module
 */
import type { LongTailCountsOptions } from "./long_tail_counts.ts";
import type { SynthDifficulty } from "./synth_images.ts";

/** Everything that defines a synthetic benchmark; `generateBenchmark` turns it into data. */
export interface BenchmarkPreset {
  /** What the preset stands in for, in one sentence. */
  description: string;
  /** How it is scaled against the real dataset (classes, counts, image size, split sizes). */
  scaling: string;
  /** Number of classes. */
  numClasses: number;
  /** Image side in pixels (square RGB images). */
  imageSize: number;
  /** Seed of the class definitions and every image. */
  seed: number;
  /** Long-tailed profile of the train split (see `longTailCounts`), without `numClasses`. */
  profile: Omit<LongTailCountsOptions, "numClasses">;
  /** Test images per class (balanced). */
  testPerClass: number;
  /** Validation images per class (balanced, distinct from test); 0 for none. */
  valPerClass: number;
  /** Difficulty knobs of the generator; unset fields take the generator's defaults. */
  difficulty: SynthDifficulty;
}

/**
 * The registry of synthetic benchmarks, by name. `loadBenchmark(name)` generates or loads one
 * and verifies it against `data/manifests/<name>.json`.
 */
export const DATA_PRESETS: Record<string, BenchmarkPreset> = {
  "synth100-16": {
    description: "CIFAR-100-LT stand-in (IR 100) at 16×16: the default benchmark.",
    scaling:
      "Same classes (100), profile (exponential, n_max 500, IR 100: 10,847 train images) and test size (100/class) as CIFAR-100-LT; images 16×16 instead of 32×32; plus a 20/class validation split.",
    numClasses: 100,
    imageSize: 16,
    seed: 0,
    profile: { maxCount: 500, imbalanceRatio: 100, profile: "exponential" },
    testPerClass: 100,
    valPerClass: 20,
    difficulty: {},
  },
  "synth100-32": {
    description: "CIFAR-100-LT stand-in (IR 100) at CIFAR's 32×32.",
    scaling:
      "Same classes, profile (10,847 train images), test size and image size as CIFAR-100-LT; plus a 20/class validation split.",
    numClasses: 100,
    imageSize: 32,
    seed: 0,
    profile: { maxCount: 500, imbalanceRatio: 100, profile: "exponential" },
    testPerClass: 100,
    valPerClass: 20,
    difficulty: {},
  },
  "tiny": {
    description: "10 classes at 16×16, a few hundred images: for tests and smoke runs.",
    scaling:
      "Not a stand-in: 10 classes, exponential n_max 40, IR 10 (159 train), 10 test and 5 val per class.",
    numClasses: 10,
    imageSize: 16,
    seed: 0,
    profile: { maxCount: 40, imbalanceRatio: 10, profile: "exponential" },
    testPerClass: 10,
    valPerClass: 5,
    difficulty: {},
  },
  "synth-places": {
    description: "Places-LT stand-in: Pareto profile with a stronger imbalance than CIFAR-100-LT.",
    scaling:
      "Places-LT: 365 classes, n_max 4980, n_min 5 (IR 996), 62.5k train, 100 test/class, 224 px. Here: 120 classes, Pareto α 6, n_max 800, n_min 2 (IR 400; 11,379 train), 100 test and 20 val per class, 16×16.",
    numClasses: 120,
    imageSize: 16,
    seed: 0,
    profile: { maxCount: 800, imbalanceRatio: 400, profile: "pareto", paretoAlpha: 6 },
    testPerClass: 100,
    valPerClass: 20,
    difficulty: {},
  },
  "synth-imagenet": {
    description: "ImageNet-LT stand-in: Pareto profile over more classes.",
    scaling:
      "ImageNet-LT: 1000 classes, n_max 1280, n_min 5 (IR 256), 115.8k train, 50 test and 20 val per class, 224 px. Here: 200 classes, Pareto α 6, n_max 320, n_min 5 (IR 64; 12,404 train), 50 test and 20 val per class, 16×16.",
    numClasses: 200,
    imageSize: 16,
    seed: 0,
    profile: { maxCount: 320, imbalanceRatio: 64, profile: "pareto", paretoAlpha: 6 },
    testPerClass: 50,
    valPerClass: 20,
    difficulty: {},
  },
  "synth-inat": {
    description: "iNaturalist 2018 stand-in: many fine-grained classes, a low head count.",
    scaling:
      "iNat 2018: 8142 classes, n_max 1000, n_min 2 (IR 500), 437.5k train, 3 val/class, 224 px. Here: 400 classes (so many share two of three attributes: fine-grained), Pareto α 6, n_max 80, n_min 2 (IR 40; 7,020 train), 20 test and 5 val per class, 16×16.",
    numClasses: 400,
    imageSize: 16,
    seed: 0,
    profile: { maxCount: 80, imbalanceRatio: 40, profile: "pareto", paretoAlpha: 6 },
    testPerClass: 20,
    valPerClass: 5,
    difficulty: {},
  },
};

/** The preset named `name`; an unknown name is an error listing the valid ones. */
export function getPreset(name: string): BenchmarkPreset {
  const preset = Object.hasOwn(DATA_PRESETS, name) ? DATA_PRESETS[name] : undefined;
  if (!preset) {
    throw new Error(
      `Unknown benchmark preset "${name}": valid presets are ${
        Object.keys(DATA_PRESETS).map((n) => `"${n}"`).join(", ")
      }`,
    );
  }
  return preset;
}
