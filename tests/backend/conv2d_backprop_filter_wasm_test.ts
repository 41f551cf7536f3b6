import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import { conv2DBackpropFilterImpl } from "../../lib/backend/conv2d_backprop_filter_wasm.ts";
import { caseName, CONV_CASES, normals, outShape, relErr, valuesOn } from "./_conv_cases.ts";

await initBackend({ backend: "wasm", threads: 1 });

// Norm-wise relative error ‖wasm − cpu‖₂ / ‖cpu‖₂ < 1e-5 for every case.
for (const [i, c] of CONV_CASES.entries()) {
  Deno.test(`Conv2DBackpropFilter on wasm matches cpu: ${caseName(c)}`, async () => {
    const xv = normals(c.x.reduce((a, b) => a * b), 100 + i);
    const dyShape = outShape(c);
    const dyv = normals(dyShape.reduce((a, b) => a * b), 200 + i);
    const run = () => {
      const x = tf.tensor4d(xv, c.x);
      const dy = tf.tensor4d(dyv, dyShape);
      return [
        tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, {
          strides: c.strides,
          pad: c.pad,
          dataFormat: "NHWC",
          filterShape: c.filter,
        }) as tf.Tensor,
      ];
    };
    const [ref] = await valuesOn("cpu", run);
    const before = tf.memory().numTensors;
    const [ours] = await valuesOn("wasm", run);
    assertEquals(tf.memory().numTensors, before, "tensors leaked");
    const err = relErr(ours, ref);
    assert(err < 1e-5, `relative error ${err}`);
  });
}

Deno.test("conv2DBackpropFilterImpl rejects NCHW with a clear error", async () => {
  await tf.setBackend("wasm");
  const x = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
  const dy = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
  assertThrows(
    () =>
      conv2DBackpropFilterImpl(x, dy, [3, 3, 2, 3], {
        strides: 1,
        pad: "same",
        dataFormat: "NCHW",
      }),
    Error,
    "NCHW",
  );
  tf.dispose([x, dy]);
});
