/**
 * A faster `Conv2DBackpropInput` for the wasm backend.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type AxisPlan, checkNHWC, type ConvBackpropAttrs, planAxis } from "./_conv_util.ts";

/**
 * Builds the polyphase filter on the host:
 * F[th, tw, co, (rh·sw + rw)·Cin + ci] = W[k0h + sh·jh, k0w + sw·jw, ci, co]
 * with j = d_r − lo − t where 0 ≤ j < taps_r, zero elsewhere.
 */
function polyphaseFilter(filter: tf.Tensor4D, py: AxisPlan, px: AxisPlan): tf.Tensor4D {
  const [, kw, cin, cout] = filter.shape;
  const sh = py.phases.length;
  const sw = px.phases.length;
  const src = filter.dataSync();
  const ch = sh * sw * cin;
  const dst = new Float32Array(py.len * px.len * cout * ch);
  for (let th = 0; th < py.len; th++) {
    for (let rh = 0; rh < sh; rh++) {
      const ph = py.phases[rh];
      const jh = ph.d - py.lo - th;
      if (jh < 0 || jh >= ph.taps) continue;
      const fh = ph.k0 + sh * jh;
      for (let tw = 0; tw < px.len; tw++) {
        for (let rw = 0; rw < sw; rw++) {
          const pw = px.phases[rw];
          const jw = pw.d - px.lo - tw;
          if (jw < 0 || jw >= pw.taps) continue;
          const fw = pw.k0 + sw * jw;
          const phase = (rh * sw + rw) * cin;
          for (let ci = 0; ci < cin; ci++) {
            const si = ((fh * kw + fw) * cin + ci) * cout;
            const di = (th * px.len + tw) * cout * ch + phase + ci;
            for (let co = 0; co < cout; co++) dst[di + co * ch] = src[si + co];
          }
        }
      }
    }
  }
  return tf.tensor4d(dst, [py.len, px.len, cout, ch]);
}

/**
 * The input gradient of a 2-D convolution as one forward convolution, so it
 * runs on XNNPACK (~10× the stock wasm kernel, a scalar loop).
 *
 * Polyphase form: output rows i with i mod sh = r only see every sh-th filter
 * row; so one stride-1 convolution of dy with a filter whose output channels
 * are the sh·sw phases (flipped sub-filters, in/out channels swapped) yields
 * every phase at once, [B, ⌈H/sh⌉, ⌈W/sw⌉, sh·sw·Cin], and a rank-4 transpose
 * interleaves them into [B, H, W, Cin]. No zeros are inserted into dy (which
 * would cost sh·sw× the work); for stride 1 this is the plain flipped-filter
 * convolution with the padding done inside XNNPACK.
 */
export function conv2DBackpropInputImpl(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: [number, number, number, number],
  attrs: ConvBackpropAttrs,
): tf.Tensor4D {
  checkNHWC("Conv2DBackpropInput", attrs);
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, outChannels: cout } = info;
  const { top, left } = info.padInfo;
  if (dy.shape[1] !== oh || dy.shape[2] !== ow) {
    throw new Error(
      `Cannot compute Conv2DBackpropInput: dy has spatial size ${dy.shape[1]}x${
        dy.shape[2]
      } but the convolution gives ${oh}x${ow}.`,
    );
  }
  const [b, h, w, cin] = inputShape;
  const py = planAxis(kh, sh, top, h, oh);
  const px = planAxis(kw, sw, left, w, ow);
  return tf.tidy(() => {
    let d = dy;
    if (py.before < 0 || py.after < 0 || px.before < 0 || px.after < 0) {
      const t0 = Math.max(0, -py.before);
      const l0 = Math.max(0, -px.before);
      d = tf.slice(dy, [0, t0, l0, 0], [
        b,
        oh - t0 - Math.max(0, -py.after),
        ow - l0 - Math.max(0, -px.after),
        cout,
      ]);
    }
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [
      [0, 0],
      [Math.max(py.before, 0), Math.max(py.after, 0)],
      [Math.max(px.before, 0), Math.max(px.after, 0)],
      [0, 0],
    ];
    const f = polyphaseFilter(filter, py, px); // [Lh, Lw, Cout, sh·sw·Cin]
    const phases = tf.conv2d(d, f, 1, pad); // [B, Qh, Qw, sh·sw·Cin]
    let full: tf.Tensor4D = phases;
    if (sh > 1 || sw > 1) {
      const split = tf.reshape(phases, [b * py.q, px.q, sh, sw * cin]); // [B·Qh, Qw, sh, sw·Cin]
      const inter = tf.transpose(split, [0, 2, 1, 3]); // [B·Qh, sh, Qw, sw·Cin]
      full = tf.reshape(inter, [b, py.q * sh, px.q * sw, cin]); // [B, Qh·sh, Qw·sw, Cin]
    }
    if (full.shape[1] === h && full.shape[2] === w) return full;
    return tf.slice(full, [0, 0, 0, 0], [b, h, w, cin]); // [B, H, W, Cin]
  });
}

/** Kernel config registered for backend "wasm" (see {@linkcode registerWasmKernels}). */
export const conv2DBackpropInputWasm: tf.KernelConfig = {
  kernelName: "Conv2DBackpropInput",
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.Tensor4D; filter: tf.Tensor4D };
    const a = attrs as unknown as ConvBackpropAttrs & {
      inputShape: [number, number, number, number];
    };
    return conv2DBackpropInputImpl(dy, filter, a.inputShape, a);
  },
};
