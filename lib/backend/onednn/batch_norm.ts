/**
 * Batch normalization on oneDNN over NHWC tensors on the wasm heap: training
 * forward (batch statistics, optional fused ReLU), its backward, and
 * inference with given statistics.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ARG, BN_FLAG, PROP, QUERY, SIZEOF, TAG } from "./_abi.ts";
import { buildPlan, opDesc, type Plan, type PlanBuilder, type PlanSpec } from "./_dnnl.ts";
import { check } from "./_ffi.ts";
import { plan, runOn } from "./_state.ts";

/** [N, C, H, W] (oneDNN order) of an NHWC shape. */
function nchw(shape: readonly number[]): number[] {
  const [n, h, w, c] = shape;
  return [n, c, h, w];
}

function flags(relu: boolean, globalStats: boolean): number {
  return BN_FLAG.useScale | BN_FLAG.useShift | (relu ? BN_FLAG.fuseNormRelu : 0) |
    (globalStats ? BN_FLAG.useGlobalStats : 0);
}

function forwardPd(
  b: PlanBuilder,
  shape: number[],
  epsilon: number,
  prop: number,
  f: number,
): bigint {
  const d = b.dnnl;
  const desc = opDesc(SIZEOF.batchNormDesc);
  check(
    d.lib.dnnl.dnnl_batch_normalization_forward_desc_init(
      desc,
      prop,
      d.md(shape, TAG.nhwc),
      epsilon,
      f,
    ),
    "batch_normalization_forward_desc_init",
  );
  return b.desc(desc, `batch normalization forward [${shape}]`);
}

function key(what: string, shape: number[], epsilon: number, relu: boolean): string {
  return `${what} [${shape}] eps${epsilon} r${relu ? 1 : 0}`;
}

function buildForward(
  b: PlanBuilder,
  shape: number[],
  epsilon: number,
  relu: boolean,
  training: boolean,
): PlanSpec {
  const d = b.dnnl;
  const pd = forwardPd(
    b,
    shape,
    epsilon,
    training ? PROP.forwardTraining : PROP.forwardInference,
    flags(relu, !training),
  );
  const data = d.md(shape, TAG.nhwc);
  const vec = d.md([shape[1]], TAG.a);
  const [x, scale, shift, mean, variance, y] = [data, vec, vec, vec, vec, data].map((md) =>
    b.user(md)
  );
  const args: [number, number][] = [
    [ARG.src, x],
    [ARG.scale, scale],
    [ARG.shift, shift],
    [ARG.mean, mean],
    [ARG.variance, variance],
    [ARG.dst, y],
  ];
  let workspaceBytes = 0;
  if (relu && training) {
    const ws = d.queryMd(pd, QUERY.workspaceMd);
    workspaceBytes = d.mdBytes(ws);
    args.push([ARG.workspace, b.user(ws)]);
  }
  b.step(pd, args);
  return {
    name: `bn ${training ? "training" : "inference"} [${shape}]`,
    meta: { workspaceBytes },
  };
}

function buildBackward(b: PlanBuilder, shape: number[], epsilon: number, relu: boolean): PlanSpec {
  const d = b.dnnl;
  const f = flags(relu, false);
  const hint = forwardPd(b, shape, epsilon, PROP.forwardTraining, f);
  const data = d.md(shape, TAG.nhwc);
  const desc = opDesc(SIZEOF.batchNormDesc);
  check(
    d.lib.dnnl.dnnl_batch_normalization_backward_desc_init(
      desc,
      PROP.backward,
      data,
      data,
      epsilon,
      f,
    ),
    "batch_normalization_backward_desc_init",
  );
  const pd = b.desc(desc, `batch normalization backward [${shape}]`, 0n, hint);
  const vec = d.md([shape[1]], TAG.a);
  // oneDNN 2.6 reads the shift argument in backward even though dx does not depend on it.
  const [x, dy, mean, variance, scale, shift, dx, dScale, dShift] = [
    data,
    data,
    vec,
    vec,
    vec,
    vec,
    data,
    vec,
    vec,
  ].map((md) => b.user(md));
  const args: [number, number][] = [
    [ARG.src, x],
    [ARG.diffDst, dy],
    [ARG.mean, mean],
    [ARG.variance, variance],
    [ARG.scale, scale],
    [ARG.shift, shift],
    [ARG.diffSrc, dx],
    [ARG.diffScale, dScale],
    [ARG.diffShift, dShift],
  ];
  if (relu) args.push([ARG.workspace, b.user(d.queryMd(hint, QUERY.workspaceMd))]);
  b.step(pd, args);
  return { name: `bn backward [${shape}]` };
}

function bnPlan(k: string, fill: (b: PlanBuilder) => PlanSpec): Plan {
  return plan(k, (s) => buildPlan(s.dnnl, fill));
}

/** What {@linkcode batchNormTrainForward} returns. */
export interface BatchNormForwardOutputs {
  /** Normalized (and rectified) output, NHWC. */
  y: tf.TensorInfo;
  /** Batch mean [C]. */
  mean: tf.TensorInfo;
  /** Biased batch variance [C]. */
  variance: tf.TensorInfo;
  /** ReLU workspace (bytes as int32), only with `relu`. */
  workspace?: tf.TensorInfo;
}

/** Training-mode batch norm of NHWC `x` with per-channel `scale` and `shift`. */
export function batchNormTrainForward(
  backend: BackendWasm,
  x: tf.TensorInfo,
  scale: tf.TensorInfo,
  shift: tf.TensorInfo,
  epsilon: number,
  relu: boolean,
): BatchNormForwardOutputs {
  const shape = nchw(x.shape);
  const p = bnPlan(
    key("bn_train", shape, epsilon, relu),
    (b) => buildForward(b, shape, epsilon, relu, true),
  );
  const ws = p.meta.workspaceBytes;
  const c = shape[1];
  const y = backend.makeOutput(x.shape, "float32");
  const mean = backend.makeOutput([c], "float32");
  const variance = backend.makeOutput([c], "float32");
  const workspace = relu ? backend.makeOutput([Math.ceil(ws / 4)], "int32") : undefined;
  const tensors = [x, scale, shift, mean, variance, y];
  if (workspace) tensors.push(workspace);
  runOn(backend, p, tensors);
  return { y, mean, variance, workspace };
}

/** dx, dscale, dshift of {@linkcode batchNormTrainForward}. */
export function batchNormTrainBackward(
  backend: BackendWasm,
  inputs: {
    x: tf.TensorInfo;
    dy: tf.TensorInfo;
    mean: tf.TensorInfo;
    variance: tf.TensorInfo;
    scale: tf.TensorInfo;
    shift: tf.TensorInfo;
    workspace?: tf.TensorInfo;
  },
  epsilon: number,
  relu: boolean,
): [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo] {
  const shape = nchw(inputs.x.shape);
  const p = bnPlan(
    key("bn_bwd", shape, epsilon, relu),
    (b) => buildBackward(b, shape, epsilon, relu),
  );
  const c = shape[1];
  const dx = backend.makeOutput(inputs.x.shape, "float32");
  const dScale = backend.makeOutput([c], "float32");
  const dShift = backend.makeOutput([c], "float32");
  const { x, dy, mean, variance, scale, shift, workspace } = inputs;
  if (relu && workspace === undefined) {
    throw new Error("Cannot run batch-norm backward with ReLU: the forward workspace is missing.");
  }
  const ts = [x, dy, mean, variance, scale, shift, dx, dScale, dShift];
  if (relu) ts.push(workspace!);
  runOn(backend, p, ts);
  return [dx, dScale, dShift];
}

/** Inference-mode batch norm with given statistics (optionally ReLU fused). */
export function batchNormInference(
  backend: BackendWasm,
  inputs: {
    x: tf.TensorInfo;
    mean: tf.TensorInfo;
    variance: tf.TensorInfo;
    scale: tf.TensorInfo;
    shift: tf.TensorInfo;
  },
  epsilon: number,
  relu: boolean,
): tf.TensorInfo {
  const shape = nchw(inputs.x.shape);
  const p = bnPlan(
    key("bn_infer", shape, epsilon, relu),
    (b) => buildForward(b, shape, epsilon, relu, false),
  );
  const y = backend.makeOutput(inputs.x.shape, "float32");
  const { x, mean, variance, scale, shift } = inputs;
  runOn(backend, p, [x, scale, shift, mean, variance, y]);
  return y;
}
