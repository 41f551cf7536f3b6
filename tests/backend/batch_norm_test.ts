import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertThrows } from "@std/assert";
import { batchNormTrain } from "../../lib/backend/batch_norm.ts";
import { initBackend } from "../../lib/backend/init_backend.ts";
import { relErr } from "./_conv_cases.ts";

/** Norm-wise relative error ‖a − b‖₂ / ‖b‖₂ of two tensors. */
const relativeError = (a: tf.Tensor, b: tf.Tensor) =>
  relErr(a.dataSync() as Float32Array, b.dataSync() as Float32Array);

await initBackend({ backend: "wasm", threads: 1 });
await tf.setBackend("cpu");

/** Reference: tf.moments + tf.batchNorm, differentiated by autodiff. */
function reference(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number) {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return { y: tf.batchNorm(x, mean, variance, beta, gamma, eps), mean, variance };
}

const cases: Array<{ shape: [number, number, number, number]; eps: number }> = [
  { shape: [4, 5, 3, 6], eps: 1e-5 },
  { shape: [1, 7, 5, 3], eps: 1e-3 },
  { shape: [8, 2, 2, 16], eps: 1e-5 },
];

for (const { shape, eps } of cases) {
  Deno.test(`batchNormTrain matches tf.moments + tf.batchNorm forward and gradients, x [${shape}]`, () => {
    tf.tidy(() => {
      const c = shape[3];
      // Non-zero mean and non-unit scale so centering and scaling matter.
      const x = tf.add(tf.mul(tf.randomNormal(shape, 0, 1, "float32", 7), 3), 1.5) as tf.Tensor4D;
      const gamma = tf.randomNormal([c], 1, 0.5, "float32", 8) as tf.Tensor1D;
      const beta = tf.randomNormal([c], 0, 0.5, "float32", 9) as tf.Tensor1D;
      // A non-uniform upstream gradient (a plain sum would make dx vanish).
      const w = tf.randomNormal(shape, 0, 1, "float32", 10);
      const ours = batchNormTrain(x, gamma, beta, eps);
      const ref = reference(x, gamma, beta, eps);
      assert(relativeError(ours.y, ref.y) < 1e-5, "forward y");
      assert(relativeError(ours.mean, ref.mean) < 1e-5, "mean");
      assert(relativeError(ours.variance, ref.variance) < 1e-5, "variance");
      const loss = (f: typeof reference) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(f(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, eps).y, w));
      const gOurs = tf.grads(loss(batchNormTrain))([x, gamma, beta]);
      const gRef = tf.grads(loss(reference))([x, gamma, beta]);
      for (const [i, name] of ["dx", "dgamma", "dbeta"].entries()) {
        const err = relativeError(gOurs[i], gRef[i]);
        assert(err < 1e-5, `${name}: norm-wise relative error ${err}`);
      }
    });
  });
}

// On wasm the per-channel scale-and-shift runs as a fused depthwise 1×1
// convolution: same checks against the cpu reference, inputs copied across.
for (const { shape, eps } of [...cases, { shape: [16, 8, 8, 32], eps: 1e-5 }] as typeof cases) {
  Deno.test(`batchNormTrain on wasm matches the cpu reference, x [${shape}]`, async () => {
    const c = shape[3];
    const values = [
      tf.add(tf.mul(tf.randomNormal(shape, 0, 1, "float32", 17), 3), 1.5),
      tf.randomNormal([c], 1, 0.5, "float32", 18),
      tf.randomNormal([c], 0, 0.5, "float32", 19),
      tf.randomNormal(shape, 0, 1, "float32", 20),
    ].map((t) => {
      const v = t.dataSync() as Float32Array;
      t.dispose();
      return v;
    });
    const run = (f: typeof reference) => {
      const x = tf.tensor4d(values[0], shape);
      const gamma = tf.tensor1d(values[1]);
      const beta = tf.tensor1d(values[2]);
      const w = tf.tensor4d(values[3], shape);
      const out = f(x, gamma, beta, eps);
      const loss = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(f(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, eps).y, w));
      return [out.y, out.mean, out.variance, ...tf.grads(loss)([x, gamma, beta])].map((t) => {
        const v = t.dataSync() as Float32Array;
        return v;
      });
    };
    const ref = tf.tidy(() => run(reference));
    await tf.setBackend("wasm");
    try {
      const before = tf.memory().numTensors;
      const ours = tf.tidy(() => run(batchNormTrain));
      assertEquals(tf.memory().numTensors, before, "tensors leaked");
      for (const [i, name] of ["y", "mean", "variance", "dx", "dgamma", "dbeta"].entries()) {
        const err = relErr(ours[i], ref[i]);
        assert(err < 1e-5, `${name}: norm-wise relative error ${err}`);
      }
    } finally {
      await initBackend({ backend: "wasm", threads: 1 });
      await tf.setBackend("cpu");
    }
  });
}

Deno.test("batchNormTrain leaks no tensors, with or without a gradient tape", () => {
  const x = tf.randomNormal([2, 3, 3, 4], 0, 1, "float32", 1) as tf.Tensor4D;
  const gamma = tf.ones([4]) as tf.Tensor1D;
  const beta = tf.zeros([4]) as tf.Tensor1D;
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    batchNormTrain(x, gamma, beta, 1e-5);
  });
  assertEquals(tf.memory().numTensors, before);
  const out = batchNormTrain(x, gamma, beta, 1e-5);
  assertEquals(tf.memory().numTensors, before + 3);
  tf.dispose([out.y, out.mean, out.variance]);
  tf.tidy(() => {
    const f = (a: tf.Tensor) =>
      tf.sum(tf.square(batchNormTrain(a as tf.Tensor4D, gamma, beta, 1e-5).y));
    tf.grads(f)([x]);
  });
  assertEquals(tf.memory().numTensors, before);
  tf.dispose([x, gamma, beta]);
});

Deno.test("batchNormTrain rejects mismatched gamma and bad epsilon", () => {
  const x = tf.zeros([1, 2, 2, 3]) as tf.Tensor4D;
  assertThrows(() => batchNormTrain(x, tf.ones([4]), tf.zeros([3]), 1e-5), Error, "gamma");
  assertThrows(() => batchNormTrain(x, tf.ones([3]), tf.zeros([3]), 0), Error, "epsilon");
  x.dispose();
});
