/**
 * The loss contract: logits and integer labels in, a scalar out.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";

/** Shape of MiSLAS' label-aware smoothing curve from tail (fewest images) to head (most). */
export type SmoothingShape = "concave" | "linear" | "convex";

/**
 * How GML divides the sum of its per-class terms (see `gml`): `all` by C, the number of classes
 * (Eq. 1 as printed; a class absent from the mini-batch has no term), `present` by the number
 * of classes in the mini-batch.
 */
export type GmlClassNormalizer = "all" | "present";

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
  /**
   * GML: what the sum over classes of Eq. (1) is divided by; default `all` (C, as Eq. 1
   * prints it: 1/C Σ_{c=1..C}; an absent class has no p̄_c and so no term). `present` divides
   * by the classes of the mini-batch. The paper's text does not say what an absent class
   * contributes; see `gml`.
   */
  gmlNormalizer?: GmlClassNormalizer;
  /**
   * GML: floor of each sample's re-weighted true-class probability, in [0, 1); default 0
   * (none: Eqs. 1–3 have no clamp). The authors' code clamps at 1e-5 (`GML_MIN_PROBABILITY`).
   */
  gmlMinProbability?: number;
  /**
   * GML: re-weight the probabilities by the training counts, p̃_j ∝ N_j·exp(o_j) (Eq. 3);
   * default true. False is the "w/o re-weighting" ablation of the paper's Table 8.
   */
  gmlReweight?: boolean;
  /** `gml+las`: the weight λ of L_GML in L = λ·L_GML + L_LAS; default 1 (GML appendix, line 33). */
  gmlWeight?: number;
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
