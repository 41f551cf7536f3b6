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
import { ALG, ARG, PROP, QUERY, SIZEOF, TAG } from "./_abi.ts";
import { buildPlan, dims, opDesc, type Plan, type PlanBuilder } from "./_dnnl.ts";
import { check } from "./_ffi.ts";
import { plan, runOn } from "./_state.ts";

type ConvInfo = tf.backend_util.Conv2DInfo;

/** Geometry of one convolution in oneDNN's terms. */
export interface ConvGeometry {
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

/** A tfjs convolution's geometry in oneDNN's terms. */
export function convGeometry(c: ConvInfo): ConvGeometry {
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

/** A key naming the geometry, for plan caches and messages. */
export function convGeometryKey(g: ConvGeometry): string {
  return [g.src, g.weights, g.strides, g.dilates, g.padL, g.padR].map((a) => a.join(",")).join(
    ";",
  );
}

/** Whether oneDNN can run this convolution (NHWC, no depthwise); else the caller falls back. */
export function onednnConvSupported(c: ConvInfo): boolean {
  return c.dataFormat === "channelsLast" && c.inChannels > 0 && c.outChannels > 0 &&
    [c.padInfo.top, c.padInfo.bottom, c.padInfo.left, c.padInfo.right].every((p) => p >= 0);
}

/**
 * The forward convolution's primitive descriptor, filter layout `any` (also
 * the hint of the backward ones).
 */
export function forwardPd(b: PlanBuilder, g: ConvGeometry, bias: boolean, attr = 0n): bigint {
  const d = b.dnnl;
  const desc = opDesc(SIZEOF.convolutionDesc);
  check(
    d.lib.dnnl.dnnl_dilated_convolution_forward_desc_init(
      desc,
      PROP.forwardTraining,
      ALG.convolutionDirect,
      d.md(g.src, TAG.nhwc),
      d.md(g.weights, TAG.any),
      bias ? d.md([g.weights[0]], TAG.a) : 0n,
      d.md(g.dst, TAG.nhwc),
      dims(g.strides),
      dims(g.dilates),
      dims(g.padL),
      dims(g.padR),
    ),
    "convolution_forward_desc_init",
  );
  return b.desc(desc, `convolution forward ${convGeometryKey(g)}`, attr);
}

/** Which backward convolution. */
type BackwardKind = "data" | "weights";

/** A backward convolution's primitive descriptor, hinted by the forward one. */
function backwardPd(b: PlanBuilder, g: ConvGeometry, kind: BackwardKind): bigint {
  const d = b.dnnl;
  const hint = forwardPd(b, g, false);
  const desc = opDesc(SIZEOF.convolutionDesc);
  const geometryArgs = [dims(g.strides), dims(g.dilates), dims(g.padL), dims(g.padR)] as const;
  const [src, w, dst] = [d.md(g.src, TAG.nhwc), d.md(g.weights, TAG.any), d.md(g.dst, TAG.nhwc)];
  check(
    kind === "data"
      ? d.lib.dnnl.dnnl_dilated_convolution_backward_data_desc_init(
        desc,
        ALG.convolutionDirect,
        src,
        w,
        dst,
        ...geometryArgs,
      )
      : d.lib.dnnl.dnnl_dilated_convolution_backward_weights_desc_init(
        desc,
        ALG.convolutionDirect,
        src,
        w,
        0n,
        dst,
        ...geometryArgs,
      ),
    `convolution_backward_${kind}_desc_init`,
  );
  return b.desc(desc, `convolution backward ${kind} ${convGeometryKey(g)}`, 0n, hint);
}

/**
 * Adds to `b` a reorder from the user's HWIO filter (slot `user`) to the
 * layout `chosen` when they differ; returns the slot the primitive reads.
 */
function filterIn(b: PlanBuilder, g: ConvGeometry, user: number, chosen: bigint): number {
  const userMd = b.dnnl.md(g.weights, TAG.hwio);
  if (b.dnnl.sameMd(userMd, chosen)) return user;
  const internal = b.internal(chosen);
  b.step(b.reorder(userMd, chosen), [[ARG.from, user], [ARG.to, internal]]);
  return internal;
}

function buildForward(b: PlanBuilder, g: ConvGeometry, bias: boolean, relu: boolean) {
  const d = b.dnnl;
  const pd = forwardPd(b, g, bias, b.eltwiseAttr(relu ? ALG.eltwiseRelu : undefined));
  const x = b.user(d.md(g.src, TAG.nhwc));
  const w = b.user(d.md(g.weights, TAG.hwio));
  const bi = bias ? b.user(d.md([g.weights[0]], TAG.a)) : -1;
  const y = b.user(d.md(g.dst, TAG.nhwc));
  const wIn = filterIn(b, g, w, d.queryMd(pd, QUERY.weightsMd));
  const args: [number, number][] = [[ARG.src, x], [ARG.weights, wIn], [ARG.dst, y]];
  if (bias) args.push([ARG.bias, bi]);
  b.step(pd, args);
  return { name: `conv forward ${convGeometryKey(g)}` };
}

function buildBackwardData(b: PlanBuilder, g: ConvGeometry) {
  const d = b.dnnl;
  const pd = backwardPd(b, g, "data");
  const dy = b.user(d.md(g.dst, TAG.nhwc));
  const w = b.user(d.md(g.weights, TAG.hwio));
  const dx = b.user(d.md(g.src, TAG.nhwc));
  const wIn = filterIn(b, g, w, d.queryMd(pd, QUERY.weightsMd));
  b.step(pd, [[ARG.diffDst, dy], [ARG.weights, wIn], [ARG.diffSrc, dx]]);
  return { name: `conv backward data ${convGeometryKey(g)}` };
}

function buildBackwardWeights(b: PlanBuilder, g: ConvGeometry) {
  const d = b.dnnl;
  const pd = backwardPd(b, g, "weights");
  const x = b.user(d.md(g.src, TAG.nhwc));
  const dy = b.user(d.md(g.dst, TAG.nhwc));
  const userMd = d.md(g.weights, TAG.hwio);
  const dw = b.user(userMd);
  const chosen = d.queryMd(pd, QUERY.diffWeightsMd);
  if (d.sameMd(chosen, userMd)) {
    b.step(pd, [[ARG.src, x], [ARG.diffDst, dy], [ARG.diffWeights, dw]]);
  } else {
    const dwIn = b.internal(chosen);
    b.step(pd, [[ARG.src, x], [ARG.diffDst, dy], [ARG.diffWeights, dwIn]]);
    b.step(b.reorder(chosen, userMd), [[ARG.from, dwIn], [ARG.to, dw]]);
  }
  return { name: `conv backward weights ${convGeometryKey(g)}` };
}

function convPlan(key: string, fill: (b: PlanBuilder) => { name: string }): Plan {
  return plan(key, (s) => buildPlan(s.dnnl, fill));
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
  const g = convGeometry(info);
  const p = convPlan(
    `conv_fwd ${convGeometryKey(g)} b${bias ? 1 : 0} r${relu ? 1 : 0}`,
    (b) => buildForward(b, g, bias !== undefined, relu),
  );
  const out = backend.makeOutput(info.outShape, "float32");
  runOn(backend, p, bias ? [x, filter, bias, out] : [x, filter, out]);
  return out;
}

/** dx of a convolution from dy and the filter. */
export function convBackwardData(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: ConvInfo,
): tf.TensorInfo {
  const g = convGeometry(info);
  const p = convPlan(`conv_bwd_data ${convGeometryKey(g)}`, (b) => buildBackwardData(b, g));
  const out = backend.makeOutput(info.inShape, "float32");
  runOn(backend, p, [dy, filter, out]);
  return out;
}

/** dW (HWIO) of a convolution from x and dy. */
export function convBackwardWeights(
  backend: BackendWasm,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: ConvInfo,
): tf.TensorInfo {
  const g = convGeometry(info);
  const p = convPlan(`conv_bwd_weights ${convGeometryKey(g)}`, (b) => buildBackwardWeights(b, g));
  const out = backend.makeOutput(
    [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels],
    "float32",
  );
  runOn(backend, p, [x, dy, out]);
  return out;
}
