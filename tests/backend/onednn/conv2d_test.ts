import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import {
  caseName,
  CONV_CASES,
  type ConvCase,
  normals,
  outShape,
  relErr,
  valuesOn,
} from "../_conv_cases.ts";
import { ONEDNN_ONLY } from "./_onednn.ts";

// Forward, dx and dW through tf.grads of a weighted sum, on onednn vs cpu:
// norm-wise relative error < 1e-5 for every case of the wasm kernels' table.
for (const [i, c] of CONV_CASES.entries()) {
  Deno.test({
    name: `onednn convolution and its gradients match cpu: ${caseName(c)}`,
    ...ONEDNN_ONLY,
    fn: async () => {
      const xv = normals(c.x.reduce((a, b) => a * b), 10 + i);
      const wv = normals(c.filter.reduce((a, b) => a * b), 20 + i);
      const rv = normals(outShape(c).reduce((a, b) => a * b), 30 + i);
      const run = () => {
        const x = tf.tensor4d(xv, c.x);
        const w = tf.tensor4d(wv, c.filter);
        const r = tf.tensor4d(rv, outShape(c));
        const conv = (a: tf.Tensor, b: tf.Tensor) =>
          tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
        const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), r));
        return [conv(x, w), ...tf.grads(loss)([x, w])];
      };
      const ref = await valuesOn("cpu", run);
      const before = tf.memory().numTensors;
      const ours = await valuesOn("onednn", run);
      assertEquals(tf.memory().numTensors, before, "tensors leaked");
      for (const [k, name] of ["y", "dx", "dW"].entries()) {
        const e = relErr(ours[k], ref[k]);
        assert(e < 1e-5, `${name}: relative error ${e}`);
      }
    },
  });
}

// Dilated and non-square forward convolutions (tfjs has no gradient for dilation > 1).
const DILATED: (ConvCase & { dilations: [number, number] })[] = [
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: "same", dilations: [2, 2] },
  { x: [2, 11, 8, 2], filter: [3, 2, 2, 5], strides: [1, 1], pad: "valid", dilations: [3, 2] },
];
for (const [i, c] of DILATED.entries()) {
  Deno.test({
    name: `onednn dilated convolution matches cpu: ${caseName(c)} d[${c.dilations}]`,
    ...ONEDNN_ONLY,
    fn: async () => {
      const xv = normals(c.x.reduce((a, b) => a * b), 40 + i);
      const wv = normals(c.filter.reduce((a, b) => a * b), 50 + i);
      const run = () => [
        tf.conv2d(
          tf.tensor4d(xv, c.x),
          tf.tensor4d(wv, c.filter),
          c.strides,
          c.pad as "same",
          "NHWC",
          c.dilations,
        ),
      ];
      const [ref] = await valuesOn("cpu", run);
      const [ours] = await valuesOn("onednn", run);
      assert(relErr(ours, ref) < 1e-5, `relative error ${relErr(ours, ref)}`);
    },
  });
}

Deno.test({
  name: "onednn fused convolution (bias, ReLU) matches cpu; other activations fall back",
  ...ONEDNN_ONLY,
  fn: async () => {
    const xv = normals(2 * 8 * 8 * 4, 60);
    const wv = normals(3 * 3 * 4 * 6, 61);
    const bv = normals(6, 62);
    for (const activation of ["linear", "relu", "elu"] as const) {
      const run = () => [
        tf.fused.conv2d({
          x: tf.tensor4d(xv, [2, 8, 8, 4]),
          filter: tf.tensor4d(wv, [3, 3, 4, 6]),
          strides: 1,
          pad: 1,
          bias: tf.tensor1d(bv),
          activation,
        }),
      ];
      const [ref] = await valuesOn("cpu", run);
      const [ours] = await valuesOn("onednn", run);
      assert(relErr(ours, ref) < 1e-5, `${activation}: relative error ${relErr(ours, ref)}`);
    }
  },
});

Deno.test({
  name: "onednn convolution is bit-identical run to run",
  ...ONEDNN_ONLY,
  fn: async () => {
    const c = CONV_CASES[20];
    const run = () => {
      const x = tf.tensor4d(normals(c.x.reduce((a, b) => a * b), 70), c.x);
      const w = tf.tensor4d(normals(c.filter.reduce((a, b) => a * b), 71), c.filter);
      const f = (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad)));
      return tf.grads(f)([x, w]);
    };
    const a = await valuesOn("onednn", run);
    const b = await valuesOn("onednn", run);
    assertEquals(a, b);
  },
});
