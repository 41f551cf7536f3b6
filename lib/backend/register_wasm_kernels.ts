/**
 * Registers the project's training kernels for the wasm backend.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { conv2DBackpropFilterWasm } from "./conv2d_backprop_filter_wasm.ts";
import { conv2DBackpropInputWasm } from "./conv2d_backprop_input_wasm.ts";
import {
  depthwiseConv2DBackpropFilterWasm,
  depthwiseConv2DBackpropInputWasm,
} from "./depthwise_conv2d_backprop_wasm.ts";
import { shareIdentity } from "./share_identity.ts";
import { sgdUpdateWasm } from "./sgd_update.ts";
import { runningStatsUpdateWasm } from "./running_stats_update.ts";

/**
 * The kernels registered for "wasm", by kernel name. `Conv2DBackpropFilter`
 * is missing from tfjs-backend-wasm (training falls over without it) and its
 * `Conv2DBackpropInput` is a scalar loop (~2 GFLOP/s); both are rebuilt here
 * from XNNPACK Conv2D plus Transpose, Slice, Reshape and BatchMatMul. The
 * depthwise backprops, also missing, are built the same way on
 * DepthwiseConv2dNative. `Identity` shares its input's bytes instead of
 * copying them (tfjs runs it on every tensor a custom gradient saves), and
 * the SGD update of a weight and a batch norm's running-statistics update are
 * one kernel each (see `sgdUpdate`, `runningStatsUpdate`).
 */
export const WASM_KERNELS: Readonly<Record<string, tf.KernelConfig>> = {
  Conv2DBackpropFilter: conv2DBackpropFilterWasm,
  Conv2DBackpropInput: conv2DBackpropInputWasm,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2DBackpropFilterWasm,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2DBackpropInputWasm,
  Identity: { kernelName: "Identity", backendName: "wasm", kernelFunc: shareIdentity },
  [sgdUpdateWasm.kernelName]: sgdUpdateWasm,
  [runningStatsUpdateWasm.kernelName]: runningStatsUpdateWasm,
};

/**
 * Registers {@linkcode WASM_KERNELS} (replacing stock wasm kernels of the same
 * name). Idempotent: a kernel already registered by this function is left as
 * is. Returns the names of the kernels now registered by the project.
 */
export function registerWasmKernels(): string[] {
  for (const [name, config] of Object.entries(WASM_KERNELS)) {
    const current = tf.getKernel(name, "wasm");
    if (current === config) continue;
    if (current != null) tf.unregisterKernel(name, "wasm");
    tf.registerKernel(config);
  }
  return Object.keys(WASM_KERNELS);
}
