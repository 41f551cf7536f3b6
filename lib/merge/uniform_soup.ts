/**
 * Uniform soup: the plain average of N models' weights (BTM's merge).
 *
 * @module
 */

import { addScaled, checkCompatible, toWeights, zeroSums } from "./_accumulate.ts";
import type { NamedWeights } from "./named_weights.ts";

/**
 * Averages N models entry by entry with equal weights 1/N: every named entry,
 * batch-norm running means and variances included, as BTM and model soups do.
 * Entries are paired by name, summed in float64 and rounded to float32 once.
 *
 * @param models at least one model; all must have the same names and shapes.
 *
 * @example
 * ```ts
 * import { uniformSoup } from "./uniform_soup.ts";
 * const w = (x: number) => new Map([["w", { shape: [1], values: Float32Array.of(x) }]]);
 * if (uniformSoup([w(1), w(2), w(6)]).get("w")!.values[0] !== 3) throw new Error("not the mean");
 * ```
 */
export function uniformSoup(models: NamedWeights[]): NamedWeights {
  const names = checkCompatible(models);
  const sums = zeroSums(models[0], names);
  for (const model of models) addScaled(sums, model, 1);
  return toWeights(sums, models[0], models.length);
}
