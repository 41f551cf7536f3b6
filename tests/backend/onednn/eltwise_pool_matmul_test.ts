import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { addRelu, relu } from "../../../lib/backend/relu.ts";
import { normals, relErr, valuesOn } from "../_conv_cases.ts";
import { ONEDNN_ONLY } from "./_onednn.ts";

Deno.test({
  name: "onednn ReLU and its gradient (lib relu and tf.relu) match cpu",
  ...ONEDNN_ONLY,
  fn: async () => {
    const shape = [3, 5, 7, 4];
    const xv = normals(3 * 5 * 7 * 4, 200);
    const wv = normals(3 * 5 * 7 * 4, 201);
    for (const f of [relu, tf.relu]) {
      const run = () => {
        const x = tf.tensor(xv, shape);
        const w = tf.tensor(wv, shape);
        return [f(x), tf.grad((a: tf.Tensor) => tf.sum(tf.mul(f(a), w)))(x)];
      };
      const ref = await valuesOn("cpu", run);
      const ours = await valuesOn("onednn", run);
      assertEquals(ours[0], ref[0]);
      assertEquals(ours[1], ref[1]);
    }
  },
});

/** dx of an average pooling that excludes padding from each window's count, in float64. */
function avgPoolGradReference(info: tf.backend_util.Conv2DInfo, dy: Float32Array): Float32Array {
  const { batchSize: nb, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } =
    info;
  const dx = new Float64Array(nb * h * w * c);
  for (let b = 0; b < nb; b++) {
    for (let r = 0; r < oh; r++) {
      for (let q = 0; q < ow; q++) {
        const r0 = r * info.strideHeight - info.padInfo.top;
        const q0 = q * info.strideWidth - info.padInfo.left;
        const rows = [...Array(info.filterHeight).keys()].map((i) => r0 + i).filter((i) =>
          i >= 0 && i < h
        );
        const cols = [...Array(info.filterWidth).keys()].map((i) => q0 + i).filter((i) =>
          i >= 0 && i < w
        );
        const count = rows.length * cols.length;
        for (let ch = 0; ch < c; ch++) {
          const g = dy[((b * oh + r) * ow + q) * c + ch] / count;
          for (const i of rows) for (const j of cols) dx[((b * h + i) * w + j) * c + ch] += g;
        }
      }
    }
  }
  return Float32Array.from(dx);
}

const POOLS: {
  x: [number, number, number, number];
  size: number | [number, number];
  stride: number | [number, number];
  pad: "same" | "valid" | number;
}[] = [
  { x: [2, 8, 8, 3], size: 2, stride: 2, pad: "valid" },
  { x: [2, 9, 9, 3], size: 3, stride: 2, pad: 1 },
  { x: [1, 7, 6, 5], size: 3, stride: 2, pad: "same" },
  { x: [2, 10, 7, 2], size: [3, 2], stride: [1, 2], pad: "valid" },
  { x: [2, 5, 5, 4], size: 5, stride: 1, pad: "valid" },
];
for (const [i, p] of POOLS.entries()) {
  for (const kind of ["max", "avg"] as const) {
    Deno.test({
      name:
        `onednn ${kind} pooling and its gradient match cpu: x [${p.x}] k${p.size} s${p.stride} ${p.pad}`,
      ...ONEDNN_ONLY,
      fn: async () => {
        const xv = normals(p.x.reduce((a, b) => a * b), 210 + i);
        const pool = (a: tf.Tensor) =>
          (kind === "max" ? tf.maxPool : tf.avgPool)(a as tf.Tensor4D, p.size, p.stride, p.pad);
        const run = () => {
          const x = tf.tensor4d(xv, p.x);
          const y = pool(x);
          const w = tf.tensor(normals(y.size, 220 + i), y.shape);
          return [y, tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a), w)))(x)];
        };
        const ref = await valuesOn("cpu", run);
        const ours = await valuesOn("onednn", run);
        const info = tf.backend_util.computePool2DInfo(p.x, p.size, p.stride, 1, p.pad);
        const padded = info.padInfo.top + info.padInfo.bottom + info.padInfo.left +
            info.padInfo.right > 0;
        if (kind === "avg" && padded) {
          // tfjs's cpu AvgPoolGrad divides by the whole window even where its forward
          // excludes padding; the true gradient of that forward divides by the valid count.
          ref[1] = avgPoolGradReference(info, normals(ours[0].length, 220 + i));
        }
        for (const [k, name] of ["y", "dx"].entries()) {
          assert(
            relErr(ours[k], ref[k]) < 1e-5,
            `${name}: relative error ${relErr(ours[k], ref[k])}`,
          );
        }
      },
    });
  }
}

// The last two broadcast a batch: tfjs has no gradient for that, so only the product is checked.
const MATMULS: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
  { a: [7, 5], b: [5, 3], ta: false, tb: false },
  { a: [5, 7], b: [5, 3], ta: true, tb: false },
  { a: [7, 5], b: [3, 5], ta: false, tb: true },
  { a: [5, 7], b: [3, 5], ta: true, tb: true },
  { a: [4, 7, 5], b: [4, 5, 3], ta: false, tb: false },
  { a: [1, 7, 5], b: [4, 5, 3], ta: false, tb: false },
  { a: [4, 5, 7], b: [5, 3], ta: true, tb: false },
];
for (const [i, m] of MATMULS.entries()) {
  Deno.test({
    name: `onednn matmul and its gradients match cpu: a [${m.a}]${m.ta ? "ᵀ" : ""} b [${m.b}]${
      m.tb ? "ᵀ" : ""
    }`,
    ...ONEDNN_ONLY,
    fn: async () => {
      const av = normals(m.a.reduce((x, y) => x * y), 230 + i);
      const bv = normals(m.b.reduce((x, y) => x * y), 240 + i);
      const run = () => {
        const a = tf.tensor(av, m.a);
        const b = tf.tensor(bv, m.b);
        const f = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, m.ta, m.tb);
        const out = f(a, b);
        if (m.a.length !== m.b.length || m.a[0] !== m.b[0]) return [out];
        const w = tf.tensor(normals(out.size, 250 + i), out.shape);
        return [
          out,
          ...tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x, y), w)))([a, b]),
        ];
      };
      const ref = await valuesOn("cpu", run);
      const ours = await valuesOn("onednn", run);
      assertEquals(ours.length, ref.length);
      for (const [k, name] of ["y", "da", "db"].slice(0, ref.length).entries()) {
        assert(
          relErr(ours[k], ref[k]) < 1e-5,
          `${name}: relative error ${relErr(ours[k], ref[k])}`,
        );
      }
    },
  });
}

Deno.test({
  name: "onednn addRelu and its gradient match tf.relu(tf.add) on cpu",
  ...ONEDNN_ONLY,
  fn: async () => {
    const shape = [2, 6, 5, 4];
    const [av, bv, wv] = [260, 261, 262].map((s) => normals(2 * 6 * 5 * 4, s));
    const run = (fused: boolean) => () => {
      const [a, b, w] = [av, bv, wv].map((v) => tf.tensor(v, shape));
      const f = (x: tf.Tensor, y: tf.Tensor) => fused ? addRelu(x, y) : tf.relu(tf.add(x, y));
      return [
        f(a, b),
        ...tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x, y), w)))([a, b]),
      ];
    };
    const ref = await valuesOn("cpu", run(false));
    const ours = await valuesOn("onednn", run(true));
    for (const k of [0, 1, 2]) assertEquals(ours[k], ref[k], `output ${k}`);
  },
});

const BINARIES: { a: number[]; b: number[] }[] = [
  { a: [64, 16, 16, 8], b: [64, 16, 16, 8] },
  { a: [64, 16, 16, 8], b: [8] },
  { a: [8], b: [64, 16, 16, 8] },
  { a: [64, 16, 16, 8], b: [64, 1, 1, 8] },
  { a: [3, 5], b: [3, 5] }, // below the size oneDNN takes: wasm's kernel
];
for (const [i, c] of BINARIES.entries()) {
  for (const op of ["add", "sub", "mul"] as const) {
    Deno.test({
      name: `onednn element-wise ${op} matches cpu: [${c.a}] ${op} [${c.b}]`,
      ...ONEDNN_ONLY,
      fn: async () => {
        const av = normals(c.a.reduce((x, y) => x * y), 270 + i);
        const bv = normals(c.b.reduce((x, y) => x * y), 280 + i);
        const run = () => [tf[op](tf.tensor(av, c.a), tf.tensor(bv, c.b))];
        const ref = await valuesOn("cpu", run);
        const ours = await valuesOn("onednn", run);
        assertEquals(ours, ref);
      },
    });
  }
}
