/**
 * Linear interpolation between two models' weights.
 *
 * @module
 */

import { addScaled, checkCompatible, toWeights, zeroSums } from "./_accumulate.ts";
import type { NamedWeights } from "./named_weights.ts";

/**
 * λ·a + (1−λ)·b, entry by entry, paired by name and computed in float64: the
 * path between two models (λ = 1 gives `a`, λ = 0 gives `b`).
 *
 * @param lambda λ, a number in [0, 1].
 *
 * @example
 * ```ts
 * import { interpolate } from "./interpolate.ts";
 * const w = (x: number) => new Map([["w", { shape: [1], values: Float32Array.of(x) }]]);
 * if (interpolate(w(4), w(0), 0.25).get("w")!.values[0] !== 1) throw new Error();
 * ```
 */
export function interpolate(a: NamedWeights, b: NamedWeights, lambda: number): NamedWeights {
  if (typeof lambda !== "number" || !(lambda >= 0 && lambda <= 1)) {
    throw new RangeError(`Cannot interpolate weights with λ = ${lambda}: it must be in [0, 1]`);
  }
  const names = checkCompatible([a, b]);
  const sums = zeroSums(a, names);
  addScaled(sums, a, lambda);
  addScaled(sums, b, 1 - lambda);
  return toWeights(sums, a, 1);
}
