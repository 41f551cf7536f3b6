/**
 * Softmax cross-entropy.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LossOptions } from "./types.ts";
import { checkLogitsLabels } from "./_check_inputs.ts";

/**
 * Mean over the batch of −log softmax(logits)[label] (PyTorch
 * `F.cross_entropy`). `options` is accepted for the common {@linkcode LossFn}
 * signature and ignored.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { crossEntropy } from "./cross_entropy.ts";
 * const loss = crossEntropy(tf.zeros([2, 4]) as tf.Tensor2D, tf.tensor1d([0, 3], "int32"));
 * if (!(Math.abs(loss.dataSync()[0] - Math.log(4)) < 1e-6)) throw new Error("example failed");
 * ```
 */
export function crossEntropy(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  _options: LossOptions = {},
): tf.Scalar {
  checkLogitsLabels("cross-entropy", logits, labels);
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits); // [B, C]
    const oneHot = tf.oneHot(labels, logits.shape[1]).toFloat(); // [B, C]
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logp), 1))) as tf.Scalar;
  });
}
