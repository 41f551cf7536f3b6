import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import { depthwiseConv2DBackpropInputImpl } from "../../lib/backend/depthwise_conv2d_backprop_wasm.ts";
import { normals, relErr, valuesOn } from "./_conv_cases.ts";

await initBackend({ backend: "wasm", threads: 1 });

interface DwCase {
  x: [number, number, number, number];
  filter: [number, number, number, number]; // [KH, KW, C, multiplier]
  strides: [number, number];
  pad: "same" | "valid" | [[number, number], [number, number], [number, number], [number, number]];
}

const shapes: Array<Pick<DwCase, "x" | "filter">> = [
  { x: [2, 7, 5, 3], filter: [3, 3, 3, 1] },
  { x: [1, 7, 5, 4], filter: [1, 1, 4, 2] },
  { x: [3, 6, 8, 2], filter: [3, 2, 2, 2] },
  { x: [2, 5, 7, 4], filter: [1, 3, 4, 1] },
];
const CASES: DwCase[] = [
  ...shapes.flatMap((s) =>
    ([[1, 1], [2, 2], [3, 3], [2, 1]] as [number, number][]).flatMap((strides) =>
      (["same", "valid"] as const).map((pad) => ({ ...s, strides, pad }))
    )
  ),
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 2], strides: [2, 2], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
];

const name = (c: DwCase) =>
  `x[${c.x}] w[${c.filter}] s[${c.strides}] ${
    typeof c.pad === "string" ? c.pad : JSON.stringify(c.pad)
  }`;
const dyShape = (c: DwCase) =>
  tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad, undefined, true)
    .outShape as [number, number, number, number];

// Norm-wise relative error ‖wasm − cpu‖₂ / ‖cpu‖₂ < 1e-5 for every case.
for (const [i, c] of CASES.entries()) {
  Deno.test(`depthwise backprop (input and filter) on wasm match cpu: ${name(c)}`, async () => {
    const xv = normals(c.x.reduce((a, b) => a * b), 800 + i);
    const wv = normals(c.filter.reduce((a, b) => a * b), 900 + i);
    const gv = normals(dyShape(c).reduce((a, b) => a * b), 1000 + i);
    const run = () => {
      const x = tf.tensor4d(xv, c.x);
      const filter = tf.tensor4d(wv, c.filter);
      const dy = tf.tensor4d(gv, dyShape(c));
      const attrs = { strides: c.strides, pad: c.pad, dilations: [1, 1] };
      return [
        tf.engine().runKernel("DepthwiseConv2dNativeBackpropInput", { dy, filter }, {
          ...attrs,
          inputShape: c.x,
        }) as tf.Tensor,
        tf.engine().runKernel("DepthwiseConv2dNativeBackpropFilter", { x, dy }, {
          ...attrs,
          filterShape: c.filter,
        }) as tf.Tensor,
      ];
    };
    const ref = await valuesOn("cpu", run);
    const before = tf.memory().numTensors;
    const ours = await valuesOn("wasm", run);
    assertEquals(tf.memory().numTensors, before, "tensors leaked");
    for (const k of [0, 1]) {
      const err = relErr(ours[k], ref[k]);
      assert(err < 1e-5, `${k === 0 ? "dx" : "dw"} relative error ${err}`);
    }
  });
}

Deno.test("depthwise backprop rejects dilations other than 1", async () => {
  await tf.setBackend("wasm");
  const dy = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
  const filter = tf.zeros([3, 3, 2, 1]) as tf.Tensor4D;
  assertThrows(
    () =>
      depthwiseConv2DBackpropInputImpl(dy, filter, [1, 4, 4, 2], {
        strides: 1,
        pad: "same",
        dilations: 2,
      }),
    Error,
    "dilations",
  );
  tf.dispose([dy, filter]);
});
