/**
 * Instance-balanced sampling: every sample equally likely, the plain
 * shuffled epoch.
 *
 * @module
 */

import { rngFor } from "../random/mod.ts";
import { checkEpoch, setUpSampler, toBatches } from "./_sampler_setup.ts";
import type { Sampler, SamplerOptions } from "./types.ts";

/**
 * Shuffled epochs: each epoch is a fresh permutation of the dataset, so every
 * sample is seen once (with the default `samplesPerEpoch`); a longer epoch
 * chains further permutations, a shorter one takes the start of one. Classes
 * are seen in proportion to their size. Randomness: `seedFor(seed, "instance", epoch)`.
 *
 * @example
 * ```ts
 * import { instanceSampler } from "./instance_sampler.ts";
 * const s = instanceSampler([0, 0, 0, 1], { batchSize: 3, seed: 1 });
 * const seen = [...s.batches(0)].flatMap((b) => [...b]).sort();
 * if (seen.join() !== "0,1,2,3" || s.batchesPerEpoch !== 2) throw new Error("not an epoch");
 * ```
 */
export function instanceSampler(labels: ArrayLike<number>, options: SamplerOptions): Sampler {
  const setup = setUpSampler("instance", labels, options);
  const n = labels.length;
  return {
    batchesPerEpoch: setup.batchesPerEpoch,
    batches(epoch: number): Iterable<Int32Array> {
      checkEpoch("instance", epoch);
      const rng = rngFor(setup.seed, "instance", epoch);
      const order = new Int32Array(setup.samplesPerEpoch);
      for (let start = 0; start < order.length; start += n) {
        const perm = rng.permutation(n);
        order.set(perm.subarray(0, Math.min(n, order.length - start)), start);
      }
      return toBatches(order, setup);
    },
  };
}
