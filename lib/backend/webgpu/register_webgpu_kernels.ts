/**
 * Replaces slow tfjs webgpu kernels by the project's versions.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import {
  type Conv2dBackpropFilterArgs,
  conv2dBackpropFilterWebgpu,
} from "./conv2d_backprop_filter.ts";

/** Stock kernel configs replaced by {@linkcode registerWebgpuKernels}, by kernel name. */
const stock = new Map<string, tf.KernelConfig>();

function replace(name: string, make: (original: tf.KernelConfig) => tf.KernelFunc): void {
  const original = tf.getKernel(name, "webgpu");
  if (original === undefined) {
    throw new Error(
      `Cannot replace the webgpu kernel "${name}": it is not registered (import @tensorflow/tfjs-backend-webgpu first).`,
    );
  }
  stock.set(name, original);
  tf.unregisterKernel(name, "webgpu");
  tf.registerKernel({ kernelName: name, backendName: "webgpu", kernelFunc: make(original) });
}

/**
 * Registers the project's webgpu kernels in place of tfjs's stock ones:
 * `Conv2DBackpropFilter` (patches + batched matmul; the stock shader loops
 * serially over batch × pixels per filter element). Cases it does not handle
 * (NCHW) go to the stock kernel. Idempotent; undo with
 * {@linkcode unregisterWebgpuKernels}. Needs `@tensorflow/tfjs-backend-webgpu`
 * imported; it does not need the backend to be active.
 *
 * @returns The names of the kernels now replaced.
 */
export function registerWebgpuKernels(): string[] {
  if (stock.size > 0) return [...stock.keys()];
  replace(
    "Conv2DBackpropFilter",
    (original) => (args) =>
      conv2dBackpropFilterWebgpu(args as unknown as Conv2dBackpropFilterArgs) ??
        (original.kernelFunc(args) as tf.TensorInfo),
  );
  return [...stock.keys()];
}

/** Restores the stock tfjs webgpu kernels that {@linkcode registerWebgpuKernels} replaced. */
export function unregisterWebgpuKernels(): void {
  for (const [name, config] of stock) {
    tf.unregisterKernel(name, "webgpu");
    tf.registerKernel(config);
  }
  stock.clear();
}
