/**
 * Convolution cases and helpers shared by the wasm kernel tests.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../lib/random/mod.ts";

/** One convolution case: input NHWC shape, filter [KH, KW, Cin, Cout], stride, padding. */
export interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad:
    | "same"
    | "valid"
    | number
    | [[number, number], [number, number], [number, number], [number, number]];
}

const shapes: Array<Pick<ConvCase, "x" | "filter">> = [
  { x: [2, 7, 5, 3], filter: [3, 3, 3, 4] },
  { x: [1, 7, 5, 3], filter: [1, 1, 3, 5] },
  { x: [3, 6, 8, 2], filter: [3, 2, 2, 3] },
  { x: [2, 5, 7, 4], filter: [1, 3, 4, 2] },
  { x: [2, 9, 9, 5], filter: [5, 5, 5, 2] },
  { x: [4, 8, 8, 16], filter: [3, 3, 16, 8] },
];

/** Every shape × stride 1, 2, 3 (and one anisotropic) × same/valid, plus explicit pads. */
export const CONV_CASES: ConvCase[] = [
  ...shapes.flatMap((s) =>
    ([[1, 1], [2, 2], [3, 3], [2, 1]] as [number, number][]).flatMap((strides) =>
      (["same", "valid"] as const).map((pad) => ({ ...s, strides, pad }))
    )
  ),
  { x: [2, 7, 5, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
  { x: [2, 6, 6, 3], filter: [1, 1, 3, 4], strides: [2, 2], pad: [[0, 0], [1, 0], [0, 1], [0, 0]] },
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: [[0, 0], [4, 0], [0, 3], [0, 0]] },
  // PyTorch-style numeric padding, as lib/models uses it.
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: 1 },
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: 1 },
  { x: [2, 8, 8, 4], filter: [1, 1, 4, 6], strides: [2, 2], pad: 0 },
  { x: [2, 8, 8, 4], filter: [3, 3, 4, 4], strides: [1, 1], pad: 1 },
];

/** A readable name for a case. */
export function caseName(c: ConvCase): string {
  const pad = typeof c.pad === "object" ? JSON.stringify(c.pad) : `${c.pad}`;
  return `x[${c.x}] w[${c.filter}] s[${c.strides}] ${pad}`;
}

/** Seeded standard-normal values. */
export function normals(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** Output shape of the convolution of a case. */
export function outShape(c: ConvCase): [number, number, number, number] {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
  return info.outShape as [number, number, number, number];
}

/** Runs `f` on the given backend and returns its tensors' values. */
export async function valuesOn(
  backend: string,
  f: () => tf.Tensor[],
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => f()).map((t) => {
    const v = t.dataSync() as Float32Array;
    t.dispose();
    return v;
  });
}

/**
 * Norm-wise relative error ‖a − b‖₂ / ‖b‖₂ (float64 on the host).
 */
export function relErr(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Cannot compare ${a.length} with ${b.length} values.`);
  let d = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - b[i]) ** 2;
    n += b[i] ** 2;
  }
  return Math.sqrt(d) / Math.max(Math.sqrt(n), 1e-30);
}
