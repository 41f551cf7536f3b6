/**
 * Convolution on oneDNN: forward (with optional bias and ReLU fused),
 * backward-data and backward-weights, NHWC activations and tfjs's HWIO
 * filters used in place on the wasm heap.
 *
 * Filters are declared to oneDNN with format `any` and reordered from HWIO at
 * every call (they change every step; the reorder primitive is cached): with
 * `hwio` declared oneDNN picks a GEMM path 2–3× slower. Activations stay NHWC,
 * so no activation is ever reordered.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ALG, PROP, QUERY, SIZEOF, TAG } from "./_abi.ts";
import { dims, opDesc, type Plan, PlanBuilder } from "./_dnnl.ts";
import { addressOfTensor, type OnednnState, plan } from "./_state.ts";
import { check } from "./_ffi.ts";

type ConvInfo = tf.backend_util.Conv2DInfo;

/** Geometry of one convolution in oneDNN's terms. */
interface Geometry {
  /** [N, C, H, W] of the input. */
  src: number[];
  /** [O, I, KH, KW] of the filter. */
  weights: number[];
  /** [N, O, OH, OW] of the output. */
  dst: number[];
  strides: number[];
  /** oneDNN dilation: tfjs dilation − 1. */
  dilates: number[];
  padL: number[];
  padR: number[];
}

function geometry(c: ConvInfo): Geometry {
  return {
    src: [c.batchSize, c.inChannels, c.inHeight, c.inWidth],
    weights: [c.outChannels, c.inChannels, c.filterHeight, c.filterWidth],
    dst: [c.batchSize, c.outChannels, c.outHeight, c.outWidth],
    strides: [c.strideHeight, c.strideWidth],
    dilates: [c.dilationHeight - 1, c.dilationWidth - 1],
    padL: [c.padInfo.top, c.padInfo.left],
    padR: [c.padInfo.bottom, c.padInfo.right],
  };
}

function geometryKey(g: Geometry): string {
  return [g.src, g.weights, g.strides, g.dilates, g.padL, g.padR].map((a) => a.join(",")).join(
    ";",
  );
}

/** Whether oneDNN can run this convolution (NHWC, no depthwise); else the caller falls back. */
export function onednnConvSupported(c: ConvInfo): boolean {
  return c.dataFormat === "channelsLast" && c.inChannels > 0 && c.outChannels > 0 &&
    [c.padInfo.top, c.padInfo.bottom, c.padInfo.left, c.padInfo.right].every((p) => p >= 0);
}

/** The forward convolution's op descriptor (also the hint for the backward ones); its address. */
function forwardDesc(s: OnednnState, g: Geometry, weightsTag: number, bias: boolean): bigint {
  const d = s.dnnl;
  const desc = opDesc(SIZEOF.convolutionDesc);
  check(
    d.lib.dnnl.dnnl_dilated_convolution_forward_desc_init(
      desc,
      PROP.forwardTraining,
      ALG.convolutionDirect,
      d.md(g.src, TAG.nhwc),
      d.md(g.weights, weightsTag),
      bias ? d.md([g.weights[0]], TAG.a) : 0n,
      d.md(g.dst, TAG.nhwc),
      dims(g.strides),
      dims(g.dilates),
      dims(g.padL),
      dims(g.padR),
    ),
    "convolution_forward_desc_init",
  );
  return desc;
}

function forwardPd(s: OnednnState, g: Geometry, bias: boolean, attr = 0n): bigint {
  const desc = forwardDesc(s, g, TAG.any, bias);
  const pd = s.dnnl.primitiveDesc(desc, "convolution forward", attr);
  if (pd === undefined) {
    throw new Error(`oneDNN has no convolution for ${geometryKey(g)}.`);
  }
  return pd;
}

/**
 * Adds to `b` a reorder from the user's HWIO filter (slot `user`) to the
 * layout `chosen` when they differ; returns the slot the primitive reads.
 */
function filterIn(s: OnednnState, b: PlanBuilder, g: Geometry, user: number, chosen: bigint) {
  const userMd = s.dnnl.md(g.weights, TAG.hwio);
  if (s.dnnl.sameMd(userMd, chosen)) return user;
  const internal = b.internal(chosen);
  const pd = s.dnnl.reorderDesc(userMd, chosen);
  try {
    b.step(pd, [[1, user], [17, internal]]);
  } finally {
    s.dnnl.destroyDesc(pd);
  }
  return internal;
}

function buildForward(s: OnednnState, g: Geometry, bias: boolean, relu: boolean): Plan {
  const d = s.dnnl;
  const attr = d.eltwiseAttr(relu ? ALG.eltwiseRelu : undefined);
  let pd = 0n;
  const b = new PlanBuilder(d);
  try {
    pd = forwardPd(s, g, bias, attr);
    const x = b.user(d.md(g.src, TAG.nhwc));
    const w = b.user(d.md(g.weights, TAG.hwio));
    const bi = bias ? b.user(d.md([g.weights[0]], TAG.a)) : -1;
    const y = b.user(d.md(g.dst, TAG.nhwc));
    const wIn = filterIn(s, b, g, w, d.queryMd(pd, QUERY.weightsMd));
    const args: [number, number][] = [[1, x], [33, wIn], [17, y]];
    if (bias) args.push([41, bi]);
    b.step(pd, args);
    return b.build(`conv forward ${geometryKey(g)}`);
  } catch (e) {
    b.abandon();
    throw e;
  } finally {
    if (pd) d.destroyDesc(pd);
    d.destroyAttr(attr);
  }
}

function buildBackwardData(s: OnednnState, g: Geometry): Plan {
  const d = s.dnnl;
  let hint = 0n;
  let pd: bigint | undefined;
  const b = new PlanBuilder(d);
  try {
    hint = forwardPd(s, g, false);
    const diffSrc = d.md(g.src, TAG.nhwc);
    const diffDst = d.md(g.dst, TAG.nhwc);
    const desc = opDesc(SIZEOF.convolutionDesc);
    check(
      d.lib.dnnl.dnnl_dilated_convolution_backward_data_desc_init(
        desc,
        ALG.convolutionDirect,
        diffSrc,
        d.md(g.weights, TAG.any),
        diffDst,
        dims(g.strides),
        dims(g.dilates),
        dims(g.padL),
        dims(g.padR),
      ),
      "convolution_backward_data_desc_init",
    );
    pd = d.primitiveDesc(desc, "convolution backward data", 0n, hint);
    if (pd === undefined) throw new Error(`oneDNN has no backward-data for ${geometryKey(g)}.`);
    const dy = b.user(diffDst);
    const wu = b.user(d.md(g.weights, TAG.hwio));
    const dx = b.user(diffSrc);
    const wIn = filterIn(s, b, g, wu, d.queryMd(pd, QUERY.weightsMd));
    b.step(pd, [[145, dy], [33, wIn], [129, dx]]);
    return b.build(`conv backward data ${geometryKey(g)}`);
  } catch (e) {
    b.abandon();
    throw e;
  } finally {
    if (pd) d.destroyDesc(pd);
    if (hint) d.destroyDesc(hint);
  }
}

function buildBackwardWeights(s: OnednnState, g: Geometry): Plan {
  const d = s.dnnl;
  let hint = 0n;
  let pd: bigint | undefined;
  let reorder = 0n;
  const b = new PlanBuilder(d);
  try {
    hint = forwardPd(s, g, false);
    const src = d.md(g.src, TAG.nhwc);
    const diffDst = d.md(g.dst, TAG.nhwc);
    const desc = opDesc(SIZEOF.convolutionDesc);
    check(
      d.lib.dnnl.dnnl_dilated_convolution_backward_weights_desc_init(
        desc,
        ALG.convolutionDirect,
        src,
        d.md(g.weights, TAG.any),
        0n,
        diffDst,
        dims(g.strides),
        dims(g.dilates),
        dims(g.padL),
        dims(g.padR),
      ),
      "convolution_backward_weights_desc_init",
    );
    pd = d.primitiveDesc(desc, "convolution backward weights", 0n, hint);
    if (pd === undefined) throw new Error(`oneDNN has no backward-weights for ${geometryKey(g)}.`);
    const x = b.user(src);
    const dy = b.user(diffDst);
    const userMd = d.md(g.weights, TAG.hwio);
    const dwUser = b.user(userMd);
    const chosen = d.queryMd(pd, QUERY.diffWeightsMd);
    if (d.sameMd(chosen, userMd)) {
      b.step(pd, [[1, x], [145, dy], [161, dwUser]]);
    } else {
      const dwIn = b.internal(chosen);
      b.step(pd, [[1, x], [145, dy], [161, dwIn]]);
      reorder = d.reorderDesc(chosen, userMd);
      b.step(reorder, [[1, dwIn], [17, dwUser]]);
    }
    return b.build(`conv backward weights ${geometryKey(g)}`);
  } catch (e) {
    b.abandon();
    throw e;
  } finally {
    if (reorder) d.destroyDesc(reorder);
    if (pd) d.destroyDesc(pd);
    if (hint) d.destroyDesc(hint);
  }
}

/** y = conv(x, filter) (+ bias) (then ReLU), NHWC, on the wasm heap. */
export function convForward(
  backend: BackendWasm,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  bias: tf.TensorInfo | undefined,
  info: ConvInfo,
  relu: boolean,
): tf.TensorInfo {
  const g = geometry(info);
  const p = plan(
    `conv_fwd ${geometryKey(g)} b${bias ? 1 : 0} r${relu ? 1 : 0}`,
    (s) => buildForward(s, g, bias !== undefined, relu),
  );
  const out = backend.makeOutput(info.outShape, "float32");
  const addr = [addressOfTensor(backend, x), addressOfTensor(backend, filter)];
  if (bias) addr.push(addressOfTensor(backend, bias));
  addr.push(addressOfTensor(backend, out));
  p.run(addr);
  return out;
}

/** dx of a convolution from dy and the filter. */
export function convBackwardData(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: ConvInfo,
): tf.TensorInfo {
  const g = geometry(info);
  const p = plan(`conv_bwd_data ${geometryKey(g)}`, (s) => buildBackwardData(s, g));
  const out = backend.makeOutput(info.inShape, "float32");
  p.run([
    addressOfTensor(backend, dy),
    addressOfTensor(backend, filter),
    addressOfTensor(backend, out),
  ]);
  return out;
}

/** dW (HWIO) of a convolution from x and dy. */
export function convBackwardWeights(
  backend: BackendWasm,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: ConvInfo,
): tf.TensorInfo {
  const g = geometry(info);
  const p = plan(`conv_bwd_weights ${geometryKey(g)}`, (s) => buildBackwardWeights(s, g));
  const out = backend.makeOutput(
    [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels],
    "float32",
  );
  p.run([
    addressOfTensor(backend, x),
    addressOfTensor(backend, dy),
    addressOfTensor(backend, out),
  ]);
  return out;
}
