/**
 * Times the convolution gradient kernels on the webgpu backend, stock tfjs
 * versus the project's, for CIFAR ResNet layer shapes scaled by `--batch`:
 * Conv2DBackpropFilter (stock shader vs registerWebgpuKernels) and
 * Conv2DBackpropInput (stock naive shader vs tfjs's matmul-style program,
 * flag WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE). GPU time from timestamp queries.
 *
 * Usage: `deno run -A --unstable-webgpu bench/webgpu/conv_kernels_bench.ts [--batch 8] [--reps 3]`.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { registerWebgpuKernels, unregisterWebgpuKernels } from "../../lib/backend/webgpu/mod.ts";

const argv = Deno.args;
const arg = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const batch = arg("batch", 8);
const reps = arg("reps", 3);

if (!(await tf.setBackend("webgpu"))) throw new Error("Cannot start the webgpu backend.");

type Shape4 = [number, number, number, number];
/** [name, input HWC, filter, stride] of the distinct ResNet-32 (CIFAR, 32x32) convolutions. */
const LAYERS: [string, [number, number, number], Shape4, number][] = [
  ["stage1 3x3 16->16", [32, 32, 16], [3, 3, 16, 16], 1],
  ["stage2 3x3 16->32 s2", [32, 32, 16], [3, 3, 16, 32], 2],
  ["stage2 3x3 32->32", [16, 16, 32], [3, 3, 32, 32], 1],
  ["stage3 3x3 64->64", [8, 8, 64], [3, 3, 64, 64], 1],
];

async function gpuMs(f: () => tf.Tensor): Promise<{ ms: number; values: Float32Array }> {
  const warm = f();
  const values = (await warm.data()) as Float32Array;
  warm.dispose();
  let total = 0;
  for (let r = 0; r < reps; r++) {
    const t = await tf.time(() => f().dispose());
    total += t.kernelMs as number;
  }
  return { ms: total / reps, values };
}

function relErr(a: Float32Array, b: Float32Array): number {
  let d = 0, n = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - b[i]) ** 2;
    n += b[i] ** 2;
  }
  return Math.sqrt(d / n);
}

console.log(`batch ${batch}, ${reps} reps, GPU ms per call (timestamp queries)`);
console.log("layer | dW stock | dW btm-lab | rel.diff | dx naive | dx matmul | rel.diff");
for (const [name, [h, w, c], filter, stride] of LAYERS) {
  const x = tf.randomNormal([batch, h, w, c], 0, 1, "float32", 1) as tf.Tensor4D;
  const oh = Math.ceil(h / stride), ow = Math.ceil(w / stride);
  const dy = tf.randomNormal([batch, oh, ow, filter[3]], 0, 1, "float32", 2) as tf.Tensor4D;
  const wt = tf.randomNormal(filter, 0, 1, "float32", 3) as tf.Tensor4D;
  const dW = () =>
    tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, {
      strides: stride,
      pad: "same",
      dataFormat: "NHWC",
      filterShape: filter,
    }) as tf.Tensor;
  const dX = () =>
    tf.engine().runKernel("Conv2DBackpropInput", { dy, filter: wt }, {
      strides: stride,
      pad: "same",
      dataFormat: "NHWC",
      inputShape: x.shape,
    }) as tf.Tensor;
  unregisterWebgpuKernels();
  const fStock = await gpuMs(dW);
  registerWebgpuKernels();
  const fOurs = await gpuMs(dW);
  tf.env().set("WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE", true);
  const iNaive = await gpuMs(dX);
  tf.env().set("WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE", false);
  const iMm = await gpuMs(dX);
  tf.env().set("WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE", true);
  console.log(
    `${name} | ${fStock.ms.toFixed(2)} | ${fOurs.ms.toFixed(2)} | ${
      relErr(fOurs.values, fStock.values).toExponential(1)
    } | ${iNaive.ms.toFixed(2)} | ${iMm.ms.toFixed(2)} | ${
      relErr(iMm.values, iNaive.values).toExponential(1)
    }`,
  );
  tf.dispose([x, dy, wt]);
}
