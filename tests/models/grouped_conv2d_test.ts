import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { groupedConv2d } from "../../lib/models/grouped_conv2d.ts";
import { Rng } from "../../lib/random/mod.ts";

await tf.setBackend("cpu");

/** Naive float64 grouped convolution, NHWC input, [kh, kw, in/g, out] kernel, symmetric zero padding. */
function naiveGroupedConv(
  x: Float64Array,
  [b, h, w, cin]: number[],
  k: Float64Array,
  [kh, kw, cinG, cout]: number[],
  groups: number,
  stride: number,
  pad: number,
): { values: Float64Array; shape: number[] } {
  const ho = Math.floor((h + 2 * pad - kh) / stride) + 1;
  const wo = Math.floor((w + 2 * pad - kw) / stride) + 1;
  const coutG = cout / groups;
  const out = new Float64Array(b * ho * wo * cout);
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < ho; i++) {
      for (let j = 0; j < wo; j++) {
        for (let o = 0; o < cout; o++) {
          const g = Math.floor(o / coutG);
          let s = 0;
          for (let di = 0; di < kh; di++) {
            for (let dj = 0; dj < kw; dj++) {
              const yi = i * stride + di - pad, xj = j * stride + dj - pad;
              if (yi < 0 || yi >= h || xj < 0 || xj >= w) continue;
              for (let c = 0; c < cinG; c++) {
                const xc = g * cinG + c;
                s += x[((n * h + yi) * w + xj) * cin + xc] *
                  k[((di * kw + dj) * cinG + c) * cout + o];
              }
            }
          }
          out[((n * ho + i) * wo + j) * cout + o] = s;
        }
      }
    }
  }
  return { values: out, shape: [b, ho, wo, cout] };
}

function randomArray(n: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

Deno.test("groupedConv2d: matches a naive float64 reference (groups 1, 2, 4; stride 1, 2; pad 0, 1)", () => {
  const rng = new Rng(3);
  for (const [groups, stride, pad] of [[1, 1, 1], [2, 1, 1], [4, 2, 1], [2, 2, 0]]) {
    const xShape = [2, 5, 5, 8];
    const kShape = [3, 3, 8 / groups, 4];
    const x = randomArray(2 * 5 * 5 * 8, rng);
    const k = randomArray(9 * (8 / groups) * 4, rng);
    const ref = naiveGroupedConv(x, xShape, k, kShape, groups, stride, pad);
    const xt = tf.tensor4d(Float32Array.from(x), xShape as [number, number, number, number]);
    const kt = tf.tensor4d(Float32Array.from(k), kShape as [number, number, number, number]);
    const before = tf.memory().numTensors;
    const y = groupedConv2d(xt, kt, { groups, stride, pad });
    assertEquals(tf.memory().numTensors, before + 1);
    assertEquals(y.shape, ref.shape);
    const got = y.dataSync();
    ref.values.forEach((v, i) => assertAlmostEquals(got[i], v, 1e-4));
    tf.dispose([xt, kt, y]);
  }
});

Deno.test("groupedConv2d: gradients equal those of the dense block-diagonal conv", () => {
  const rng = new Rng(5);
  const groups = 2;
  const x = tf.tensor4d(Float32Array.from(randomArray(1 * 4 * 4 * 4, rng)), [1, 4, 4, 4]);
  const k = tf.tensor4d(Float32Array.from(randomArray(3 * 3 * 2 * 6, rng)), [3, 3, 2, 6]);
  // Dense kernel [3, 3, 4, 6] that is zero outside the diagonal blocks.
  const mask = tf.tensor4d(
    Float32Array.from({ length: 3 * 3 * 4 * 6 }, (_, i) => {
      const o = i % 6, c = Math.floor(i / 6) % 4;
      return Math.floor(c / 2) === Math.floor(o / 3) ? 1 : 0;
    }),
    [3, 3, 4, 6],
  );
  const toDense = (kk: tf.Tensor) => tf.mul(tf.tile(kk, [1, 1, 2, 1]), mask) as tf.Tensor4D;
  const f1 = (xx: tf.Tensor, kk: tf.Tensor) =>
    tf.sum(tf.square(groupedConv2d(xx as tf.Tensor4D, kk as tf.Tensor4D, { groups, pad: 1 })));
  const f2 = (xx: tf.Tensor, kk: tf.Tensor) =>
    tf.sum(tf.square(tf.conv2d(xx as tf.Tensor4D, toDense(kk), 1, 1)));
  const [gx1, gk1] = tf.grads(f1)([x, k]);
  const [gx2, gk2] = tf.grads(f2)([x, k]);
  const a = [...gx1.dataSync(), ...gk1.dataSync()], b = [...gx2.dataSync(), ...gk2.dataSync()];
  a.forEach((v, i) => assertAlmostEquals(v, b[i], 1e-3));
  tf.dispose([x, k, mask, gx1, gk1, gx2, gk2]);
});

Deno.test("groupedConv2d: rejects channel counts that do not divide", () => {
  const x = tf.zeros([1, 3, 3, 6]) as tf.Tensor4D;
  const k = tf.zeros([3, 3, 2, 4]) as tf.Tensor4D;
  assertThrows(() => groupedConv2d(x, k, { groups: 4 }), Error, "must both divide by it");
  assertThrows(() => groupedConv2d(x, k, { groups: 2 }), Error, "2 input channels per group");
  tf.dispose([x, k]);
});
