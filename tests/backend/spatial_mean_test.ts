import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import { spatialMeanKernel } from "../../lib/backend/spatial_mean.ts";
import { Rng } from "../../lib/random/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

/** The registered Mean (the project's wrapper, which hands non-spatial means to the stock kernel). */
const REGISTERED = tf.getKernel("Mean", "wasm")!;

function activation(shape: number[], seed: number): tf.Tensor4D {
  const rng = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  // ReLU outputs of a wide range: many exact zeros, magnitudes up to ~1e3.
  return tf.tensor(
    Float32Array.from({ length: n }, () => Math.max(0, rng.normal()) * 10 ** (3 * rng.float())),
    shape as [number, number, number, number],
  ) as tf.Tensor4D;
}

/** The mean as tfjs-wasm's stock kernel computes it: transpose to NCHW, then reduce the last axes. */
function stockMean(x: tf.Tensor4D): Float32Array {
  return tf.tidy(() => tf.mean(tf.transpose(x, [0, 3, 1, 2]), [2, 3]).dataSync() as Float32Array);
}

for (const shape of [[128, 4, 4, 64], [3, 7, 7, 2048], [5, 3, 2, 7], [1, 1, 1, 1], [2, 9, 13, 3]]) {
  Deno.test(`the spatial mean of [${shape}] equals tfjs-wasm's stock mean bit for bit`, () => {
    const x = activation(shape, shape[3]);
    const want = stockMean(x);
    const got = tf.mean(x, [1, 2]);
    assertEquals(got.shape, [shape[0], shape[3]]);
    assertEquals(got.dataSync(), want);
    const kept = tf.mean(x, [2, -3], true); // the same axes, negative and unsorted, keepDims
    assertEquals(kept.shape, [shape[0], 1, 1, shape[3]]);
    assertEquals(kept.dataSync(), want);
    tf.dispose([x, got, kept]);
  });
}

Deno.test("other means run the stock kernel (axis 3, all axes, rank 3, int32)", () => {
  const x = activation([2, 3, 4, 5], 1);
  const calls: string[] = [];
  const probe = spatialMeanKernel({
    ...REGISTERED,
    kernelFunc: (args) => {
      calls.push(JSON.stringify((args.attrs as { axis: number[] }).axis));
      return REGISTERED.kernelFunc(args);
    },
  });
  const run = (t: tf.TensorInfo, axis: number[]) =>
    probe.kernelFunc({ inputs: { x: t }, backend: tf.backend(), attrs: { axis, keepDims: false } });
  const y3 = tf.engine().makeTensorFromTensorInfo(run(x, [3]) as tf.TensorInfo);
  assertEquals(y3.shape, [2, 3, 4]);
  tf.engine().makeTensorFromTensorInfo(run(x, [0, 1, 2, 3]) as tf.TensorInfo).dispose();
  const r3 = tf.zeros([2, 3, 4]);
  tf.engine().makeTensorFromTensorInfo(run(r3, [1, 2]) as tf.TensorInfo).dispose();
  const i32 = tf.zeros([2, 3, 4, 5], "int32");
  tf.engine().makeTensorFromTensorInfo(run(i32, [1, 2]) as tf.TensorInfo).dispose();
  assertEquals(calls, ["[3]", "[0,1,2,3]", "[1,2]", "[1,2]"]);
  tf.engine().makeTensorFromTensorInfo(run(x, [1, 2]) as tf.TensorInfo).dispose();
  assertEquals(calls.length, 4); // the spatial one did not reach the stock kernel
  tf.dispose([x, y3, r3, i32]);
});
