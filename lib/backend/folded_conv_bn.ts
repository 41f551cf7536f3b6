/**
 * Evaluation-mode `batchNorm(conv(x))` (then ReLU) as one folded oneDNN
 * convolution whose folded filter is cached (lib/backend/onednn/folded_conv.ts).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { gradientDepth } from "./gradient_depth.ts";
import { ONEDNN_BACKEND, ONEDNN_CUSTOM_KERNELS } from "./onednn/names.ts";

/** The batch norm folded into the convolution, each [O]. */
export interface FrozenBatchNorm {
  /** Scale γ. */
  gamma: tf.Tensor1D;
  /** Shift β. */
  beta: tf.Tensor1D;
  /** Running mean μ. */
  mean: tf.Tensor1D;
  /** Running variance σ² (≥ 0). */
  variance: tf.Tensor1D;
}

/** Options of {@linkcode foldedConvBn}. */
export interface FoldedConvBnOptions {
  /** Convolution stride, both axes (≥ 1). */
  stride: number;
  /** Explicit zero padding on every side (≥ 0), as `tf.conv2d`'s numeric `pad`. */
  pad: number;
  /** Batch-norm ε (> 0). */
  epsilon: number;
  /** Apply ReLU to the result. */
  relu: boolean;
  /**
   * Added to the batch norm's output before the ReLU (a ResNet block's
   * shortcut), the output's shape; fused into the convolution as a post-op.
   */
  residual?: tf.Tensor4D;
}

/**
 * `batchNorm(conv(x, filter))` with running statistics (plus a residual, then
 * ReLU) as one
 * oneDNN convolution with the batch norm folded into filter and bias, the
 * fold made once per set of weights; the same bits as
 * `fused.conv2d(x, filter·s, bias = β − μ·s)` with `s = γ·rsqrt(σ² + ε)`
 * computed by tfjs ops. Returns undefined where it does not apply — a
 * backend other than `onednn`, or a gradient being recorded (the fold has no
 * gradient; the caller runs its differentiable path) — and the caller
 * computes the layers itself.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { foldedConvBn } from "./folded_conv_bn.ts";
 * const x = tf.ones([1, 4, 4, 2]) as tf.Tensor4D;
 * const bn = { gamma: tf.ones([3]), beta: tf.zeros([3]), mean: tf.zeros([3]), variance: tf.ones([3]) };
 * const y = foldedConvBn(x, tf.ones([3, 3, 2, 3]), bn as never, { stride: 1, pad: 1, epsilon: 1e-5, relu: true });
 * console.assert(y === undefined || y.shape.join() === "1,4,4,3");
 * ```
 */
export function foldedConvBn(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bn: FrozenBatchNorm,
  options: FoldedConvBnOptions,
): tf.Tensor4D | undefined {
  const { stride, pad, epsilon, relu, residual } = options;
  if (!(Number.isInteger(stride) && stride >= 1)) {
    throw new RangeError(
      `Cannot fold a convolution with stride ${stride}: it must be an integer ≥ 1.`,
    );
  }
  if (!(Number.isInteger(pad) && pad >= 0)) {
    throw new RangeError(
      `Cannot fold a convolution with padding ${pad}: it must be an integer ≥ 0.`,
    );
  }
  if (!(epsilon > 0)) {
    throw new RangeError(`Cannot fold a batch norm with epsilon ${epsilon}: it must be > 0.`);
  }
  if (tf.getBackend() !== ONEDNN_BACKEND) return undefined;
  if (gradientDepth() > 0) return undefined;
  if (x.dtype !== "float32" || filter.dtype !== "float32") return undefined;
  if (residual !== undefined && residual.dtype !== "float32") return undefined;
  const inputs: tf.NamedTensorMap = {
    x,
    filter,
    gamma: bn.gamma,
    beta: bn.beta,
    mean: bn.mean,
    variance: bn.variance,
  };
  if (residual !== undefined) inputs.residual = residual;
  return tf.engine().runKernel(
    ONEDNN_CUSTOM_KERNELS.convBnFrozen,
    inputs,
    { strides: stride, pad, dilations: 1, epsilon, relu },
  ) as tf.Tensor4D;
}
