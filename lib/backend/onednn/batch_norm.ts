/**
 * Batch normalization on oneDNN over NHWC tensors on the wasm heap: training
 * forward (batch statistics, optional fused ReLU), its backward, and
 * inference with given statistics.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { BN_FLAG, PROP, QUERY, SIZEOF, TAG } from "./_abi.ts";
import { opDesc, type Plan, PlanBuilder } from "./_dnnl.ts";
import { check } from "./_ffi.ts";
import { addressOfTensor, type OnednnState, plan } from "./_state.ts";

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
  s: OnednnState,
  shape: number[],
  epsilon: number,
  prop: number,
  f: number,
): bigint {
  const d = s.dnnl;
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
  const pd = d.primitiveDesc(desc, "batch normalization forward");
  if (pd === undefined) throw new Error(`oneDNN has no batch normalization for [${shape}].`);
  return pd;
}

function key(what: string, shape: number[], epsilon: number, relu: boolean): string {
  return `${what} [${shape}] eps${epsilon} r${relu ? 1 : 0}`;
}

function buildForward(
  s: OnednnState,
  shape: number[],
  epsilon: number,
  relu: boolean,
  training: boolean,
): Plan {
  const d = s.dnnl;
  const pd = forwardPd(
    s,
    shape,
    epsilon,
    training ? PROP.forwardTraining : PROP.forwardInference,
    flags(relu, !training),
  );
  const b = new PlanBuilder(d);
  try {
    const data = d.md(shape, TAG.nhwc);
    const vec = d.md([shape[1]], TAG.a);
    const x = b.user(data);
    const scale = b.user(vec);
    const shift = b.user(vec);
    const mean = b.user(vec);
    const variance = b.user(vec);
    const y = b.user(data);
    const args: [number, number][] = [
      [1, x],
      [51, scale],
      [52, shift],
      [49, mean],
      [50, variance],
      [
        17,
        y,
      ],
    ];
    let workspaceBytes = 0;
    if (relu && training) {
      const ws = d.queryMd(pd, QUERY.workspaceMd);
      workspaceBytes = d.mdBytes(ws);
      args.push([64, b.user(ws)]);
    }
    b.step(pd, args);
    return b.build(`bn ${training ? "training" : "inference"} [${shape}]`, { workspaceBytes });
  } catch (e) {
    b.abandon();
    throw e;
  } finally {
    d.destroyDesc(pd);
  }
}

function buildBackward(s: OnednnState, shape: number[], epsilon: number, relu: boolean): Plan {
  const d = s.dnnl;
  const f = flags(relu, false);
  const hint = forwardPd(s, shape, epsilon, PROP.forwardTraining, f);
  let pd: bigint | undefined;
  const b = new PlanBuilder(d);
  try {
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
    pd = d.primitiveDesc(desc, "batch normalization backward", 0n, hint);
    if (pd === undefined) throw new Error(`oneDNN has no batch-norm backward for [${shape}].`);
    const vec = d.md([shape[1]], TAG.a);
    const x = b.user(data);
    const dy = b.user(data);
    const mean = b.user(vec);
    const variance = b.user(vec);
    const scale = b.user(vec);
    // oneDNN 2.6 reads the shift argument in backward even though dx does not depend on it.
    const shift = b.user(vec);
    const dx = b.user(data);
    const dScale = b.user(vec);
    const dShift = b.user(vec);
    const args: [number, number][] = [
      [1, x],
      [145, dy],
      [49, mean],
      [50, variance],
      [51, scale],
      [52, shift],
      [129, dx],
      [255, dScale],
      [256, dShift],
    ];
    if (relu) args.push([64, b.user(d.queryMd(hint, QUERY.workspaceMd))]);
    b.step(pd, args);
    return b.build(`bn backward [${shape}]`);
  } catch (e) {
    b.abandon();
    throw e;
  } finally {
    if (pd) d.destroyDesc(pd);
    d.destroyDesc(hint);
  }
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
  const p = plan(
    key("bn_train", shape, epsilon, relu),
    (s) => buildForward(s, shape, epsilon, relu, true),
  );
  const ws = p.meta.workspaceBytes;
  const c = shape[1];
  const y = backend.makeOutput(x.shape, "float32");
  const mean = backend.makeOutput([c], "float32");
  const variance = backend.makeOutput([c], "float32");
  const workspace = relu ? backend.makeOutput([Math.ceil(ws / 4)], "int32") : undefined;
  const addr = [x, scale, shift, mean, variance, y].map((t) => addressOfTensor(backend, t));
  if (workspace) addr.push(addressOfTensor(backend, workspace));
  p.run(addr);
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
  const p = plan(
    key("bn_bwd", shape, epsilon, relu),
    (s) => buildBackward(s, shape, epsilon, relu),
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
  p.run(ts.map((t) => addressOfTensor(backend, t)));
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
  const p = plan(
    key("bn_infer", shape, epsilon, relu),
    (s) => buildForward(s, shape, epsilon, relu, false),
  );
  const y = backend.makeOutput(inputs.x.shape, "float32");
  const { x, mean, variance, scale, shift } = inputs;
  p.run([x, scale, shift, mean, variance, y].map((t) => addressOfTensor(backend, t)));
  return y;
}
