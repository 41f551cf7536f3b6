/**
 * Builds the manifest (counts per class, sha256 of every array) of a set of splits.
 *
 * @module
 */
import { sha256Hex } from "./sha256_hex.ts";
import type { DatasetManifest, ImageSet } from "./types.ts";

/** Options of {@linkcode manifestFor}. */
export interface ManifestForOptions {
  /** Generator name and version, e.g. `synth-shapes@1` or `cifar100-lt@1`. */
  generator: string;
  /** Seed the data was generated (or subsampled) with. */
  seed: number;
}

/** Images per class of `set`, index = class. */
export function imageSetCounts(set: ImageSet): number[] {
  const counts = new Array(set.numClasses).fill(0);
  for (const l of set.labels) {
    if (!(l >= 0 && l < set.numClasses)) {
      throw new RangeError(`Cannot count label ${l}: the set has ${set.numClasses} classes`);
    }
    counts[l]++;
  }
  return counts;
}

/**
 * Manifest of the splits `sets` (keyed by split name): counts per class and the sha256 of each
 * split's `images` and `labels` (keys `split/images`, `split/labels`).
 */
export async function manifestFor(
  name: string,
  sets: Record<string, ImageSet>,
  options: ManifestForOptions,
): Promise<DatasetManifest> {
  const splits = Object.keys(sets);
  if (splits.length === 0) throw new Error(`Cannot build a manifest for "${name}" without splits`);
  const first = sets[splits[0]];
  const counts: Record<string, number[]> = {};
  const sha256: Record<string, string> = {};
  for (const s of splits) {
    const set = sets[s];
    if (set.height !== first.height || set.width !== first.width) {
      throw new Error(
        `Cannot build a manifest for "${name}": split "${s}" has ${set.height}×${set.width} images but "${
          splits[0]
        }" has ${first.height}×${first.width}`,
      );
    }
    counts[s] = imageSetCounts(set);
    sha256[`${s}/images`] = await sha256Hex(set.images);
    sha256[`${s}/labels`] = await sha256Hex(set.labels);
  }
  return {
    name,
    generator: options.generator,
    seed: options.seed,
    imageSize: [first.height, first.width],
    numClasses: first.numClasses,
    counts,
    sha256,
  };
}
