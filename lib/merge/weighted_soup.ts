/**
 * Weighted soup: a convex combination of N models' weights.
 *
 * @module
 */

import { addScaled, checkCompatible, toWeights, zeroSums } from "./_accumulate.ts";
import type { NamedWeights } from "./named_weights.ts";

/**
 * Σ_i ratios[i] · models[i], entry by entry (batch-norm statistics included),
 * paired by name and accumulated in float64.
 *
 * @param models at least one model; all must have the same names and shapes.
 * @param ratios one per model: finite, ≥ 0, summing to 1 within 1e-9.
 *
 * @example
 * ```ts
 * import { weightedSoup } from "./weighted_soup.ts";
 * const w = (x: number) => new Map([["w", { shape: [1], values: Float32Array.of(x) }]]);
 * if (weightedSoup([w(0), w(8)], [0.75, 0.25]).get("w")!.values[0] !== 2) throw new Error();
 * ```
 */
export function weightedSoup(models: NamedWeights[], ratios: number[]): NamedWeights {
  const names = checkCompatible(models);
  checkRatios(ratios, models.length);
  const sums = zeroSums(models[0], names);
  models.forEach((model, m) => addScaled(sums, model, ratios[m]));
  return toWeights(sums, models[0], 1);
}

function checkRatios(ratios: number[], n: number): void {
  if (!Array.isArray(ratios) || ratios.length !== n) {
    throw new RangeError(
      `Cannot weight ${n} models with ${
        Array.isArray(ratios) ? `${ratios.length} ratios` : ratios
      }: need one ratio per model`,
    );
  }
  let total = 0;
  ratios.forEach((r, i) => {
    if (typeof r !== "number" || !Number.isFinite(r) || r < 0) {
      throw new RangeError(
        `Cannot weight models: ratio ${r} of model ${i} is not a finite number ≥ 0`,
      );
    }
    total += r;
  });
  if (Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`Cannot weight models: the ratios sum to ${total}, not 1`);
  }
}
