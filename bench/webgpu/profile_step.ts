/**
 * Profiles one training step of a small ResNet on the WebGPU backend:
 * per-program GPU time (timestamp queries through `tf.time`), dispatch count,
 * and wall time with and without a per-step loss readback.
 *
 * Usage: `deno run -A --unstable-webgpu bench/webgpu/profile_step.ts [--stock]
 * [--batch 8] [--size 16] [--widths 8,16,32] [--blocks 1]`.
 * `--stock` leaves tfjs's own webgpu kernels in place (no registerWebgpuKernels).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { registerWebgpuKernels } from "../../lib/backend/webgpu/mod.ts";
import { tinyResnet } from "./_tiny_resnet.ts";

/** `--name value` pairs and bare `--flag`s of the command line. */
const args: Record<string, string | boolean> = {};
for (let i = 0; i < Deno.args.length; i++) {
  const key = Deno.args[i].replace(/^--/, "");
  const next = Deno.args[i + 1];
  if (next !== undefined && !next.startsWith("--")) args[key] = Deno.args[++i];
  else args[key] = true;
}
const batch = Number(args.batch ?? 8);
const size = Number(args.size ?? 16);
const widths = String(args.widths ?? "8,16,32").split(",").map(Number);
const blocks = Number(args.blocks ?? 1);
const steps = Number(args.steps ?? 3);

if (!(await tf.setBackend("webgpu"))) throw new Error("Cannot start the webgpu backend.");
await tf.ready();
if (!args.stock) registerWebgpuKernels();
// deno-lint-ignore no-explicit-any
const info = (tf.backend() as any).adapterInfo;
console.log(`adapter: ${JSON.stringify(info)}; kernels: ${args.stock ? "stock" : "btm-lab"}`);

const net = tinyResnet({ widths, blocks });
const x = tf.randomNormal([batch, size, size, 3], 0, 1, "float32", 2) as tf.Tensor4D;
const labels = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), "int32"), 10);
const y = tf.cast(labels, "float32") as tf.Tensor2D;
const opt = tf.train.momentum(0.01, 0.9);
const step = (): tf.Scalar => opt.minimize(() => net.loss(x, y), true, net.variables) as tf.Scalar;

let t = performance.now();
const first = step();
await first.data();
first.dispose();
console.log(`first step (pipeline compilation included): ${(performance.now() - t).toFixed(0)} ms`);

// Steady state: read the loss once at the end (no per-step readback).
t = performance.now();
let last: tf.Scalar | null = null;
for (let i = 0; i < steps; i++) {
  last?.dispose();
  last = step();
}
const lossValue = (await last!.data())[0];
last!.dispose();
const noSync = (performance.now() - t) / steps;
// Same with a readback after every step.
t = performance.now();
for (let i = 0; i < steps; i++) {
  const l = step();
  await l.data();
  l.dispose();
}
const withSync = (performance.now() - t) / steps;
console.log(
  `steady step: ${noSync.toFixed(1)} ms (loss read once), ${
    withSync.toFixed(1)
  } ms (loss read every step); loss ${lossValue.toFixed(4)}`,
);

// Per-program GPU time of one step.
const timing = await tf.time(() => {
  const l = step();
  l.dispose();
});
// deno-lint-ignore no-explicit-any
const extra = (timing as any).getExtraProfileInfo() as string; // "Name: ms, Name: ms, ..."
const programs = extra.split(", ").filter((e) => e.length > 0).map((e) => {
  const cut = e.lastIndexOf(": ");
  return { name: e.slice(0, cut), ms: Number(e.slice(cut + 2)) };
});
const byName = new Map<string, { n: number; ms: number }>();
for (const p of programs) {
  const e = byName.get(p.name) ?? { n: 0, ms: 0 };
  e.n++;
  e.ms += p.ms;
  byName.set(p.name, e);
}
const total = programs.reduce((s, p) => s + p.ms, 0);
console.log(`dispatches per step: ${programs.length}; summed GPU time ${total.toFixed(1)} ms`);
const rows = [...byName.entries()].sort((a, b) => b[1].ms - a[1].ms);
for (const [name, e] of rows) {
  console.log(
    `  ${name.padEnd(34)} ${String(e.n).padStart(4)} x  ${e.ms.toFixed(2).padStart(9)} ms  ${
      (100 * e.ms / total).toFixed(1).padStart(5)
    }%`,
  );
}
tf.dispose([x, y, labels, ...net.variables]);
opt.dispose();
