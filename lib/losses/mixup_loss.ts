/**
 * The mixup criterion (Zhang et al. 2018), as MiSLAS and BTM apply it.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LossFn, LossOptions } from "./types.ts";

/**
 * `λ·loss(logits, yA) + (1 − λ)·loss(logits, yB)` for logits of inputs mixed
 * as `λ·x_A + (1 − λ)·x_B`. Any {@linkcode LossFn} works; `options` is passed
 * to both terms. (Its positional arguments mirror the papers' `mixup_criterion`.)
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { crossEntropy } from "./cross_entropy.ts";
 * import { mixupLoss } from "./mixup_loss.ts";
 * const logits = tf.zeros([1, 3]) as tf.Tensor2D;
 * const yA = tf.tensor1d([0], "int32"), yB = tf.tensor1d([2], "int32");
 * const loss = mixupLoss(crossEntropy, logits, yA, yB, 0.7);
 * if (!(Math.abs(loss.dataSync()[0] - Math.log(3)) < 1e-6)) throw new Error("example failed");
 * ```
 */
export function mixupLoss(
  loss: LossFn,
  logits: tf.Tensor2D,
  yA: tf.Tensor1D,
  yB: tf.Tensor1D,
  lambda: number,
  options: LossOptions = {},
): tf.Scalar {
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new Error(`Cannot compute the mixup loss with λ = ${lambda}: it must lie in [0, 1].`);
  }
  return tf.tidy(() =>
    tf.add(
      tf.mul(loss(logits, yA, options), lambda),
      tf.mul(loss(logits, yB, options), 1 - lambda),
    ) as tf.Scalar
  );
}
