/**
 * Class-balanced (class-aware) sampling: every class equally likely.
 *
 * @module
 */

import { rngFor } from "../random/mod.ts";
import { checkEpoch, classDrawOrder, setUpSampler, toBatches } from "./_sampler_setup.ts";
import type { Sampler, SamplerOptions } from "./types.ts";

/**
 * Class-aware sampling (Shen et al., 2016; Kang et al., 2020): draw a class
 * uniformly among the classes that have samples, then take `samplesPerClass`
 * (k, default 1) consecutive samples of it from a per-class shuffled list that
 * is reshuffled whenever it runs out, so within a class every sample comes up
 * equally often. Randomness: `seedFor(seed, "class-balanced", epoch)`.
 *
 * @example
 * ```ts
 * import { classBalancedSampler } from "./class_balanced_sampler.ts";
 * const labels = [...new Array(99).fill(0), 1];
 * const s = classBalancedSampler(labels, { batchSize: 100, seed: 0 });
 * const rare = [...s.batches(0)][0].filter((i) => i === 99).length;
 * if (rare < 30) throw new Error(`the rare class came up only ${rare} times`);
 * ```
 */
export function classBalancedSampler(labels: ArrayLike<number>, options: SamplerOptions): Sampler {
  const setup = setUpSampler("class-balanced", labels, options);
  const weights = Float64Array.from(setup.byClass, (list) => (list.length > 0 ? 1 : 0));
  return {
    batchesPerEpoch: setup.batchesPerEpoch,
    batches(epoch: number): Iterable<Int32Array> {
      checkEpoch("class-balanced", epoch);
      const rng = rngFor(setup.seed, "class-balanced", epoch);
      return toBatches(classDrawOrder(setup, weights, rng), setup);
    },
  };
}
