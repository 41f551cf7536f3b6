/**
 * The sampler registry: samplers by name.
 *
 * @module
 */

import { classBalancedSampler } from "./class_balanced_sampler.ts";
import { instanceSampler } from "./instance_sampler.ts";
import { squareRootSampler } from "./square_root_sampler.ts";
import type { Sampler, SamplerFactory, SamplerOptions } from "./types.ts";

/** Every sampler, by the name configs use. */
export const SAMPLERS: Readonly<Record<SamplerName, SamplerFactory>> = Object.freeze({
  "instance": instanceSampler,
  "class-balanced": classBalancedSampler,
  "square-root": squareRootSampler,
});

/** Names of the registered samplers. */
export type SamplerName = "instance" | "class-balanced" | "square-root";

/**
 * Builds the sampler registered as `name` over `labels`; an unknown name is an
 * error listing the valid ones.
 *
 * @example
 * ```ts
 * import { createSampler } from "./create_sampler.ts";
 * const s = createSampler("class-balanced", [0, 1, 1, 1], { batchSize: 2, seed: 0 });
 * if (s.batchesPerEpoch !== 2) throw new Error("wrong epoch length");
 * ```
 */
export function createSampler(
  name: string,
  labels: ArrayLike<number>,
  options: SamplerOptions,
): Sampler {
  if (!Object.hasOwn(SAMPLERS, name)) {
    throw new RangeError(
      `Cannot create sampler "${name}": valid samplers are ${
        Object.keys(SAMPLERS).map((n) => `"${n}"`).join(", ")
      }`,
    );
  }
  return SAMPLERS[name as SamplerName](labels, options);
}
