/**
 * Square-root sampling: class probability ∝ √n_c.
 *
 * @module
 */

import { rngFor } from "../random/mod.ts";
import { checkEpoch, classDrawOrder, setUpSampler, toBatches } from "./_sampler_setup.ts";
import type { Sampler, SamplerOptions } from "./types.ts";

/**
 * Square-root sampling (Mahajan et al., 2018; Kang et al., 2020): draw class c
 * with probability √n_c / Σ_j √n_j, between instance (∝ n_c) and
 * class-balanced (∝ 1) sampling; then take `samplesPerClass` (k, default 1)
 * consecutive samples of it from a per-class shuffled list that is reshuffled
 * whenever it runs out. Randomness: `seedFor(seed, "square-root", epoch)`.
 *
 * @example
 * ```ts
 * import { squareRootSampler } from "./square_root_sampler.ts";
 * const s = squareRootSampler([0, 0, 0, 0, 1], { batchSize: 2, seed: 3 });
 * if (s.batchesPerEpoch !== 3) throw new Error("5 samples make 3 batches of ≤ 2");
 * ```
 */
export function squareRootSampler(labels: ArrayLike<number>, options: SamplerOptions): Sampler {
  const setup = setUpSampler("square-root", labels, options);
  const weights = Float64Array.from(setup.byClass, (list) => Math.sqrt(list.length));
  return {
    batchesPerEpoch: setup.batchesPerEpoch,
    batches(epoch: number): Iterable<Int32Array> {
      checkEpoch("square-root", epoch);
      const rng = rngFor(setup.seed, "square-root", epoch);
      return toBatches(classDrawOrder(setup, weights, rng), setup);
    },
  };
}
