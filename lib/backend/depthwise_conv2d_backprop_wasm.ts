/**
 * `DepthwiseConv2dNativeBackpropInput` and `…BackpropFilter` for the wasm
 * backend, which ships neither.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type AxisPlan, checkNHWC, type ConvBackpropAttrs, planAxis } from "./_conv_util.ts";

/** Depthwise backprop attrs: the conv attrs plus dilations (only 1 is supported). */
export interface DepthwiseBackpropAttrs extends ConvBackpropAttrs {
  dilations?: number | [number, number];
}

function checkDilations(kernel: string, attrs: DepthwiseBackpropAttrs): void {
  const d = attrs.dilations ?? 1;
  const [dh, dw] = typeof d === "number" ? [d, d] : d;
  if (dh !== 1 || dw !== 1) {
    throw new Error(
      `Cannot run ${kernel} on wasm with dilations [${dh}, ${dw}]: only 1 is supported.`,
    );
  }
}

/**
 * Polyphase depthwise filter F[th, tw, c·M + m, rh·sw + rw] = W[fh, fw, c, m]
 * for the taps each phase uses (see `AxisPlan`), zero elsewhere.
 */
function depthwisePolyphaseFilter(filter: tf.Tensor4D, py: AxisPlan, px: AxisPlan): tf.Tensor4D {
  const [, kw, c, m] = filter.shape;
  const sh = py.phases.length;
  const sw = px.phases.length;
  const phases = sh * sw;
  const src = filter.dataSync();
  const cm = c * m;
  const dst = new Float32Array(py.len * px.len * cm * phases);
  for (let th = 0; th < py.len; th++) {
    for (let rh = 0; rh < sh; rh++) {
      const jh = py.phases[rh].d - py.lo - th;
      if (jh < 0 || jh >= py.phases[rh].taps) continue;
      const fh = py.phases[rh].k0 + sh * jh;
      for (let tw = 0; tw < px.len; tw++) {
        for (let rw = 0; rw < sw; rw++) {
          const jw = px.phases[rw].d - px.lo - tw;
          if (jw < 0 || jw >= px.phases[rw].taps) continue;
          const fw = px.phases[rw].k0 + sw * jw;
          const p = rh * sw + rw;
          for (let k = 0; k < cm; k++) {
            dst[((th * px.len + tw) * cm + k) * phases + p] = src[(fh * kw + fw) * cm + k];
          }
        }
      }
    }
  }
  return tf.tensor4d(dst, [py.len, px.len, cm, phases]);
}

/**
 * Input gradient of a depthwise convolution (channel multiplier M): one
 * depthwise convolution of dy whose multiplier carries the sh·sw output
 * phases (as in `conv2DBackpropInputImpl`), a sum over M, and transposes
 * that interleave the phases.
 */
export function depthwiseConv2DBackpropInputImpl(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: [number, number, number, number],
  attrs: DepthwiseBackpropAttrs,
): tf.Tensor4D {
  checkNHWC("DepthwiseConv2dNativeBackpropInput", attrs);
  checkDilations("DepthwiseConv2dNativeBackpropInput", attrs);
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const [kh, kw, c, m] = filter.shape;
  if (dy.shape[1] !== oh || dy.shape[2] !== ow || dy.shape[3] !== c * m) {
    throw new Error(
      `Cannot compute DepthwiseConv2dNativeBackpropInput: dy has shape [${dy.shape}] but the convolution gives [${
        inputShape[0]
      },${oh},${ow},${c * m}].`,
    );
  }
  const [b, h, w] = inputShape;
  const py = planAxis(kh, sh, info.padInfo.top, h, oh);
  const px = planAxis(kw, sw, info.padInfo.left, w, ow);
  const phases = sh * sw;
  return tf.tidy(() => {
    let d = dy;
    if (py.before < 0 || py.after < 0 || px.before < 0 || px.after < 0) {
      const t0 = Math.max(0, -py.before);
      const l0 = Math.max(0, -px.before);
      d = tf.slice(dy, [0, t0, l0, 0], [
        b,
        oh - t0 - Math.max(0, -py.after),
        ow - l0 - Math.max(0, -px.after),
        c * m,
      ]);
    }
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [
      [0, 0],
      [Math.max(py.before, 0), Math.max(py.after, 0)],
      [Math.max(px.before, 0), Math.max(px.after, 0)],
      [0, 0],
    ];
    const f = depthwisePolyphaseFilter(filter, py, px); // [Lh, Lw, C·M, P]
    const out = tf.depthwiseConv2d(d, f, 1, pad); // [B, Qh, Qw, C·M·P]
    const n = b * py.q * px.q;
    let t: tf.Tensor = tf.reshape(out, [n, c, m, phases]); // [N, C, M, P]
    t = m > 1 ? tf.sum(t, 2) : tf.reshape(t, [n, c, phases]); // [N, C, P]
    let full: tf.Tensor4D;
    if (phases > 1) {
      const pc = tf.transpose(t, [0, 2, 1]); // [N, P, C]
      const split = tf.reshape(pc, [b * py.q, px.q, sh, sw * c]); // [B·Qh, Qw, sh, sw·C]
      const inter = tf.transpose(split, [0, 2, 1, 3]); // [B·Qh, sh, Qw, sw·C]
      full = tf.reshape(inter, [b, py.q * sh, px.q * sw, c]); // [B, Qh·sh, Qw·sw, C]
    } else {
      full = tf.reshape(t, [b, py.q, px.q, c]);
    }
    if (full.shape[1] === h && full.shape[2] === w) return full;
    return tf.slice(full, [0, 0, 0, 0], [b, h, w, c]); // [B, H, W, C]
  });
}

/**
 * Filter gradient of a depthwise convolution: dW[kh,kw,c,m] =
 * Σ_{b,oh,ow} x[b, oh·sh+kh−pt, ow·sw+kw−pl, c]·dy[b,oh,ow,c·M+m] as one
 * depthwise convolution over channels (c, b): x as [1, H, W, C·B], dy as the
 * filter [OH, OW, C·B, M] with dilation = stride, then a sum over b.
 */
export function depthwiseConv2DBackpropFilterImpl(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  attrs: DepthwiseBackpropAttrs,
): tf.Tensor4D {
  checkNHWC("DepthwiseConv2dNativeBackpropFilter", attrs);
  checkDilations("DepthwiseConv2dNativeBackpropFilter", attrs);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const [kh, kw, c, m] = filterShape;
  if (dy.shape[1] !== oh || dy.shape[2] !== ow || dy.shape[3] !== c * m) {
    throw new Error(
      `Cannot compute DepthwiseConv2dNativeBackpropFilter: dy has shape [${dy.shape}] but the convolution gives [${
        x.shape[0]
      },${oh},${ow},${c * m}].`,
    );
  }
  const [b, h, w] = x.shape;
  const { top, left } = info.padInfo;
  return tf.tidy(() => {
    const bottom = (oh - 1) * sh + kh - top - h;
    const right = (ow - 1) * sw + kw - left - w;
    const xt = tf.reshape(tf.transpose(tf.reshape(x, [b, h * w, c]), [1, 2, 0]), [1, h, w, c * b]); // [1, H, W, C·B]
    const f = tf.reshape(
      tf.transpose(tf.reshape(dy, [b, oh * ow, c, m]), [1, 2, 0, 3]),
      [oh, ow, c * b, m],
    ) as tf.Tensor4D; // [OH, OW, C·B, M]
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [
      [0, 0],
      [top, Math.max(bottom, 0)],
      [left, Math.max(right, 0)],
      [0, 0],
    ];
    let out = tf.depthwiseConv2d(xt as tf.Tensor4D, f, 1, pad, "NHWC", [sh, sw]); // [1, KH', KW', C·B·M]
    if (out.shape[1] !== kh || out.shape[2] !== kw) {
      out = tf.slice(out, [0, 0, 0, 0], [1, kh, kw, c * b * m]); // [1, KH, KW, C·B·M]
    }
    const perBatch = tf.reshape(out, [kh * kw * c, b, m]); // [KH·KW·C, B, M]
    return tf.reshape(tf.sum(perBatch, 1), filterShape) as tf.Tensor4D; // [KH, KW, C, M]
  });
}

/** Kernel config registered for backend "wasm" (see {@linkcode registerWasmKernels}). */
export const depthwiseConv2DBackpropInputWasm: tf.KernelConfig = {
  kernelName: "DepthwiseConv2dNativeBackpropInput",
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.Tensor4D; filter: tf.Tensor4D };
    const a = attrs as unknown as DepthwiseBackpropAttrs & {
      inputShape: [number, number, number, number];
    };
    return depthwiseConv2DBackpropInputImpl(dy, filter, a.inputShape, a);
  },
};

/** Kernel config registered for backend "wasm" (see {@linkcode registerWasmKernels}). */
export const depthwiseConv2DBackpropFilterWasm: tf.KernelConfig = {
  kernelName: "DepthwiseConv2dNativeBackpropFilter",
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const { x, dy } = inputs as { x: tf.Tensor4D; dy: tf.Tensor4D };
    const a = attrs as unknown as DepthwiseBackpropAttrs & {
      filterShape: [number, number, number, number];
    };
    return depthwiseConv2DBackpropFilterImpl(x, dy, a.filterShape, a);
  },
};
