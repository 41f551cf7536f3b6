/**
 * The loss contract: logits and integer labels in, a scalar out.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";

/** Shape of MiSLAS' label-aware smoothing curve from tail (fewest images) to head (most). */
export type SmoothingShape = "concave" | "linear" | "convex";

/** Options shared by every loss; each loss reads the fields it needs. */
export interface LossOptions {
  /**
   * Training images per class (length = number of classes, all positive).
   * Required by `balancedSoftmax`, `labelAwareSmoothing` and `gml`, which
   * re-weight by the training distribution; ignored by `crossEntropy`.
   */
  classCounts?: readonly number[];
  /** LAS smoothing ε of the largest class; default 0.3 (MiSLAS, CIFAR-10-LT ρ = 100). */
  smoothHead?: number;
  /** LAS smoothing ε of the smallest class; default 0.0 (MiSLAS, CIFAR-10-LT ρ = 100). */
  smoothTail?: number;
  /** LAS curve between tail and head; default `concave` (MiSLAS' default). */
  shape?: SmoothingShape;
}

/**
 * A classification loss: logits [batch, classes], int32 labels [batch] → mean
 * loss over the batch (or, for GML, over the classes present), a scalar.
 */
export type LossFn = (
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  options?: LossOptions,
) => tf.Scalar;
