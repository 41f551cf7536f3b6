import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import {
  conv2DBackpropInputImpl,
  INPUT_GRADIENT_METHODS,
  type InputGradientMethod,
} from "../../lib/backend/conv2d_backprop_input_wasm.ts";
import { caseName, CONV_CASES, normals, outShape, relErr, valuesOn } from "./_conv_cases.ts";

await initBackend({ backend: "wasm", threads: 1 });

// Norm-wise relative error ‖wasm − cpu‖₂ / ‖cpu‖₂ < 1e-5 for every case.
for (const [i, c] of CONV_CASES.entries()) {
  Deno.test(`Conv2DBackpropInput on wasm matches cpu: ${caseName(c)}`, async () => {
    const wv = normals(c.filter.reduce((a, b) => a * b), 300 + i);
    const dyShape = outShape(c);
    const dyv = normals(dyShape.reduce((a, b) => a * b), 400 + i);
    const run = () => {
      const filter = tf.tensor4d(wv, c.filter);
      const dy = tf.tensor4d(dyv, dyShape);
      return [
        tf.engine().runKernel("Conv2DBackpropInput", { dy, filter }, {
          strides: c.strides,
          pad: c.pad,
          dataFormat: "NHWC",
          inputShape: c.x,
        }) as tf.Tensor,
      ];
    };
    const [ref] = await valuesOn("cpu", run);
    const before = tf.memory().numTensors;
    const [ours] = await valuesOn("wasm", run);
    assertEquals(tf.memory().numTensors, before, "tensors leaked");
    const err = relErr(ours, ref);
    assert(err < 1e-5, `relative error ${err}`);
    // Each method on its own ("auto" is perPhase).
    for (const method of INPUT_GRADIENT_METHODS) {
      const n0 = tf.memory().numTensors;
      const [v] = await valuesOn("wasm", () => [
        conv2DBackpropInputImpl(tf.tensor4d(dyv, dyShape), tf.tensor4d(wv, c.filter), c.x, {
          strides: c.strides,
          pad: c.pad,
        }, { method }),
      ]);
      assertEquals(tf.memory().numTensors, n0, `${method} leaked tensors`);
      const e = relErr(v, ref);
      assert(e < 1e-5, `${method}: relative error ${e}`);
    }
  });
}

Deno.test("conv2DBackpropInputImpl rejects an unknown method, naming the valid ones", async () => {
  await tf.setBackend("wasm");
  const dy = tf.zeros([1, 2, 2, 3]) as tf.Tensor4D;
  const w = tf.zeros([3, 3, 2, 3]) as tf.Tensor4D;
  assertThrows(
    () =>
      conv2DBackpropInputImpl(dy, w, [1, 4, 4, 2], { strides: 2, pad: "same" }, {
        method: "zeroInsert" as InputGradientMethod,
      }),
    Error,
    "perPhase",
  );
  tf.dispose([dy, w]);
});

// End to end through autodiff: tf.grads of a conv dispatches to both kernels.
for (const [i, c] of CONV_CASES.filter((_, j) => j % 3 === 0).entries()) {
  Deno.test(`conv2d gradients (dx, dw) on wasm match cpu: ${caseName(c)}`, async () => {
    const xv = normals(c.x.reduce((a, b) => a * b), 500 + i);
    const wv = normals(c.filter.reduce((a, b) => a * b), 600 + i);
    const gv = normals(outShape(c).reduce((a, b) => a * b), 700 + i);
    const run = () => {
      const x = tf.tensor4d(xv, c.x);
      const w = tf.tensor4d(wv, c.filter);
      const g = tf.tensor4d(gv, outShape(c));
      const f = (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), g));
      return tf.grads(f)([x, w]);
    };
    const ref = await valuesOn("cpu", run);
    const ours = await valuesOn("wasm", run);
    for (const k of [0, 1]) {
      const err = relErr(ours[k], ref[k]);
      assert(err < 1e-5, `${k === 0 ? "dx" : "dw"} relative error ${err}`);
    }
  });
}
