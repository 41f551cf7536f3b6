/**
 * Max and average pooling on oneDNN over NHWC tensors on the wasm heap,
 * forward and backward. Average pooling excludes padding from each window's
 * count, as TensorFlow's (and tfjs's) does.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ALG, ARG, PROP, QUERY, SIZEOF, TAG } from "./_abi.ts";
import { buildPlan, dims, opDesc, type PlanBuilder, type PlanSpec } from "./_dnnl.ts";
import { check } from "./_ffi.ts";
import { plan, runOn } from "./_state.ts";

type PoolInfo = tf.backend_util.Conv2DInfo;

/** Which pooling. */
export type PoolKind = "max" | "avg";

interface PoolGeometry {
  src: number[];
  dst: number[];
  kernel: number[];
  strides: number[];
  dilation: number[];
  padL: number[];
  padR: number[];
}

function geometry(c: PoolInfo): PoolGeometry {
  return {
    src: [c.batchSize, c.inChannels, c.inHeight, c.inWidth],
    dst: [c.batchSize, c.outChannels, c.outHeight, c.outWidth],
    kernel: [c.filterHeight, c.filterWidth],
    strides: [c.strideHeight, c.strideWidth],
    dilation: [c.dilationHeight - 1, c.dilationWidth - 1],
    padL: [c.padInfo.top, c.padInfo.left],
    padR: [c.padInfo.bottom, c.padInfo.right],
  };
}

function keyOf(g: PoolGeometry): string {
  return [g.src, g.dst, g.kernel, g.strides, g.dilation, g.padL, g.padR].map((a) => a.join(","))
    .join(";");
}

/** Whether oneDNN runs this pooling (NHWC, non-negative padding, channels kept). */
export function onednnPoolSupported(c: PoolInfo): boolean {
  return c.dataFormat === "channelsLast" && c.inChannels === c.outChannels &&
    [c.padInfo.top, c.padInfo.bottom, c.padInfo.left, c.padInfo.right].every((p) => p >= 0);
}

function alg(kind: PoolKind): number {
  return kind === "max" ? ALG.poolingMax : ALG.poolingAvgExcludePadding;
}

function forwardPd(b: PlanBuilder, g: PoolGeometry, kind: PoolKind, prop: number): bigint {
  const d = b.dnnl;
  const desc = opDesc(SIZEOF.poolingV2Desc);
  check(
    d.lib.dnnl.dnnl_pooling_v2_forward_desc_init(
      desc,
      prop,
      alg(kind),
      d.md(g.src, TAG.nhwc),
      d.md(g.dst, TAG.nhwc),
      dims(g.strides),
      dims(g.kernel),
      dims(g.dilation),
      dims(g.padL),
      dims(g.padR),
    ),
    "pooling_v2_forward_desc_init",
  );
  return b.desc(desc, `${kind} pooling forward ${keyOf(g)}`);
}

function buildForward(b: PlanBuilder, g: PoolGeometry, kind: PoolKind): PlanSpec {
  const pd = forwardPd(b, g, kind, PROP.forwardInference);
  const x = b.user(b.dnnl.md(g.src, TAG.nhwc));
  const y = b.user(b.dnnl.md(g.dst, TAG.nhwc));
  b.step(pd, [[ARG.src, x], [ARG.dst, y]]);
  return { name: `${kind} pool forward ${keyOf(g)}` };
}

/**
 * Backward: for max pooling the forward is run again in training mode into
 * internal buffers to get the argmax workspace (tfjs's MaxPoolGrad passes
 * the input and output, not a workspace).
 */
function buildBackward(b: PlanBuilder, g: PoolGeometry, kind: PoolKind): PlanSpec {
  const d = b.dnnl;
  const hint = forwardPd(b, g, kind, PROP.forwardTraining);
  const srcMd = d.md(g.src, TAG.nhwc);
  const dstMd = d.md(g.dst, TAG.nhwc);
  const desc = opDesc(SIZEOF.poolingV2Desc);
  check(
    d.lib.dnnl.dnnl_pooling_v2_backward_desc_init(
      desc,
      alg(kind),
      srcMd,
      dstMd,
      dims(g.strides),
      dims(g.kernel),
      dims(g.dilation),
      dims(g.padL),
      dims(g.padR),
    ),
    "pooling_v2_backward_desc_init",
  );
  const pd = b.desc(desc, `${kind} pooling backward ${keyOf(g)}`, 0n, hint);
  const dy = b.user(dstMd);
  const dx = b.user(srcMd);
  if (kind === "max") {
    const x = b.user(srcMd);
    const y = b.internal(dstMd);
    const ws = b.internal(d.queryMd(hint, QUERY.workspaceMd));
    b.step(hint, [[ARG.src, x], [ARG.dst, y], [ARG.workspace, ws]]);
    b.step(pd, [[ARG.diffDst, dy], [ARG.workspace, ws], [ARG.diffSrc, dx]]);
  } else {
    b.step(pd, [[ARG.diffDst, dy], [ARG.diffSrc, dx]]);
  }
  return { name: `${kind} pool backward ${keyOf(g)}` };
}

/** Max or average pooling of NHWC `x`. */
export function poolForward(
  backend: BackendWasm,
  x: tf.TensorInfo,
  info: PoolInfo,
  kind: PoolKind,
): tf.TensorInfo {
  const g = geometry(info);
  const p = plan(
    `pool_fwd ${kind} ${keyOf(g)}`,
    (s) => buildPlan(s.dnnl, (b) => buildForward(b, g, kind)),
  );
  const out = backend.makeOutput(info.outShape, "float32");
  runOn(backend, p, [x, out]);
  return out;
}

/** dx of a pooling from dy (and, for max pooling, the forward's input x). */
export function poolBackward(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  x: tf.TensorInfo | undefined,
  info: PoolInfo,
  kind: PoolKind,
): tf.TensorInfo {
  const g = geometry(info);
  const p = plan(
    `pool_bwd ${kind} ${keyOf(g)}`,
    (s) => buildPlan(s.dnnl, (b) => buildBackward(b, g, kind)),
  );
  const out = backend.makeOutput(info.inShape, "float32");
  if (kind === "max" && x === undefined) {
    throw new Error("Max-pooling backward needs the forward's input.");
  }
  runOn(backend, p, kind === "max" ? [dy, out, x!] : [dy, out]);
  return out;
}
