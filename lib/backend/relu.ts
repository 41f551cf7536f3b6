/**
 * ReLU whose gradient runs as one kernel on `onednn`.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { ONEDNN_BACKEND, ONEDNN_CUSTOM_KERNELS } from "./onednn/names.ts";

/**
 * max(x, 0). On `onednn` the gradient is oneDNN's ReLU backward from the
 * output (one pass); tfjs's own ReLU gradient is three element-wise kernels
 * (step, cast, multiply) over the activation. Elsewhere it is `tf.relu`.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { relu } from "./relu.ts";
 * const y = relu(tf.tensor1d([-1, 2]));
 * console.assert(y.dataSync()[0] === 0 && y.dataSync()[1] === 2);
 * ```
 */
export function relu<T extends tf.Tensor>(x: T): T {
  if (tf.getBackend() !== ONEDNN_BACKEND || x.dtype !== "float32") return tf.relu(x);
  const op = tf.customGrad((xIn, save) => {
    const y = tf.relu(xIn as tf.Tensor);
    (save as tf.GradSaveFunc)([y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.engine().runKernel(ONEDNN_CUSTOM_KERNELS.reluGrad, { dy, y: saved[0] }) as tf.Tensor,
    };
  });
  return op(x) as T;
}

/**
 * relu(a + b) for two tensors of one shape (a residual block's output). On
 * `onednn` one pass (oneDNN's binary add with ReLU fused), and the gradient
 * — the same for both inputs — one ReLU backward; elsewhere
 * `tf.relu(tf.add(a, b))`, the same numbers.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { addRelu } from "./relu.ts";
 * const y = addRelu(tf.tensor1d([-3, 1]), tf.tensor1d([1, 1]));
 * console.assert(y.dataSync()[0] === 0 && y.dataSync()[1] === 2);
 * ```
 */
export function addRelu<T extends tf.Tensor>(a: T, b: T): T {
  if (a.shape.join() !== b.shape.join()) {
    throw new Error(`Cannot add [${a.shape}] and [${b.shape}] with ReLU: shapes differ.`);
  }
  if (tf.getBackend() !== ONEDNN_BACKEND || a.dtype !== "float32" || b.dtype !== "float32") {
    return tf.relu(tf.add(a, b));
  }
  const op = tf.customGrad((aIn, bIn, save) => {
    const y = tf.engine().runKernel(ONEDNN_CUSTOM_KERNELS.addRelu, {
      a: aIn as tf.Tensor,
      b: bIn as tf.Tensor,
    }) as tf.Tensor;
    (save as tf.GradSaveFunc)([y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const dx = tf.engine().runKernel(ONEDNN_CUSTOM_KERNELS.reluGrad, {
          dy,
          y: saved[0],
        }) as tf.Tensor;
        return [dx, tf.clone(dx)];
      },
    };
  });
  return op(a, b) as T;
}
