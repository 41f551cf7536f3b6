/**
 * Small fixtures for training tests: a random-pixel benchmark whose classes
 * differ in mean colour, and a tiny ResNet-8.
 *
 * @module
 */
import type { ImageSet, LongTailBenchmark } from "../../lib/data/types.ts";
import { buildModel } from "../../lib/models/mod.ts";
import type { Model } from "../../lib/models/types.ts";
import { Rng } from "../../lib/random/mod.ts";

/** An image set of `counts[c]` images of class c, 8×8, class c tinted by its colour. */
export function fakeSet(counts: number[], seed: number): ImageSet {
  const rng = new Rng(seed);
  const n = counts.reduce((a, b) => a + b, 0);
  const images = new Uint8Array(n * 8 * 8 * 3);
  const labels = new Int32Array(n);
  let i = 0;
  counts.forEach((count, c) => {
    for (let k = 0; k < count; k++, i++) {
      labels[i] = c;
      for (let p = 0; p < 64; p++) {
        for (let ch = 0; ch < 3; ch++) {
          const tint = ch === c % 3 ? 120 : 0;
          images[(i * 64 + p) * 3 + ch] = Math.min(255, tint + rng.int(120));
        }
      }
    }
  });
  return { images, labels, height: 8, width: 8, numClasses: counts.length };
}

/** A 3-class long-tailed benchmark (train 24/8/4, balanced val and test). */
export function fakeBenchmark(seed = 0): LongTailBenchmark {
  const trainCounts = [24, 8, 4];
  return {
    name: "fake3",
    numClasses: 3,
    train: fakeSet(trainCounts, seed),
    val: fakeSet([4, 4, 4], seed + 1),
    test: fakeSet([6, 6, 6], seed + 2),
    trainCounts,
    manifest: {
      name: "fake3",
      generator: "tests/train/_fixtures.ts",
      seed,
      imageSize: [8, 8],
      numClasses: 3,
      counts: { train: trainCounts, val: [4, 4, 4], test: [6, 6, 6] },
      sha256: { "train/images": `fake-${seed}` },
    },
    normalization: { mean: [0.3, 0.3, 0.3], std: [0.25, 0.25, 0.25] },
  };
}

/** A narrow ResNet-8 for 8×8 inputs. */
export function tinyModel(seed = 0, numClasses = 3): Model {
  return buildModel("resnet8", { numClasses, inputShape: [8, 8, 3], widths: [4, 8, 8], seed });
}
