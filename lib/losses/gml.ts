/**
 * Geometric-mean loss (GML; Du et al., "No One Left Behind", CVPR 2023).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LossOptions } from "./types.ts";
import { checkLogitsLabels, requireClassCounts } from "./_check_inputs.ts";

/** Lower clamp of the re-weighted true-class probability, as in the GML code. */
export const GML_MIN_PROBABILITY = 1e-5;

/**
 * GML: with re-weighted probabilities p_ij ∝ N_j·exp(o_ij) (softmax of the
 * logits plus log training counts), clamped to [1e-5, 1], take for each class
 * c present in the batch the mean p̄_c of p_{i,c} over the samples i labelled c,
 * and return −(1/|present|)·Σ_c log p̄_c, the negative log geometric mean of
 * the per-class mean probabilities. Needs `options.classCounts`.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { gml } from "./gml.ts";
 * const loss = gml(tf.zeros([2, 2]) as tf.Tensor2D, tf.tensor1d([0, 0], "int32"), {
 *   classCounts: [1, 1],
 * });
 * if (!(Math.abs(loss.dataSync()[0] - Math.log(2)) < 1e-6)) throw new Error("example failed");
 * ```
 */
export function gml(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  options: LossOptions = {},
): tf.Scalar {
  checkLogitsLabels("GML", logits, labels);
  const numClasses = logits.shape[1];
  const counts = requireClassCounts("GML", options.classCounts, numClasses);
  const logCounts = Float32Array.from(counts, (n) => Math.log(n));
  return tf.tidy(() => {
    const logp = tf.logSoftmax(tf.add(logits, tf.tensor1d(logCounts))); // [B, C]
    const oneHot = tf.oneHot(labels, numClasses).toFloat(); // [B, C]
    const pTrue = tf.clipByValue(tf.exp(tf.sum(tf.mul(oneHot, logp), 1)), GML_MIN_PROBABILITY, 1); // [B]
    const classSum = tf.squeeze(tf.matMul(tf.expandDims(pTrue, 0), oneHot), [0]); // [C]
    const classCount = tf.sum(oneHot, 0); // [C]
    const present = tf.greater(classCount, 0); // [C]
    // Absent classes get mean 1 (log 0) so neither value nor gradient is NaN.
    const classMean = tf.where(
      present,
      tf.div(classSum, tf.maximum(classCount, 1)),
      tf.onesLike(classSum),
    ); // [C]
    const numPresent = tf.sum(tf.cast(present, "float32")); // []
    return tf.neg(tf.div(tf.sum(tf.log(classMean)), numPresent)) as tf.Scalar;
  });
}
