/**
 * Functional layers over name-keyed variables (internal to lib/models):
 * declaration (into a {@linkcode VariableStore}) and application (reading the
 * model's variable map), kept side by side so names cannot drift.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { batchNormTrain } from "../backend/batch_norm.ts";
import { foldedConvBn } from "../backend/folded_conv_bn.ts";
import { gradientDepth } from "../backend/gradient_depth.ts";
import { addRelu } from "../backend/relu.ts";
import { runningStatsUpdate } from "../backend/running_stats_update.ts";
import { ONEDNN_BACKEND, ONEDNN_CUSTOM_KERNELS } from "../backend/onednn/names.ts";
import type { BatchNormMode } from "./types.ts";
import { groupedConv2d } from "./grouped_conv2d.ts";
import type { VariableStore } from "./_variable_store.ts";

/** Batch-norm epsilon, as PyTorch's default. */
export const BN_EPSILON = 1e-5;

/** State of one forward pass. */
export interface ForwardContext {
  /** The model's variables by name. */
  variables: Map<string, tf.Variable>;
  /** Batch-norm behaviour. */
  bnMode: BatchNormMode;
  /** Running-statistics momentum (PyTorch convention). */
  bnMomentum: number;
  /** Running-statistic updates, applied after the pass. */
  updates: [tf.Variable, tf.Tensor][];
  /**
   * Whether intermediate activations may be disposed as soon as the pass has
   * consumed them ({@linkcode release}): in `frozen` mode with no gradient
   * being recorded. Optional; default false.
   */
  releaseIntermediates?: boolean;
}

/** Whether a pass in `bnMode` may release its intermediates now (frozen, no gradient recorded). */
export function mayReleaseIntermediates(bnMode: BatchNormMode): boolean {
  return bnMode === "frozen" && gradientDepth() === 0;
}

/**
 * Disposes `tensors` (skipping `input` and undefined) when
 * `ctx.releaseIntermediates`: evaluation then keeps a few activations alive
 * instead of every layer's, so each layer writes memory that is still in
 * cache (ResNet-32 at 32×32, batch 128: ~8 MB live instead of ~250 MB).
 * Otherwise (training, or a gradient recorded) it does nothing; the
 * enclosing tidy disposes them at the end of the pass.
 */
export function release(
  ctx: ForwardContext,
  input: tf.Tensor,
  ...tensors: (tf.Tensor | undefined)[]
): void {
  if (!ctx.releaseIntermediates) return;
  for (const t of new Set(tensors)) if (t !== undefined && t !== input) t.dispose();
}

function get(ctx: ForwardContext, name: string): tf.Variable {
  const v = ctx.variables.get(name);
  if (v === undefined) throw new Error(`Cannot run the model: variable "${name}" is missing.`);
  return v;
}

/** Declares `${name}/kernel` [k, k, inChannels / groups, outChannels] (no bias, as in ResNets). */
export function declareConv(
  store: VariableStore,
  name: string,
  k: number,
  inChannels: number,
  outChannels: number,
  groups = 1,
): void {
  store.add(`${name}/kernel`, [k, k, inChannels / groups, outChannels], {
    kind: "kaimingNormalFanOut",
  }, "backbone");
}

/** Applies the conv declared as `name` with PyTorch-style symmetric padding. */
export function conv(
  ctx: ForwardContext,
  name: string,
  x: tf.Tensor4D,
  stride: number,
  pad: number,
  groups = 1,
): tf.Tensor4D {
  const kernel = get(ctx, `${name}/kernel`) as tf.Tensor as tf.Tensor4D;
  return groups === 1
    ? tf.conv2d(x, kernel, stride, pad)
    : groupedConv2d(x, kernel, { groups, stride, pad });
}

/** Declares batch-norm gamma, beta (backbone) and moving_mean, moving_variance (buffers). */
export function declareBatchNorm(store: VariableStore, name: string, channels: number): void {
  store.add(`${name}/gamma`, [channels], { kind: "constant", value: 1 }, "backbone");
  store.add(`${name}/beta`, [channels], { kind: "constant", value: 0 }, "backbone");
  store.add(`${name}/moving_mean`, [channels], { kind: "constant", value: 0 }, "buffer");
  store.add(`${name}/moving_variance`, [channels], { kind: "constant", value: 1 }, "buffer");
}

/** Options of {@linkcode batchNorm}. */
export interface BatchNormOptions {
  /** Apply ReLU after (default false); fused into one kernel on `onednn`, else `tf.relu`. */
  relu?: boolean;
}

/**
 * Applies batch norm `name`. In `train` and `stats` modes it normalizes with
 * the batch statistics and queues the running-statistics update
 * `new = (1 − m)·old + m·batch`, with the unbiased batch variance (N/(N−1)),
 * as PyTorch; in `frozen` mode it normalizes with the running statistics.
 */
export function batchNorm(
  ctx: ForwardContext,
  name: string,
  x: tf.Tensor4D,
  options: BatchNormOptions = {},
): tf.Tensor4D {
  const relu = options.relu ?? false;
  const gamma = get(ctx, `${name}/gamma`) as tf.Tensor as tf.Tensor1D;
  const beta = get(ctx, `${name}/beta`) as tf.Tensor as tf.Tensor1D;
  const movingMean = get(ctx, `${name}/moving_mean`) as tf.Tensor as tf.Tensor1D;
  const movingVariance = get(ctx, `${name}/moving_variance`) as tf.Tensor as tf.Tensor1D;
  if (ctx.bnMode === "frozen") {
    if (relu && tf.getBackend() === ONEDNN_BACKEND) {
      return tf.engine().runKernel(ONEDNN_CUSTOM_KERNELS.batchNormRelu, {
        x,
        mean: movingMean,
        variance: movingVariance,
        scale: gamma,
        shift: beta,
      }, { epsilon: BN_EPSILON }) as tf.Tensor4D;
    }
    const y = tf.batchNorm4d(x, movingMean, movingVariance, beta, gamma, BN_EPSILON);
    return relu ? tf.relu(y) : y;
  }
  const count = x.shape[0] * x.shape[1] * x.shape[2];
  if (count < 2) {
    throw new Error(
      `Cannot batch-normalize "${name}" with batch statistics over ${count} value per channel: training mode needs at least 2.`,
    );
  }
  const { y, mean, variance } = batchNormTrain(x, gamma, beta, BN_EPSILON, { relu });
  const [newMean, newVariance] = runningStatsUpdate(movingMean, movingVariance, mean, variance, {
    momentum: ctx.bnMomentum,
    count,
  }); // [C], [C]
  ctx.updates.push([get(ctx, `${name}/moving_mean`), newMean]);
  ctx.updates.push([get(ctx, `${name}/moving_variance`), newVariance]);
  return y;
}

/** Options of {@linkcode convBn}. */
export interface ConvBnOptions {
  /** Convolution groups (default 1). */
  groups?: number;
  /** Apply ReLU after the batch norm (default false). */
  relu?: boolean;
  /**
   * Added to the batch norm's output before the ReLU (a ResNet block's
   * shortcut, the output's shape); on `onednn` in `frozen` mode fused into the
   * convolution, elsewhere `addRelu` (with ReLU) or `tf.add`.
   */
  residual?: tf.Tensor4D;
}

/**
 * `batchNorm(conv(x))` (plus `residual`) (then ReLU) for the conv `convName` and batch norm
 * `bnName`. In `frozen` mode on `onednn` the batch norm is folded into the
 * convolution — filter·γ/√(σ²+ε) and bias β − μ·γ/√(σ²+ε), per output
 * channel — and the result is one oneDNN convolution with bias and ReLU
 * fused (evaluation reads each activation once instead of three times); the
 * folded filter is kept while the weights live ({@linkcode foldedConvBn}),
 * or, while a gradient is recorded, folded by tfjs ops at each call (the same
 * bits). Elsewhere, and in `train`/`stats` mode, it is the two layers as
 * written.
 */
export function convBn(
  ctx: ForwardContext,
  convName: string,
  bnName: string,
  x: tf.Tensor4D,
  stride: number,
  pad: number,
  options: ConvBnOptions = {},
): tf.Tensor4D {
  const groups = options.groups ?? 1;
  const relu = options.relu ?? false;
  const residual = options.residual;
  /** relu?(y + residual) for a y computed without the residual (ReLU'd already when there is none). */
  const finish = (y: tf.Tensor4D): tf.Tensor4D => {
    if (residual === undefined) return y;
    return relu ? addRelu(y, residual) : tf.add(y, residual);
  };
  const reluFirst = relu && residual === undefined;
  if (ctx.bnMode !== "frozen" || groups !== 1 || tf.getBackend() !== ONEDNN_BACKEND) {
    return finish(
      batchNorm(ctx, bnName, conv(ctx, convName, x, stride, pad, groups), { relu: reluFirst }),
    );
  }
  const kernel = get(ctx, `${convName}/kernel`) as tf.Tensor as tf.Tensor4D;
  const folded = foldedConvBn(x, kernel, {
    gamma: get(ctx, `${bnName}/gamma`) as tf.Tensor as tf.Tensor1D,
    beta: get(ctx, `${bnName}/beta`) as tf.Tensor as tf.Tensor1D,
    mean: get(ctx, `${bnName}/moving_mean`) as tf.Tensor as tf.Tensor1D,
    variance: get(ctx, `${bnName}/moving_variance`) as tf.Tensor as tf.Tensor1D,
  }, { stride, pad, epsilon: BN_EPSILON, relu, residual });
  if (folded !== undefined) return folded;
  // A gradient is being recorded: the same fold as tfjs ops (differentiable).
  const [filter, bias] = tf.tidy(() => {
    const gamma = get(ctx, `${bnName}/gamma`);
    const scale = tf.mul(
      gamma,
      tf.rsqrt(tf.add(get(ctx, `${bnName}/moving_variance`), BN_EPSILON)),
    ); // [O]
    return [
      tf.mul(kernel, scale) as tf.Tensor4D, // [KH, KW, I, O]
      tf.sub(
        get(ctx, `${bnName}/beta`),
        tf.mul(get(ctx, `${bnName}/moving_mean`), scale),
      ) as tf.Tensor1D, // [O]
    ];
  });
  const y = tf.fused.conv2d({
    x,
    filter,
    strides: stride,
    pad,
    bias,
    activation: reluFirst ? "relu" : "linear",
  }); // [B, H', W', O]
  filter.dispose();
  bias.dispose();
  return finish(y);
}

/**
 * Declares the linear classifier `classifier/kernel` [featureDim, numClasses]
 * and `classifier/bias` [numClasses], both U(−1/√featureDim, 1/√featureDim)
 * as PyTorch's `nn.Linear` default.
 */
export function declareClassifier(
  store: VariableStore,
  featureDim: number,
  numClasses: number,
): void {
  const bound = 1 / Math.sqrt(featureDim);
  store.add(
    "classifier/kernel",
    [featureDim, numClasses],
    { kind: "uniform", bound },
    "classifier",
  );
  store.add("classifier/bias", [numClasses], { kind: "uniform", bound }, "classifier");
}
