/**
 * Names of the onednn backend and of its own kernels, importable without
 * loading the backend (lib/models and lib/backend's ops branch on them).
 *
 * @module
 */

/** The tfjs backend name. */
export const ONEDNN_BACKEND = "onednn";

/** Names of the project's own kernels on onednn (no tfjs op calls them; lib/backend does). */
export const ONEDNN_CUSTOM_KERNELS = {
  /** Training batch norm: inputs {x, scale, shift}, attrs {epsilon, relu}; outputs y, mean, variance (, workspace). */
  batchNormTrain: "OnednnBatchNormTrain",
  /** Its backward: inputs {x, dy, mean, variance, scale, shift (, workspace)}, attrs {epsilon, relu}; outputs dx, dscale, dshift. */
  batchNormTrainGrad: "OnednnBatchNormTrainGrad",
  /** Inference batch norm + ReLU: inputs {x, mean, variance, scale, shift}, attrs {epsilon}. */
  batchNormRelu: "OnednnBatchNormRelu",
  /** ReLU backward from the output: inputs {dy, y}. */
  reluGrad: "OnednnReluGrad",
  /**
   * Evaluation-mode batchNorm(conv(x)) (then ReLU) with the batch norm folded into the filter and
   * the fold cached: inputs {x, filter, gamma, beta, mean, variance (, residual)}, attrs {strides,
   * pad, dilations, dimRoundingMode, epsilon, relu}; the residual is added before the ReLU.
   */
  convBnFrozen: "OnednnConvBnFrozen",
  /** relu(a + b), same shapes: inputs {a, b}. */
  addRelu: "OnednnAddRelu",
} as const;
