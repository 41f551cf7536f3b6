/**
 * Label-aware smoothing (MiSLAS; Zhong et al., CVPR 2021, §3.2).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LossOptions, SmoothingShape } from "./types.ts";
import { checkLogitsLabels, requireClassCounts } from "./_check_inputs.ts";

const SHAPES: readonly SmoothingShape[] = ["concave", "linear", "convex"];

/**
 * Per-class smoothing factors ε_c (float64) from the training counts. With
 * t = (N_c − N_min)/(N_max − N_min) ∈ [0, 1]:
 * concave ε = ε_tail + (ε_head − ε_tail)·sin(πt/2);
 * linear ε = ε_tail + (ε_head − ε_tail)·t;
 * convex ε = ε_head + (ε_head − ε_tail)·sin(3π/2 + πt/2).
 * All three give ε_tail at the smallest class and ε_head at the largest. The
 * curve is undefined when every class has the same count, which is an error.
 */
export function labelAwareSmoothingFactors(
  classCounts: readonly number[],
  options: LossOptions = {},
): Float64Array {
  const head = options.smoothHead ?? 0.3;
  const tail = options.smoothTail ?? 0.0;
  const shape = options.shape ?? "concave";
  if (!SHAPES.includes(shape)) {
    throw new Error(
      `Cannot compute label-aware smoothing with shape "${shape}": valid shapes are ${
        SHAPES.join(", ")
      }.`,
    );
  }
  for (const [field, value] of [["smoothHead", head], ["smoothTail", tail]] as const) {
    if (!(value >= 0 && value <= 1)) {
      throw new Error(
        `Cannot compute label-aware smoothing with ${field} ${value}: it must lie in [0, 1].`,
      );
    }
  }
  const nMax = Math.max(...classCounts);
  const nMin = Math.min(...classCounts);
  if (nMax === nMin) {
    throw new Error(
      `Cannot compute label-aware smoothing: every class has ${nMax} images, so head and tail are undefined.`,
    );
  }
  return Float64Array.from(classCounts, (n) => {
    const t = (n - nMin) / (nMax - nMin);
    if (shape === "linear") return tail + (head - tail) * t;
    if (shape === "concave") return tail + (head - tail) * Math.sin((Math.PI * t) / 2);
    return head + (head - tail) * Math.sin(1.5 * Math.PI + (Math.PI * t) / 2);
  });
}

/**
 * Mean over the batch of `(1 − ε_y)·(−log p_y) + ε_y·(−(1/C)·Σ_j log p_j)`,
 * where ε_y is the label's smoothing factor from
 * {@linkcode labelAwareSmoothingFactors}. The uniform smoothing target spreads
 * over all C classes, the true class included, as in MiSLAS. Needs
 * `options.classCounts`.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { labelAwareSmoothing } from "./label_aware_smoothing.ts";
 * const loss = labelAwareSmoothing(tf.zeros([1, 2]) as tf.Tensor2D, tf.tensor1d([0], "int32"), {
 *   classCounts: [10, 1],
 * });
 * if (!(Math.abs(loss.dataSync()[0] - Math.log(2)) < 1e-6)) throw new Error("example failed");
 * ```
 */
export function labelAwareSmoothing(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  options: LossOptions = {},
): tf.Scalar {
  checkLogitsLabels("label-aware smoothing", logits, labels);
  const counts = requireClassCounts("label-aware smoothing", options.classCounts, logits.shape[1]);
  const eps = Float32Array.from(labelAwareSmoothingFactors(counts, options));
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits); // [B, C]
    const oneHot = tf.oneHot(labels, logits.shape[1]).toFloat(); // [B, C]
    const nll = tf.neg(tf.sum(tf.mul(oneHot, logp), 1)); // [B]
    const smooth = tf.neg(tf.mean(logp, 1)); // [B]
    const e = tf.gather(tf.tensor1d(eps), labels); // [B]
    const perSample = tf.add(tf.mul(tf.sub(1, e), nll), tf.mul(e, smooth)); // [B]
    return tf.mean(perSample) as tf.Scalar;
  });
}
