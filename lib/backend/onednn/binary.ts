/**
 * Element-wise add, subtract and multiply on oneDNN's binary primitive, with
 * the second operand broadcast (size-1 axes) and an optional ReLU fused.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ALG, ARG, SIZEOF } from "./_abi.ts";
import { buildPlan, opDesc, type PlanBuilder } from "./_dnnl.ts";
import { check } from "./_ffi.ts";
import { plan, runOn } from "./_state.ts";

/** Which operation. */
export type BinaryOp = "add" | "sub" | "mul";

const ALGS: Readonly<Record<BinaryOp, number>> = {
  add: ALG.binaryAdd,
  sub: ALG.binarySub,
  mul: ALG.binaryMul,
};

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

function build(b: PlanBuilder, op: BinaryOp, a: number[], bShape: number[], relu: boolean) {
  const d = b.dnnl;
  const mdA = d.mdStrided(a, rowMajorStrides(a));
  const mdB = d.mdStrided(bShape, rowMajorStrides(bShape));
  const desc = opDesc(SIZEOF.binaryDesc);
  check(d.lib.dnnl.dnnl_binary_desc_init(desc, ALGS[op], mdA, mdB, mdA), "binary_desc_init");
  const pd = b.desc(
    desc,
    `binary ${op} of [${a}] and [${bShape}]`,
    b.eltwiseAttr(relu ? ALG.eltwiseRelu : undefined),
  );
  const [x, y, out] = [b.user(mdA), b.user(mdB), b.user(mdA)];
  b.step(pd, [[ARG.src, x], [ARG.src1, y], [ARG.dst, out]]);
  return { name: `binary ${op} [${a}] [${bShape}]${relu ? " relu" : ""}` };
}

/**
 * `a op b` (then ReLU) where b's shape, right-aligned to a's, has each axis
 * equal or 1; returns undefined for other shapes (the caller falls back).
 */
export function binary(
  backend: BackendWasm,
  op: BinaryOp,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  relu = false,
): tf.TensorInfo | undefined {
  if (a.dtype !== "float32" || b.dtype !== "float32") return undefined;
  const rank = a.shape.length;
  if (rank === 0 || rank > 6 || b.shape.length > rank) return undefined;
  const bShape = [...new Array(rank - b.shape.length).fill(1), ...b.shape];
  if (!bShape.every((n, i) => n === a.shape[i] || n === 1)) return undefined;
  const size = a.shape.reduce((x, y) => x * y, 1);
  const out = backend.makeOutput(a.shape, "float32");
  if (size === 0) return out;
  const p = plan(
    `binary ${op} [${a.shape}] [${bShape}] r${relu ? 1 : 0}`,
    (s) => buildPlan(s.dnnl, (builder) => build(builder, op, a.shape, bShape, relu)),
  );
  runOn(backend, p, [a, b, out]);
  return out;
}
