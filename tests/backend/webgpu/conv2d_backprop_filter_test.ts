import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import type { WebGPUBackend } from "@tensorflow/tfjs-backend-webgpu";
import {
  chooseSlices,
  conv2dBackpropFilterWebgpu,
} from "../../../lib/backend/webgpu/conv2d_backprop_filter.ts";
import { relErr, runOn, skipReason } from "./_webgpu_test_setup.ts";

type Shape4 = [number, number, number, number];
interface Case {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: [number, number];
  pad: "same" | "valid";
}

/** 1x1, 3x3 and non-square filters; strides 1 and 2; same and valid; batch 1 and more. */
const CASES: Case[] = [
  { name: "1x1 s1 valid b1", x: [1, 5, 5, 3], filter: [1, 1, 3, 4], strides: [1, 1], pad: "valid" },
  { name: "1x1 s2 same b3", x: [3, 8, 8, 4], filter: [1, 1, 4, 6], strides: [2, 2], pad: "same" },
  { name: "3x3 s1 same b2", x: [2, 7, 7, 3], filter: [3, 3, 3, 5], strides: [1, 1], pad: "same" },
  { name: "3x3 s2 same b4", x: [4, 9, 9, 4], filter: [3, 3, 4, 8], strides: [2, 2], pad: "same" },
  { name: "3x3 s2 valid b1", x: [1, 8, 8, 2], filter: [3, 3, 2, 3], strides: [2, 2], pad: "valid" },
  { name: "3x2 s1 valid b2", x: [2, 6, 7, 3], filter: [3, 2, 3, 4], strides: [1, 1], pad: "valid" },
  {
    name: "2x3 s(2,1) same b2",
    x: [2, 7, 6, 2],
    filter: [2, 3, 2, 5],
    strides: [2, 1],
    pad: "same",
  },
  // 2048 reduction rows: split into several slices, summed by the second dispatch.
  {
    name: "3x3 s1 same b8 sliced",
    x: [8, 16, 16, 4],
    filter: [3, 3, 4, 8],
    strides: [1, 1],
    pad: "same",
  },
];

function values(n: number, seed: number): Float32Array {
  // Deterministic, sign-varying values without ambient randomness.
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.sin(seed * 12.9898 + i * 78.233) * 1.5;
  return v;
}

function outShape(c: Case): Shape4 {
  const [b, h, w] = c.x;
  const [sh, sw] = c.strides;
  const oh = c.pad === "same" ? Math.ceil(h / sh) : Math.floor((h - c.filter[0]) / sh) + 1;
  const ow = c.pad === "same" ? Math.ceil(w / sw) : Math.floor((w - c.filter[1]) / sw) + 1;
  return [b, oh, ow, c.filter[3]];
}

function backpropFilter(c: Case, x: Float32Array, dy: Float32Array): tf.Tensor {
  return tf.engine().runKernel("Conv2DBackpropFilter", {
    x: tf.tensor4d(x, c.x),
    dy: tf.tensor4d(dy, outShape(c)),
  }, { strides: c.strides, pad: c.pad, dataFormat: "NHWC", filterShape: c.filter }) as tf.Tensor;
}

Deno.test("chooseSlices returns a divisor of the rows that keeps each slice large enough", () => {
  assertEquals(chooseSlices(100, 1), 1); // fewer rows than one slice's minimum
  assertEquals(chooseSlices(2048, 2), 8); // 2048 / 256
  assertEquals(chooseSlices(65536, 36), 16); // largest divisor of 2^16 not above ceil(1024/36) = 29
  for (const [rows, tiles] of [[262144, 5], [65536, 36], [16384, 36], [3 * 1024, 2], [999, 1]]) {
    const s = chooseSlices(rows, tiles);
    assertEquals(rows % s, 0, `rows ${rows} tiles ${tiles} gave ${s}`);
    assert(s === 1 || rows / s >= 256, `rows ${rows} tiles ${tiles} gave ${s}`);
    assert(s * tiles <= 1024 + tiles, `rows ${rows} tiles ${tiles} gave ${s}`);
  }
  assert(chooseSlices(262144, 5) > 100, "a small filter over many rows is split widely");
});

for (const c of CASES) {
  Deno.test({
    name: `Conv2DBackpropFilter on webgpu matches cpu: ${c.name}`,
    ignore: skipReason !== null,
    fn: async () => {
      const x = values(c.x.reduce((a, b) => a * b), 1);
      const dy = values(outShape(c).reduce((a, b) => a * b), 2);
      const want = await runOn("cpu", () => backpropFilter(c, x, dy));
      const { registerWebgpuKernels } = await import("../../../lib/backend/webgpu/mod.ts");
      registerWebgpuKernels();
      const got = await runOn("webgpu", () => backpropFilter(c, x, dy));
      assertEquals(got.shape, c.filter);
      const err = relErr(got.values, want.values);
      assert(err < 1e-5, `relative error ${err} for ${c.name}`);
    },
  });
}

Deno.test({
  name: "conv2dBackpropFilterWebgpu chunks the batch when the patch matrix exceeds the limit",
  ignore: skipReason !== null,
  fn: async () => {
    const c = CASES[3]; // 3x3 s2 same, batch 4: 25 pixels · 36 taps · 4 bytes per image
    const x = values(c.x.reduce((a, b) => a * b), 3);
    const dy = values(outShape(c).reduce((a, b) => a * b), 4);
    const want = await runOn("cpu", () => backpropFilter(c, x, dy));
    await tf.setBackend("webgpu");
    const backend = tf.backend() as WebGPUBackend;
    const xt = tf.tensor4d(x, c.x);
    const dyt = tf.tensor4d(dy, outShape(c));
    const before = tf.memory().numTensors;
    const dataIdsBefore = backend.numDataIds();
    const info = conv2dBackpropFilterWebgpu({
      inputs: { x: xt, dy: dyt },
      backend,
      attrs: { strides: c.strides, pad: c.pad, dataFormat: "NHWC", filterShape: c.filter },
    }, { maxPatchBytes: 25 * 36 * 4 * 3 }); // 3 images per chunk: chunks of 3 and 1
    if (info === null) throw new Error("the kernel declined an NHWC case");
    assertEquals(backend.numDataIds(), dataIdsBefore + 1, "only the result stays allocated");
    const got = tf.engine().makeTensorFromTensorInfo(info);
    const err = relErr((await got.data()) as Float32Array, want.values);
    assert(err < 1e-5, `relative error ${err}`);
    tf.dispose([got, xt, dyt]);
    assertEquals(tf.memory().numTensors, before - 2);
  },
});

Deno.test({
  name: "conv2dBackpropFilterWebgpu declines NCHW so the caller can fall back",
  ignore: skipReason !== null,
  fn: async () => {
    await tf.setBackend("webgpu");
    const x = tf.zeros([1, 2, 4, 4]);
    const dy = tf.zeros([1, 3, 4, 4]);
    const out = conv2dBackpropFilterWebgpu({
      inputs: { x, dy },
      backend: tf.backend() as WebGPUBackend,
      attrs: { strides: 1, pad: "same", dataFormat: "NCHW", filterShape: [3, 3, 2, 3] },
    });
    assertEquals(out, null);
    tf.dispose([x, dy]);
  },
});
