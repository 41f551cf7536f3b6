/**
 * Balanced softmax cross-entropy (Ren et al. 2020), "BSCE" in BTM and GML.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LossOptions } from "./types.ts";
import { checkLogitsLabels, requireClassCounts } from "./_check_inputs.ts";

/**
 * Cross-entropy on logits shifted by the log training prior,
 * `o_j + log(N_j / ΣN)`, so the softmax models the long-tailed training
 * distribution while the raw logits stay balanced. Needs
 * `options.classCounts`.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { balancedSoftmax } from "./balanced_softmax.ts";
 * const loss = balancedSoftmax(tf.zeros([1, 2]) as tf.Tensor2D, tf.tensor1d([1], "int32"), {
 *   classCounts: [3, 1],
 * });
 * if (!(Math.abs(loss.dataSync()[0] - Math.log(4)) < 1e-6)) throw new Error("example failed"); // −log(1/4)
 * ```
 */
export function balancedSoftmax(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  options: LossOptions = {},
): tf.Scalar {
  checkLogitsLabels("balanced softmax", logits, labels);
  const counts = requireClassCounts("balanced softmax", options.classCounts, logits.shape[1]);
  const total = counts.reduce((a, b) => a + b, 0);
  const logPrior = Float32Array.from(counts, (n) => Math.log(n / total));
  return tf.tidy(() => {
    const adjusted = tf.add(logits, tf.tensor1d(logPrior)); // [B, C]
    const logp = tf.logSoftmax(adjusted); // [B, C]
    const oneHot = tf.oneHot(labels, logits.shape[1]).toFloat(); // [B, C]
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logp), 1))) as tf.Scalar;
  });
}
