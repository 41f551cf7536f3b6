/**
 * Training throughput of CIFAR ResNet-32 (lib/models `buildModel("resnet32")`)
 * on a tfjs backend: SGD-momentum steps on random data, the loss read back only
 * every `--read-every` steps (a readback stalls the GPU queue; ~12 ms each on
 * the H100 earlier). Prints one JSON line.
 *
 * Usage: `deno run -A --unstable-webgpu bench/webgpu/resnet_bench.ts [--backend webgpu]
 * [--batch 256] [--size 32] [--steps 10] [--warmup 2] [--read-every 10] [--stock]`.
 * `--stock` leaves tfjs's own webgpu kernels in place.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { registerWebgpuKernels } from "../../lib/backend/webgpu/mod.ts";
import { buildModel } from "../../lib/models/mod.ts";

const argv = Deno.args;
const num = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const str = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const backendName = str("backend", "webgpu");
const batch = num("batch", 256);
const size = num("size", 32);
const steps = num("steps", 10);
const warmup = num("warmup", 2);
const readEvery = num("read-every", 10);
const stock = argv.includes("--stock");

if (backendName === "wasm") await import("@tensorflow/tfjs-backend-wasm");
if (!(await tf.setBackend(backendName))) {
  throw new Error(`Cannot start the "${backendName}" backend.`);
}
await tf.ready();
if (backendName === "webgpu" && !stock) registerWebgpuKernels();

const model = buildModel("resnet32", { numClasses: 10, inputShape: [size, size, 3], seed: 0 });
const trainable = [...model.backboneWeights, ...model.classifierWeights].map((n) =>
  model.variables.get(n)!
);
const x = tf.randomNormal([batch, size, size, 3], 0, 1, "float32", 1) as tf.Tensor4D;
const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), "int32");
const y = tf.oneHot(labels, 10).toFloat() as tf.Tensor2D;
const opt = tf.train.momentum(0.05, 0.9);
const step = (): tf.Scalar =>
  opt.minimize(
    () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { bnMode: "train" })) as tf.Scalar,
    true,
    trainable,
  ) as tf.Scalar;

let t0 = performance.now();
let loss = step();
await loss.data();
loss.dispose();
const firstStepMs = performance.now() - t0;
for (let i = 1; i < warmup; i++) step().dispose();
const drain = tf.zeros([1]);
await drain.data(); // a readback waits for the queued warm-up work
drain.dispose();
t0 = performance.now();
let lastLoss = NaN;
for (let i = 1; i <= steps; i++) {
  loss = step();
  if (i % readEvery === 0 || i === steps) lastLoss = (await loss.data())[0];
  loss.dispose();
}
const ms = (performance.now() - t0) / steps;
console.log(JSON.stringify({
  bench: "resnet32-train",
  backend: backendName,
  kernels: backendName === "webgpu" ? (stock ? "stock" : "btm-lab") : "stock",
  batch,
  size,
  steps,
  readEvery,
  firstStepMs: Math.round(firstStepMs),
  msPerStep: Number(ms.toFixed(1)),
  imagesPerSecond: Number((batch * 1000 / ms).toFixed(1)),
  lastLoss,
  tfjs: tf.version.tfjs,
}));
tf.dispose([x, labels, y]);
opt.dispose();
model.dispose();
