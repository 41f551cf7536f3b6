/**
 * `Conv2DBackpropFilter` for the wasm backend, which ships none.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { checkNHWC, type ConvBackpropAttrs } from "./_conv_util.ts";

/** Ways {@linkcode conv2DBackpropFilterImpl} can lay out the filter gradient as one convolution. */
export const FILTER_GRADIENT_METHODS = ["auto", "batchAsChannels", "widthAsChannels"] as const;

/** One of {@linkcode FILTER_GRADIENT_METHODS}. */
export type FilterGradientMethod = (typeof FILTER_GRADIENT_METHODS)[number];

/** Options of {@linkcode conv2DBackpropFilterImpl}. */
export interface Conv2DBackpropFilterOptions {
  /**
   * Layout of the convolution that computes dW (filters larger than 1×1 only);
   * default "auto": "widthAsChannels" when dy is at least
   * {@linkcode WIDTH_AS_CHANNELS_MIN_WIDTH} wide, else "batchAsChannels".
   * Both give the same sums in a different order; tests run both on every case.
   */
  method?: FilterGradientMethod;
}

/**
 * Narrowest dy (output width) for which "auto" picks "widthAsChannels": its
 * convolution reduces over dy's width as input channels, and XNNPACK's inner
 * loop runs short when that is small. Measured on ResNet-8 layers (batch 128,
 * 1 thread, fresh dy each call): 3–13% faster at widths 16–32, equal or up to
 * 18% slower at 4–8. Both layouts pay for XNNPACK packing dy as a filter.
 */
export const WIDTH_AS_CHANNELS_MIN_WIDTH = 16;

/**
 * Input of the "widthAsChannels" convolution, written straight into a new
 * tensor: I[kw·Cin + ci, b, r, o] = x[b, r, o·sw + kw − left, ci], zero where
 * that column is outside x. One pass over x (KW·⌈W/sw⌉/W of its size written),
 * instead of a transpose, a pad, KW slices and a concat.
 */
function widthAsChannelsInput(
  x: tf.Tensor4D,
  kw: number,
  sw: number,
  left: number,
  ow: number,
): tf.Tensor4D {
  const [b, h, w, cin] = x.shape;
  const shape = [kw * cin, b, h, ow];
  const plane = b * h * ow; // values per (kw, ci)
  const fill = (src: ArrayLike<number>, dst: Float32Array) => {
    for (let k = 0; k < kw; k++) {
      // Output columns o whose source column o·sw + k − left lies inside x.
      const lo = Math.min(ow, Math.max(0, Math.ceil((left - k) / sw)));
      const hi = Math.max(lo, Math.min(ow, Math.floor((w - 1 + left - k) / sw) + 1));
      const step = sw * cin;
      for (let row = 0; row < b * h; row++) {
        const rowSrc = row * w * cin + (lo * sw + k - left) * cin;
        const rowDst = row * ow;
        for (let ci = 0; ci < cin; ci++) {
          const d = (k * cin + ci) * plane + rowDst;
          for (let o = 0; o < lo; o++) dst[d + o] = 0;
          let si = rowSrc + ci;
          for (let o = lo; o < hi; o++) {
            dst[d + o] = src[si];
            si += step;
          }
          for (let o = hi; o < ow; o++) dst[d + o] = 0;
        }
      }
    }
  };
  if (tf.getBackend() === "wasm") {
    // Read x from and write the result into the wasm heap directly (no copies
    // through JS arrays); nothing allocates on the heap in between.
    const backend = tf.backend() as unknown as WasmHeapAccess;
    const info = backend.makeOutput(shape, "float32");
    fill(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(info) as Float32Array);
    return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor4D;
  }
  const dst = new Float32Array(kw * cin * plane);
  fill(x.dataSync(), dst);
  return tf.tensor4d(dst, shape as [number, number, number, number]);
}

/** The part of tfjs-backend-wasm's BackendWasm used to write a kernel's output in place. */
interface WasmHeapAccess {
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): ArrayLike<number>;
}

/**
 * The filter gradient of a 2-D convolution, built from kernels wasm has.
 *
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·sh+kh−pt, ow·sw+kw−pl, ci]·dy[b,oh,ow,co]
 * is itself a convolution, run on XNNPACK's Conv2D instead of a scalar loop,
 * in one of two layouts:
 *
 * - "batchAsChannels": the input transposed to [Cin, H, W, B] (batch ↔
 *   channels) convolved with dy transposed to [OH, OW, B, Cout] as the filter,
 *   dilation = stride, the original padding as the convolution's explicit
 *   padding, giving [Cin, KH, KW, Cout]. Two transposes of activations.
 * - "widthAsChannels": dy untransposed, [B, OH, OW, Cout], is the filter
 *   (height B, width OH, OW input channels); the input is x rearranged once to
 *   [KW·Cin, B, H, OW] with column shifts kw and the width stride applied (see
 *   `widthAsChannelsInput`). The filter spans the whole batch (one output row),
 *   slides over H with dilation sh and padding pt, and gives [KW·Cin, 1, KH, Cout].
 *
 * 1×1 filters: subsample the input (strided 1×1 conv with the identity), then
 * one matmul.
 */
export function conv2DBackpropFilterImpl(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  attrs: ConvBackpropAttrs,
  options: Conv2DBackpropFilterOptions = {},
): tf.Tensor4D {
  checkNHWC("Conv2DBackpropFilter", attrs);
  const method = options.method ?? "auto";
  if (!FILTER_GRADIENT_METHODS.includes(method)) {
    throw new Error(
      `Cannot compute Conv2DBackpropFilter with method "${method}": valid methods are ${
        FILTER_GRADIENT_METHODS.join(", ")
      }.`,
    );
  }
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
  const cout = filterShape[3];
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
      const g = tf.reshape(dy, [n, cout]) as tf.Tensor2D; // [N, Cout]
      return tf.reshape(tf.matMul(xT, g), filterShape) as tf.Tensor4D; // [1, 1, Cin, Cout]
    }
    const chosen = method === "auto"
      ? (ow >= WIDTH_AS_CHANNELS_MIN_WIDTH ? "widthAsChannels" : "batchAsChannels")
      : method;
    if (chosen === "widthAsChannels") {
      const input = widthAsChannelsInput(x, kw, sw, left, ow); // [KW·Cin, B, H, OW]
      const pad: [[number, number], [number, number], [number, number], [number, number]] = [
        [0, 0],
        [0, 0],
        [top, Math.max(bottom, 0)],
        [0, 0],
      ];
      const out = tf.conv2d(input, dy, 1, pad, "NHWC", [1, sh]); // [KW·Cin, 1, KH', Cout]
      let taps = tf.reshape(out, [kw, cin, out.shape[2], cout]) as tf.Tensor4D; // [KW, Cin, KH', Cout]
      if (out.shape[2] !== kh) taps = tf.slice(taps, [0, 0, 0, 0], [kw, cin, kh, cout]); // [KW, Cin, KH, Cout]
      return tf.transpose(taps, [2, 0, 1, 3]) as tf.Tensor4D; // [KH, KW, Cin, Cout]
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
