import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotStrictEquals, assertStrictEquals } from "@std/assert";
import {
  registerWebgpuKernels,
  unregisterWebgpuKernels,
} from "../../../lib/backend/webgpu/register_webgpu_kernels.ts";
import { relErr, runOn, skipReason } from "./_webgpu_test_setup.ts";

Deno.test("registerWebgpuKernels replaces Conv2DBackpropFilter, idempotently, and can be undone", () => {
  const stock = tf.getKernel("Conv2DBackpropFilter", "webgpu");
  assert(stock !== undefined, "tfjs-backend-webgpu registers its kernels on import");
  assertEquals(registerWebgpuKernels(), ["Conv2DBackpropFilter"]);
  const ours = tf.getKernel("Conv2DBackpropFilter", "webgpu");
  assertNotStrictEquals(ours!.kernelFunc, stock.kernelFunc);
  assertEquals(registerWebgpuKernels(), ["Conv2DBackpropFilter"]);
  assertStrictEquals(tf.getKernel("Conv2DBackpropFilter", "webgpu")!.kernelFunc, ours!.kernelFunc);
  unregisterWebgpuKernels();
  assertStrictEquals(tf.getKernel("Conv2DBackpropFilter", "webgpu")!.kernelFunc, stock.kernelFunc);
});

Deno.test({
  name: "conv2d filter gradients through tf.grads on webgpu match cpu with the kernels registered",
  ignore: skipReason !== null,
  fn: async () => {
    const xv = new Float32Array(2 * 6 * 6 * 3).map((_, i) => Math.cos(i * 0.37));
    const wv = new Float32Array(3 * 3 * 3 * 4).map((_, i) => Math.sin(i * 0.91));
    const grad = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(xv, [2, 6, 6, 3]);
        const w = tf.tensor4d(wv, [3, 3, 3, 4]);
        const f = (wt: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, wt as tf.Tensor4D, 2, "same")));
        return tf.grad(f)(w); // [3, 3, 3, 4]
      });
    const want = await runOn("cpu", grad);
    registerWebgpuKernels();
    const before = tf.memory().numTensors;
    const got = await runOn("webgpu", grad);
    assertEquals(tf.memory().numTensors, before);
    unregisterWebgpuKernels();
    const err = relErr(got.values, want.values);
    assert(err < 1e-5, `relative error ${err}`);
  },
});
