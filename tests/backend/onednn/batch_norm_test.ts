import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { batchNormTrain } from "../../../lib/backend/batch_norm.ts";
import { ONEDNN_CUSTOM_KERNELS } from "../../../lib/backend/onednn/register_onednn.ts";
import { normals, relErr, valuesOn } from "../_conv_cases.ts";
import { ONEDNN_ONLY } from "./_onednn.ts";

const CASES: [number, number, number, number][] = [
  [4, 5, 3, 6],
  [1, 7, 5, 3],
  [8, 2, 2, 16],
  [16, 8, 8, 32],
  [8, 16, 16, 16],
];

// x with a non-zero mean and non-unit scale (3·N(0,1) + 1.5), as after a convolution.
for (const [i, shape] of CASES.entries()) {
  for (const relu of [false, true]) {
    Deno.test({
      name: `onednn training batch norm${relu ? " + ReLU" : ""} matches cpu, x [${shape}]`,
      ...ONEDNN_ONLY,
      fn: async () => {
        const n = shape.reduce((a, b) => a * b);
        const c = shape[3];
        const xv = normals(n, 100 + i).map((v) => 3 * v + 1.5);
        const gv = normals(c, 110 + i).map((v) => 1 + 0.5 * v);
        const bv = normals(c, 120 + i).map((v) => 0.5 * v);
        const wv = normals(n, 130 + i);
        const run = () => {
          const [x, g, b] = [tf.tensor4d(xv, shape), tf.tensor1d(gv), tf.tensor1d(bv)];
          const w = tf.tensor4d(wv, shape);
          const f = (a: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) =>
            batchNormTrain(a as tf.Tensor4D, gg as tf.Tensor1D, bb as tf.Tensor1D, 1e-5, { relu });
          const out = f(x, g, b);
          const loss = (a: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) =>
            tf.sum(tf.mul(f(a, gg, bb).y, w));
          return [out.y, out.mean, out.variance, ...tf.grads(loss)([x, g, b])];
        };
        const ref = await valuesOn("cpu", run);
        const before = tf.memory().numTensors;
        const ours = await valuesOn("onednn", run);
        assertEquals(tf.memory().numTensors, before, "tensors leaked");
        for (const [k, name] of ["y", "mean", "variance", "dx", "dgamma", "dbeta"].entries()) {
          const e = relErr(ours[k], ref[k]);
          assert(e < 1e-5, `${name}: relative error ${e}`);
        }
      },
    });
  }
}

Deno.test({
  name: "onednn inference batch norm (FusedBatchNorm, and with ReLU) matches cpu",
  ...ONEDNN_ONLY,
  fn: async () => {
    const shape: [number, number, number, number] = [4, 6, 6, 8];
    const xv = normals(4 * 6 * 6 * 8, 140).map((v) => 2 * v + 0.5);
    const [mv, vv, gv, bv] = [141, 142, 143, 144].map((s) => normals(8, s));
    const inputs = () => ({
      x: tf.tensor4d(xv, shape),
      mean: tf.tensor1d(mv),
      variance: tf.tensor1d(vv.map((v) => 1 + v * v)),
      scale: tf.tensor1d(gv),
      shift: tf.tensor1d(bv),
    });
    const plain = () => {
      const t = inputs();
      return [tf.batchNorm4d(t.x, t.mean, t.variance, t.shift, t.scale, 1e-5)];
    };
    const [ref] = await valuesOn("cpu", plain);
    const [ours] = await valuesOn("onednn", plain);
    assert(relErr(ours, ref) < 1e-5, `FusedBatchNorm: relative error ${relErr(ours, ref)}`);
    const [fused] = await valuesOn("onednn", () => [
      tf.engine().runKernel(ONEDNN_CUSTOM_KERNELS.batchNormRelu, inputs(), {
        epsilon: 1e-5,
      }) as tf.Tensor,
    ]);
    const refRelu = ref.map((v) => Math.max(v, 0));
    assert(relErr(fused, refRelu) < 1e-5, `with ReLU: relative error ${relErr(fused, refRelu)}`);
  },
});
