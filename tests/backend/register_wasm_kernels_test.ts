import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import { registerWasmKernels, WASM_KERNELS } from "../../lib/backend/register_wasm_kernels.ts";
import { batchNormTrain } from "../../lib/backend/batch_norm.ts";
import { normals, relErr, valuesOn } from "./_conv_cases.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("registerWasmKernels registers every kernel of WASM_KERNELS for wasm, idempotently", () => {
  const names = registerWasmKernels();
  assertEquals(names.sort(), Object.keys(WASM_KERNELS).sort());
  for (const name of names) {
    assertStrictEquals(tf.getKernel(name, "wasm"), WASM_KERNELS[name]);
    assertEquals(WASM_KERNELS[name].backendName, "wasm");
    assertEquals(WASM_KERNELS[name].kernelName, name);
  }
  registerWasmKernels();
  for (const name of names) assertStrictEquals(tf.getKernel(name, "wasm"), WASM_KERNELS[name]);
});

/** A tiny conv net: stride-1, depthwise, stride-2 and 1×1 stride-2 convs, batch norm, dense head. */
function makeNet() {
  const shapes: Record<string, number[]> = {
    c1: [3, 3, 3, 8],
    d: [3, 3, 8, 1],
    c2: [3, 2, 8, 8],
    c3: [1, 1, 8, 6],
    g: [8],
    b: [8],
    w: [6, 5],
  };
  const vars = Object.fromEntries(
    Object.entries(shapes).map(([k, s], i) => [
      k,
      tf.variable(tf.tensor(normals(s.reduce((a, b) => a * b), 10 + i), s).mul(0.3)),
    ]),
  ) as Record<string, tf.Variable>;
  const forward = (x: tf.Tensor4D) => {
    let h = tf.relu(tf.conv2d(x, vars.c1 as tf.Tensor4D, 1, "same")); // [B, 7, 6, 8]
    h = tf.depthwiseConv2d(h, vars.d as tf.Tensor4D, [2, 2], "same"); // [B, 4, 3, 8]
    // Explicit padding: tfjs mis-sizes numeric padding with non-square filters.
    h = tf.conv2d(h, vars.c2 as tf.Tensor4D, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]); // [B, 4, 4, 8]
    h = tf.relu(batchNormTrain(h, vars.g as tf.Tensor1D, vars.b as tf.Tensor1D, 1e-5).y);
    h = tf.conv2d(h, vars.c3 as tf.Tensor4D, 2, "valid"); // [B, 2, 2, 6]
    return tf.matMul(tf.mean(h, [1, 2]), vars.w as tf.Tensor2D); // [B, 5]
  };
  return { vars, forward };
}

Deno.test("a tiny conv net's gradients on wasm match cpu", async () => {
  const xv = normals(4 * 7 * 6 * 3, 1);
  const run = () => {
    const { vars, forward } = makeNet();
    const x = tf.tensor4d(xv, [4, 7, 6, 3]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(forward(x))));
    const out = Object.values(vars).map((v) => grads[v.name]);
    tf.dispose(Object.values(vars));
    return out;
  };
  const ref = await valuesOn("cpu", run);
  const ours = await valuesOn("wasm", run);
  for (const i of ref.keys()) assert(relErr(ours[i], ref[i]) < 1e-5, `gradient ${i}`);
});

Deno.test("SGD steps of a tiny conv net on wasm leak no tensors", async () => {
  await tf.setBackend("wasm");
  const { vars, forward } = makeNet();
  const x = tf.tensor4d(normals(4 * 7 * 6 * 3, 2), [4, 7, 6, 3]);
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 3], "int32"), 5);
  const optimizer = tf.train.sgd(0.1);
  const loss = () => tf.losses.softmaxCrossEntropy(labels, forward(x)) as tf.Scalar;
  let last = optimizer.minimize(loss, true)!;
  const firstLoss = last.dataSync()[0];
  const before = tf.memory().numTensors;
  for (let step = 0; step < 5; step++) {
    last.dispose();
    last = optimizer.minimize(loss, true)!;
    assertEquals(tf.memory().numTensors, before, `tensors after step ${step + 2}`);
  }
  assert(last.dataSync()[0] < firstLoss, "the loss went down");
  tf.dispose([last, x, labels, ...Object.values(vars)]);
  optimizer.dispose();
});
