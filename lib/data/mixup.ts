/**
 * Mixup (Zhang et al. 2018) on a float batch: one λ ~ Beta(α, α) per batch, partners by a
 * seeded permutation.
 *
 * @module
 */
import type { Rng } from "../random/rng.ts";

/** Options of {@linkcode mixup}. */
export interface MixupOptions {
  /** α of Beta(α, α) for λ; > 0. Typical: 0.2 (CIFAR), 1 (strong mixing). */
  alpha: number;
  /** Generator for λ and the partner permutation (λ is drawn first). */
  rng: Rng;
}

/**
 * Mixes each example with a partner: x = λ·x + (1 − λ)·x[perm], computed in float64 and stored
 * as float32; the loss is λ·CE(yA) + (1 − λ)·CE(yB) with yA = y, yB = y[perm].
 *
 * @example
 * ```ts
 * import { mixup } from "./mixup.ts";
 * import { Rng } from "../random/rng.ts";
 * const r = mixup(new Float32Array([0, 1]), new Int32Array([0, 1]), { alpha: 1, rng: new Rng(0) });
 * if (!(r.lambda >= 0 && r.lambda <= 1)) throw new Error("bad lambda");
 * ```
 */
export function mixup(
  x: Float32Array,
  y: Int32Array,
  options: MixupOptions,
): { x: Float32Array; yA: Int32Array; yB: Int32Array; lambda: number } {
  const { alpha, rng } = options;
  if (!(alpha > 0) || !Number.isFinite(alpha)) {
    throw new RangeError(`Cannot mix up with alpha ${alpha}: alpha must be a finite number > 0`);
  }
  const b = y.length;
  if (b === 0 || x.length % b !== 0) {
    throw new RangeError(
      `Cannot mix up ${x.length} floats with ${b} labels: the batch must split evenly into examples`,
    );
  }
  const lambda = rng.beta(alpha, alpha);
  const perm = rng.permutation(b);
  const d = x.length / b;
  const out = new Float32Array(x.length);
  const mu = 1 - lambda;
  for (let k = 0; k < b; k++) {
    const o = k * d, p = perm[k] * d;
    for (let j = 0; j < d; j++) out[o + j] = lambda * x[o + j] + mu * x[p + j];
  }
  const yB = new Int32Array(b);
  for (let k = 0; k < b; k++) yB[k] = y[perm[k]];
  return { x: out, yA: y.slice(), yB, lambda };
}
