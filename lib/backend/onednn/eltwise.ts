/**
 * ReLU on oneDNN: forward, and backward from the forward's output (the
 * `relu_use_dst_for_bwd` algorithm: dx = dy where y > 0), over any shape
 * (treated as one flat vector).
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ALG, ARG, PROP, SIZEOF, TAG } from "./_abi.ts";
import { buildPlan, opDesc, type PlanBuilder } from "./_dnnl.ts";
import { check } from "./_ffi.ts";
import { plan, runOn } from "./_state.ts";

function forwardPd(b: PlanBuilder, size: number): bigint {
  const d = b.dnnl;
  const desc = opDesc(SIZEOF.eltwiseDesc);
  check(
    d.lib.dnnl.dnnl_eltwise_forward_desc_init(
      desc,
      PROP.forwardTraining,
      ALG.eltwiseReluUseDstForBwd,
      d.md([size], TAG.a),
      0,
      0,
    ),
    "eltwise_forward_desc_init",
  );
  return b.desc(desc, `relu forward of ${size} values`);
}

/** max(x, 0), float32. */
export function reluForward(backend: BackendWasm, x: tf.TensorInfo): tf.TensorInfo {
  const size = x.shape.reduce((a, b) => a * b, 1);
  const out = backend.makeOutput(x.shape, "float32");
  if (size === 0) return out;
  const p = plan(`relu_fwd ${size}`, (s) =>
    buildPlan(s.dnnl, (b) => {
      const pd = forwardPd(b, size);
      const md = b.dnnl.md([size], TAG.a);
      b.step(pd, [[ARG.src, b.user(md)], [ARG.dst, b.user(md)]]);
      return { name: `relu forward ${size}` };
    }));
  runOn(backend, p, [x, out]);
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
  const p = plan(`relu_bwd ${size}`, (s) =>
    buildPlan(s.dnnl, (b) => {
      const d = b.dnnl;
      const hint = forwardPd(b, size);
      const md = d.md([size], TAG.a);
      const desc = opDesc(SIZEOF.eltwiseDesc);
      check(
        d.lib.dnnl.dnnl_eltwise_backward_desc_init(
          desc,
          ALG.eltwiseReluUseDstForBwd,
          md,
          md,
          0,
          0,
        ),
        "eltwise_backward_desc_init",
      );
      const pd = b.desc(desc, `relu backward of ${size} values`, 0n, hint);
      const [g, yy, dx] = [b.user(md), b.user(md), b.user(md)];
      b.step(pd, [[ARG.diffDst, g], [ARG.dst, yy], [ARG.diffSrc, dx]]);
      return { name: `relu backward ${size}` };
    }));
  runOn(backend, p, [dy, y, out]);
  return out;
}
