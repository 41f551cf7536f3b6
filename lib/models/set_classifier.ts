/**
 * Swapping a separately trained linear classifier into a model.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Model } from "./types.ts";

/** A linear classifier `logits = features · kernel + bias`. */
export interface LinearClassifier {
  /** [featureDim, numClasses]. */
  kernel: tf.Tensor2D;
  /** [numClasses]. */
  bias: tf.Tensor1D;
}

/**
 * Copies `classifier.kernel` and `classifier.bias` into the model's
 * `classifier/kernel` and `classifier/bias` (the caller keeps ownership of
 * the given tensors). Shapes must match the model's [featureDim, numClasses]
 * and [numClasses].
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { buildModel } from "./build_model.ts";
 * import { setClassifier } from "./set_classifier.ts";
 * const model = buildModel("resnet8", { numClasses: 10, inputShape: [8, 8, 3], seed: 0 });
 * const kernel = tf.zeros([64, 10]) as tf.Tensor2D, bias = tf.zeros([10]) as tf.Tensor1D;
 * setClassifier(model, { kernel, bias });
 * tf.dispose([kernel, bias]);
 * model.dispose();
 * ```
 */
export function setClassifier(model: Model, classifier: LinearClassifier): void {
  const kernel = model.variables.get("classifier/kernel")!;
  const bias = model.variables.get("classifier/bias")!;
  if (classifier.kernel.shape.join() !== kernel.shape.join()) {
    throw new Error(
      `Cannot set the classifier: its kernel has shape [${classifier.kernel.shape}] but the model needs [${kernel.shape}].`,
    );
  }
  if (classifier.bias.shape.join() !== bias.shape.join()) {
    throw new Error(
      `Cannot set the classifier: its bias has shape [${classifier.bias.shape}] but the model needs [${bias.shape}].`,
    );
  }
  tf.tidy(() => {
    kernel.assign(tf.clone(classifier.kernel));
    bias.assign(tf.clone(classifier.bias));
  });
}
