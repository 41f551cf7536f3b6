/**
 * Run by training_interrupted_test.ts in a child process, because it sends
 * SIGINT to its own process: a training loop with `interruptible: true` (as
 * inside a Jupyter kernel) is interrupted by a real SIGINT, then resumed.
 * Prints one JSON line of what it saw.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../lib/backend/mod.ts";
import { getNamedWeights } from "../../lib/models/mod.ts";
import { loadCheckpoint } from "../../lib/train/checkpoint.ts";
import { trainLoop, type TrainLoopOptions } from "../../lib/train/train_loop.ts";
import { TrainingInterrupted, watchInterrupts } from "../../lib/train/training_interrupted.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();
const dir = await Deno.makeTempDir();
const base: TrainLoopOptions = {
  epochs: 4,
  batchSize: 8,
  lr: 0.05,
  seed: 3,
  onProgress: null,
  normalization: bench.normalization,
  resumePath: `${dir}/r.ckpt`,
  resumeKey: "k",
};
const out: Record<string, unknown> = {};

// A watch sees the signal once the event loop has run; closed, it no longer listens.
const watch = watchInterrupts({ enabled: true });
Deno.kill(Deno.pid, "SIGINT");
for (let i = 0; i < 200 && !(await watch.poll()); i++) { /* the signal is on its way */ }
out.watchSaw = watch.requested;
watch.close();
out.disabledSees = await watchInterrupts({ enabled: false }).poll();

const straight = tinyModel();
await trainLoop(straight, bench.train, { ...base, resumePath: undefined });

const first = tinyModel();
const tensors = tf.memory().numTensors;
const events: { epoch: number; step: number; interrupted?: boolean }[] = [];
try {
  await trainLoop(first, bench.train, {
    ...base,
    interruptible: true,
    onProgress: (e) => {
      events.push({ epoch: e.epoch, step: e.step, interrupted: e.interrupted });
      // Jupyter's interrupt button, right after epoch 1 was saved.
      if (e.epochEnd && e.epoch === 1) Deno.kill(Deno.pid, "SIGINT");
    },
  });
  out.error = "not interrupted";
} catch (e) {
  out.error = e instanceof TrainingInterrupted
    ? { name: e.name, message: e.message, info: e.info }
    : String(e);
}
out.leaked = tf.memory().numTensors - tensors;
out.lastEvent = events.at(-1);
out.saved = (await loadCheckpoint(`${dir}/r.ckpt`)).meta.epoch;
out.leftovers = [...Deno.readDirSync(dir)].map((e) => e.name);
first.dispose();

const resumed = tinyModel();
const r = await trainLoop(resumed, bench.train, { ...base, interruptible: true });
out.startEpoch = r.startEpoch;
const a = getNamedWeights(straight);
const b = getNamedWeights(resumed);
out.differ = [...a.keys()].filter((n) =>
  a.get(n)!.values.some((v, i) => v !== b.get(n)!.values[i])
);
for (const m of [straight, resumed]) m.dispose();
await Deno.remove(dir, { recursive: true });
console.log(JSON.stringify(out));
