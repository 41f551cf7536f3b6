/**
 * `Conv2DBackpropFilter` for the wasm backend, which ships none.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { checkNHWC, type ConvBackpropAttrs } from "./_conv_util.ts";

/**
 * The filter gradient of a 2-D convolution, built from kernels wasm has.
 *
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·sh+kh−pt, ow·sw+kw−pl, ci]·dy[b,oh,ow,co]
 * is itself a dilated convolution: the input transposed to [Cin, H, W, B]
 * (batch ↔ channels) convolved with dy transposed to [OH, OW, B, Cout] as the
 * filter, dilation = stride, the original padding passed as the convolution's
 * explicit padding, giving [Cin, KH, KW, Cout]. That runs on
 * XNNPACK's Conv2D instead of a scalar loop; the only extra passes over
 * activations are two transposes. 1×1 filters: subsample the input (strided
 * 1×1 conv with the identity), then one matmul.
 */
export function conv2DBackpropFilterImpl(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  attrs: ConvBackpropAttrs,
): tf.Tensor4D {
  checkNHWC("Conv2DBackpropFilter", attrs);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;
  if (dy.shape[1] !== oh || dy.shape[2] !== ow) {
    throw new Error(
      `Cannot compute Conv2DBackpropFilter: dy has spatial size ${dy.shape[1]}x${
        dy.shape[2]
      } but the convolution gives ${oh}x${ow}.`,
    );
  }
  const [, h, w, cin] = x.shape;
  return tf.tidy(() => {
    // Padded extent the filter sweeps is (O−1)·s + K rows/cols. Where the
    // input's tail is never read (bottom < 0) the convolution is left to
    // compute K − bottom taps and the extra ones are dropped from the small
    // result, rather than slicing the large input.
    const bottom = (oh - 1) * sh + kh - top - h;
    const right = (ow - 1) * sw + kw - left - w;
    if (kh === 1 && kw === 1 && top === 0 && left === 0 && (sh > 1 || sw > 1)) {
      // Strided 1×1: subsample x first (a strided 1×1 conv with the identity,
      // exact and far faster than wasm's StridedSlice), then it is stride 1.
      const eye = tf.reshape(tf.eye(cin), [1, 1, cin, cin]) as tf.Tensor4D; // [1, 1, Cin, Cin]
      const xs = tf.conv2d(x, eye, [sh, sw], "valid"); // [B, OH, OW, Cin]
      return conv2DBackpropFilterImpl(xs, dy, filterShape, { ...attrs, strides: 1, pad: "valid" });
    }
    if (kh === 1 && kw === 1 && top === 0 && left === 0) {
      // Stride-1 1×1: dW = xᵀ·dy; wasm's matmul is slow with transposeA, so
      // transpose x explicitly (a 2-D transpose is its fast case).
      const n = x.shape[0] * h * w;
      const xT = tf.transpose(tf.reshape(x, [n, cin])) as tf.Tensor2D; // [Cin, N]
      const g = tf.reshape(dy, [n, filterShape[3]]) as tf.Tensor2D; // [N, Cout]
      return tf.reshape(tf.matMul(xT, g), filterShape) as tf.Tensor4D; // [1, 1, Cin, Cout]
    }
    const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D; // [Cin, H, W, B]
    const f = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [OH, OW, B, Cout]
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [
      [0, 0],
      [top, Math.max(bottom, 0)],
      [left, Math.max(right, 0)],
      [0, 0],
    ];
    let out = tf.conv2d(xt, f, 1, pad, "NHWC", [sh, sw]); // [Cin, KH', KW', Cout]
    if (out.shape[1] !== kh || out.shape[2] !== kw) {
      out = tf.slice(out, [0, 0, 0, 0], [cin, kh, kw, out.shape[3]]); // [Cin, KH, KW, Cout]
    }
    return tf.transpose(out, [1, 2, 0, 3]) as tf.Tensor4D; // [KH, KW, Cin, Cout]
  });
}

/** Kernel config registered for backend "wasm" (see {@linkcode registerWasmKernels}). */
export const conv2DBackpropFilterWasm: tf.KernelConfig = {
  kernelName: "Conv2DBackpropFilter",
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const { x, dy } = inputs as { x: tf.Tensor4D; dy: tf.Tensor4D };
    const a = attrs as unknown as ConvBackpropAttrs & {
      filterShape: [number, number, number, number];
    };
    return conv2DBackpropFilterImpl(x, dy, a.filterShape, a);
  },
};
