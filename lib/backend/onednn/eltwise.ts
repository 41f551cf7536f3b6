/**
 * ReLU on oneDNN: forward, and backward from the forward's output (the
 * `relu_use_dst_for_bwd` algorithm: dx = dy where y > 0), over any shape
 * (treated as one flat vector).
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ALG, PROP, SIZEOF, TAG } from "./_abi.ts";
import { opDesc, type Plan, PlanBuilder } from "./_dnnl.ts";
import { check } from "./_ffi.ts";
import { addressOfTensor, type OnednnState, plan } from "./_state.ts";

function forwardPd(s: OnednnState, size: number, alg: number): bigint {
  const d = s.dnnl;
  const desc = opDesc(SIZEOF.eltwiseDesc);
  check(
    d.lib.dnnl.dnnl_eltwise_forward_desc_init(
      desc,
      PROP.forwardTraining,
      alg,
      d.md([size], TAG.a),
      0,
      0,
    ),
    "eltwise_forward_desc_init",
  );
  const pd = d.primitiveDesc(desc, "relu forward");
  if (pd === undefined) throw new Error(`oneDNN has no ReLU for ${size} values.`);
  return pd;
}

function buildForward(s: OnednnState, size: number): Plan {
  const d = s.dnnl;
  const pd = forwardPd(s, size, ALG.eltwiseReluUseDstForBwd);
  const b = new PlanBuilder(d);
  try {
    const md = d.md([size], TAG.a);
    const x = b.user(md);
    const y = b.user(md);
    b.step(pd, [[1, x], [17, y]]);
    return b.build(`relu forward ${size}`);
  } catch (e) {
    b.abandon();
    throw e;
  } finally {
    d.destroyDesc(pd);
  }
}

function buildBackward(s: OnednnState, size: number): Plan {
  const d = s.dnnl;
  const hint = forwardPd(s, size, ALG.eltwiseReluUseDstForBwd);
  let pd: bigint | undefined;
  const b = new PlanBuilder(d);
  try {
    const md = d.md([size], TAG.a);
    const desc = opDesc(SIZEOF.eltwiseDesc);
    check(
      d.lib.dnnl.dnnl_eltwise_backward_desc_init(desc, ALG.eltwiseReluUseDstForBwd, md, md, 0, 0),
      "eltwise_backward_desc_init",
    );
    pd = d.primitiveDesc(desc, "relu backward", 0n, hint);
    if (pd === undefined) throw new Error(`oneDNN has no ReLU backward for ${size} values.`);
    const dy = b.user(md);
    const y = b.user(md);
    const dx = b.user(md);
    b.step(pd, [[145, dy], [17, y], [129, dx]]);
    return b.build(`relu backward ${size}`);
  } catch (e) {
    b.abandon();
    throw e;
  } finally {
    if (pd) d.destroyDesc(pd);
    d.destroyDesc(hint);
  }
}

/** max(x, 0), float32. */
export function reluForward(backend: BackendWasm, x: tf.TensorInfo): tf.TensorInfo {
  const size = x.shape.reduce((a, b) => a * b, 1);
  const out = backend.makeOutput(x.shape, "float32");
  if (size === 0) return out;
  const p = plan(`relu_fwd ${size}`, (s) => buildForward(s, size));
  p.run([addressOfTensor(backend, x), addressOfTensor(backend, out)]);
  return out;
}

/** dx = dy where y > 0, else 0, with y the forward's output. */
export function reluBackward(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  y: tf.TensorInfo,
): tf.TensorInfo {
  const size = y.shape.reduce((a, b) => a * b, 1);
  const out = backend.makeOutput(y.shape, "float32");
  if (size === 0) return out;
  const p = plan(`relu_bwd ${size}`, (s) => buildBackward(s, size));
  p.run([addressOfTensor(backend, dy), addressOfTensor(backend, y), addressOfTensor(backend, out)]);
  return out;
}
