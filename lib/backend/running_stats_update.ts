/**
 * Batch norm's running-statistics update as one kernel on the wasm-based
 * backends (wasm, onednn), and as tfjs ops elsewhere.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type HeapBackend, heapViews } from "./_heap_backend.ts";

/** Name of the kernel registered for `wasm` (and copied to `onednn`). */
export const RUNNING_STATS_KERNEL = "BtmRunningStatsUpdate";

/** Options of {@linkcode runningStatsUpdate}. */
export interface RunningStatsOptions {
  /** Weight of the batch statistics, PyTorch's convention (0.1 by default there), in [0, 1]. */
  momentum: number;
  /** Values per channel the batch statistics were taken over (≥ 2): the variance is made unbiased with count/(count − 1). */
  count: number;
}

/**
 * `mean' = (1 − m)·runningMean + m·mean` and `var' = (1 − m)·runningVar +
 * m·var·N/(N − 1)` (PyTorch's update, unbiased variance), from the batch's
 * biased `variance`. One kernel on `wasm` and `onednn` instead of seven ops
 * and their scalars per batch norm; each step rounds to float32 as the
 * separate ops do, so both give the same bits.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { runningStatsUpdate } from "./running_stats_update.ts";
 * const [m, v] = runningStatsUpdate(tf.zeros([2]), tf.ones([2]), tf.ones([2]), tf.ones([2]), {
 *   momentum: 0.1, count: 2,
 * });
 * console.assert(Math.abs(m.dataSync()[0] - 0.1) < 1e-7 && Math.abs(v.dataSync()[0] - 1.1) < 1e-6);
 * ```
 */
export function runningStatsUpdate(
  runningMean: tf.Tensor,
  runningVariance: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
  options: RunningStatsOptions,
): [tf.Tensor, tf.Tensor] {
  const { momentum: m, count } = options;
  if (!(count >= 2)) {
    throw new RangeError(`Cannot update running statistics over ${count} values: need at least 2.`);
  }
  const backend = tf.getBackend();
  if (backend === "wasm" || backend === "onednn") {
    return tf.engine().runKernel(
      RUNNING_STATS_KERNEL,
      { runningMean, runningVariance, mean, variance },
      { momentum: m, count } as unknown as tf.NamedAttrMap,
    ) as [tf.Tensor, tf.Tensor];
  }
  return tf.tidy(() => {
    const unbiased = tf.mul(variance, count / (count - 1)); // [C]
    return [
      tf.add(tf.mul(runningMean, 1 - m), tf.mul(mean, m)),
      tf.add(tf.mul(runningVariance, 1 - m), tf.mul(unbiased, m)),
    ];
  }) as [tf.Tensor, tf.Tensor];
}

/** The kernel behind {@linkcode runningStatsUpdate} on the wasm-based backends. */
export const runningStatsUpdateWasm: tf.KernelConfig = {
  kernelName: RUNNING_STATS_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { runningMean, runningVariance, mean, variance } = inputs as Record<
      string,
      tf.TensorInfo
    >;
    const { momentum, count } = attrs as unknown as RunningStatsOptions;
    const b = backend as unknown as HeapBackend;
    const outMean = b.makeOutput(runningMean.shape, "float32");
    const outVar = b.makeOutput(runningVariance.shape, "float32");
    const [rm, rv, bm, bv, om, ov] = heapViews(b, [
      runningMean,
      runningVariance,
      mean,
      variance,
      outMean,
      outVar,
    ]);
    const f = Math.fround;
    // The scalars as tfjs makes them: float32 tensors of the JS values.
    const [keep, take, correction] = [f(1 - momentum), f(momentum), f(count / (count - 1))];
    for (let i = 0; i < rm.length; i++) {
      om[i] = f(f(rm[i] * keep) + f(bm[i] * take));
      ov[i] = f(f(rv[i] * keep) + f(f(bv[i] * correction) * take));
    }
    return [outMean, outVar];
  },
};
