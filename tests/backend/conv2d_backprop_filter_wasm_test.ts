import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import {
  conv2DBackpropFilterImpl,
  FILTER_GRADIENT_METHODS,
  type FilterGradientMethod,
  WIDTH_AS_CHANNELS_MIN_WIDTH,
} from "../../lib/backend/conv2d_backprop_filter_wasm.ts";
import {
  caseName,
  CONV_CASES,
  type ConvCase,
  normals,
  outShape,
  relErr,
  valuesOn,
} from "./_conv_cases.ts";

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
    // Each layout on its own ("auto" picks one per shape), on wasm and on cpu
    // (where the widthAsChannels input is built on the host).
    for (const method of FILTER_GRADIENT_METHODS) {
      for (const backend of ["wasm", "cpu"]) {
        const n0 = tf.memory().numTensors;
        const [v] = await valuesOn(backend, () => [
          conv2DBackpropFilterImpl(tf.tensor4d(xv, c.x), tf.tensor4d(dyv, dyShape), c.filter, {
            strides: c.strides,
            pad: c.pad,
          }, { method }),
        ]);
        assertEquals(tf.memory().numTensors, n0, `${method} on ${backend} leaked tensors`);
        const e = relErr(v, ref);
        assert(e < 1e-5, `${method} on ${backend}: relative error ${e}`);
      }
    }
  });
}

// ResNet-8 layer shapes (batch cut to 2–4) where "auto" takes widthAsChannels,
// with PyTorch-style padding as lib/models uses it.
const WIDE_CASES: ConvCase[] = [
  { x: [4, 16, 16, 3], filter: [3, 3, 3, 16], strides: [1, 1], pad: 1 },
  { x: [4, 16, 16, 16], filter: [3, 3, 16, 16], strides: [1, 1], pad: 1 },
  { x: [2, 32, 32, 16], filter: [3, 3, 16, 32], strides: [2, 2], pad: 1 },
  { x: [2, 33, 34, 8], filter: [3, 3, 8, 8], strides: [2, 2], pad: 1 },
];
for (const [i, c] of WIDE_CASES.entries()) {
  Deno.test(`Conv2DBackpropFilter widthAsChannels matches cpu: ${caseName(c)}`, async () => {
    const xv = normals(c.x.reduce((a, b) => a * b), 300 + i);
    const dyShape = outShape(c);
    assert(dyShape[2] >= WIDTH_AS_CHANNELS_MIN_WIDTH, "case must take the widthAsChannels path");
    const dyv = normals(dyShape.reduce((a, b) => a * b), 400 + i);
    const run = () => [
      tf.engine().runKernel("Conv2DBackpropFilter", {
        x: tf.tensor4d(xv, c.x),
        dy: tf.tensor4d(dyv, dyShape),
      }, {
        strides: c.strides,
        pad: c.pad,
        dataFormat: "NHWC",
        filterShape: c.filter,
      }) as tf.Tensor,
    ];
    const [ref] = await valuesOn("cpu", run);
    const [ours] = await valuesOn("wasm", run);
    const err = relErr(ours, ref);
    assert(err < 1e-5, `relative error ${err}`);
  });
}

Deno.test("conv2DBackpropFilterImpl rejects an unknown method, naming the valid ones", async () => {
  await tf.setBackend("wasm");
  const x = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
  const dy = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
  assertThrows(
    () =>
      conv2DBackpropFilterImpl(x, dy, [3, 3, 2, 3], { strides: 1, pad: "same" }, {
        method: "im2col" as FilterGradientMethod,
      }),
    Error,
    "batchAsChannels",
  );
  tf.dispose([x, dy]);
});

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
