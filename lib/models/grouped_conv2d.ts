/**
 * Grouped 2-D convolution (ResNeXt), which tfjs' `conv2d` lacks.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** Options of {@linkcode groupedConv2d}. */
export interface GroupedConv2dOptions {
  /** Number of groups; input and output channels must both divide by it. Default 1 (plain conv). */
  groups?: number;
  /** Stride in both spatial directions; default 1. */
  stride?: number;
  /** Zero padding on every spatial side, in pixels (PyTorch `padding`); default 0. */
  pad?: number;
}

/**
 * Convolution of NHWC `x` with `kernel` [kh, kw, inChannels / groups, outChannels]
 * (the PyTorch grouped layout, transposed to tfjs order): output channels
 * `g·out/groups … (g+1)·out/groups − 1` see only input channels
 * `g·in/groups … (g+1)·in/groups − 1`. Implemented by splitting the channels
 * into groups, one `tf.conv2d` per group, and concatenating; gradients flow
 * through split and concat.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { groupedConv2d } from "./grouped_conv2d.ts";
 * const x = tf.ones([1, 4, 4, 4]) as tf.Tensor4D;
 * const y = groupedConv2d(x, tf.ones([3, 3, 2, 6]) as tf.Tensor4D, { groups: 2, pad: 1 });
 * if (!(y.shape.join() === "1,4,4,6")) throw new Error("example failed");
 * ```
 */
export function groupedConv2d(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  options: GroupedConv2dOptions = {},
): tf.Tensor4D {
  const groups = options.groups ?? 1;
  const stride = options.stride ?? 1;
  const pad = options.pad ?? 0;
  const inChannels = x.shape[3];
  const outChannels = kernel.shape[3];
  if (!Number.isInteger(groups) || groups < 1) {
    throw new Error(`Cannot convolve with ${groups} groups: it must be a positive integer.`);
  }
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new Error(
      `Cannot convolve in ${groups} groups: input channels ${inChannels} and output channels ${outChannels} must both divide by it.`,
    );
  }
  if (kernel.shape[2] * groups !== inChannels) {
    throw new Error(
      `Cannot convolve in ${groups} groups: the kernel has ${
        kernel.shape[2]
      } input channels per group but x has ${inChannels} channels in all.`,
    );
  }
  if (groups === 1) return tf.conv2d(x, kernel, stride, pad);
  return tf.tidy(() => {
    const xs = tf.split(x, groups, 3) as tf.Tensor4D[]; // groups × [B, H, W, in/g]
    const ks = tf.split(kernel, groups, 3) as tf.Tensor4D[]; // groups × [kh, kw, in/g, out/g]
    const ys = xs.map((xg, g) => tf.conv2d(xg, ks[g], stride, pad)); // groups × [B, H', W', out/g]
    return tf.concat(ys, 3) as tf.Tensor4D; // [B, H', W', out]
  });
}
