import { initBackend } from "../../lib/backend/mod.ts";
import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { getNamedWeights } from "../../lib/models/mod.ts";
import type { Model } from "../../lib/models/types.ts";
import { trainLoop, type TrainLoopOptions } from "../../lib/train/train_loop.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();

const base: TrainLoopOptions = {
  epochs: 1,
  batchSize: 8,
  lr: 0.05,
  seed: 3,
  onProgress: null,
  normalization: bench.normalization,
};

function changed(
  before: Model | ReturnType<typeof getNamedWeights>,
  model: Model,
  names: string[],
) {
  const a = before instanceof Map ? before : getNamedWeights(before);
  const b = getNamedWeights(model);
  return names.filter((n) => a.get(n)!.values.some((v, i) => v !== b.get(n)!.values[i]));
}

Deno.test("frozen backbone with frozen batch norm: only the classifier changes", async () => {
  const model = tinyModel();
  const before = getNamedWeights(model);
  await trainLoop(model, bench.train, { ...base, trainable: "classifier", bnMode: "frozen" });
  assertEquals(changed(before, model, model.backboneWeights), []);
  assertEquals(changed(before, model, model.buffers), []);
  assertEquals(changed(before, model, model.classifierWeights).length, 2);
  model.dispose();
});

Deno.test("stats mode re-estimates batch-norm statistics but keeps gamma/beta fixed", async () => {
  const model = tinyModel();
  const before = getNamedWeights(model);
  await trainLoop(model, bench.train, { ...base, trainable: "classifier", bnMode: "stats" });
  assertEquals(changed(before, model, model.backboneWeights), []);
  assertEquals(changed(before, model, model.buffers).length, model.buffers.length);
  assertEquals(changed(before, model, model.classifierWeights).length, 2);
  model.dispose();
});

Deno.test("training everything in train mode changes weights and statistics, without leaks", async () => {
  const model = tinyModel();
  const before = getNamedWeights(model);
  const tensors = tf.memory().numTensors;
  const r = await trainLoop(model, bench.train, {
    ...base,
    epochs: 2,
    mixupAlpha: 0.2,
    lossReadEvery: 2,
  });
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(r.epochLosses.length, 2);
  assert(r.epochLosses.every(Number.isFinite));
  assertEquals(r.images, 2 * bench.train.labels.length);
  assert(r.imagesPerSecond > 0);
  assertEquals(changed(before, model, model.backboneWeights).length, model.backboneWeights.length);
  assertEquals(changed(before, model, model.buffers).length, model.buffers.length);
  model.dispose();
});

Deno.test("a subset run touches only the subset, and progress is reported per epoch", async () => {
  const model = tinyModel();
  const events: number[] = [];
  const r = await trainLoop(model, bench.train, {
    ...base,
    epochs: 2,
    indices: Int32Array.of(0, 1, 30, 31, 35),
    onProgress: (e) => e.epochEnd && events.push(e.epoch),
  });
  assertEquals(r.images, 10);
  assertEquals(events, [1, 2]);
  model.dispose();
});

Deno.test("progress: a report before the first step, then each awaited before training goes on", async () => {
  const model = tinyModel();
  const seen: string[] = [];
  let pending = 0;
  await trainLoop(model, bench.train, {
    ...base,
    epochs: 2,
    lossReadEvery: 2,
    onProgress: async (e) => {
      // The loop waits for a receiver's promise (a notebook display) before its next step.
      assertEquals(pending, 0, "a report arrived while the previous one was still pending");
      pending++;
      await new Promise((r) => setTimeout(r, 5));
      pending--;
      seen.push(`${e.epoch}:${e.step}${e.epochEnd ? "e" : ""}${e.done ? "d" : ""}`);
    },
  });
  // 36 images, batches of 8: 5 steps an epoch, the loss read every 2 steps.
  assertEquals(seen, ["0:0", "0:2", "0:4", "1:5e", "1:2", "1:4", "2:5ed"]);
  model.dispose();
});

Deno.test("an interrupted run resumes from its epoch file to the same weights", async () => {
  const dir = await Deno.makeTempDir();
  const straight = tinyModel();
  await trainLoop(straight, bench.train, { ...base, epochs: 2 });
  // "Interrupted": the process dies right after epoch 1 (its epoch file is written).
  const first = tinyModel();
  await assertRejects(
    () =>
      trainLoop(first, bench.train, {
        ...base,
        epochs: 2,
        resumePath: `${dir}/r.ckpt`,
        resumeKey: "k",
        onProgress: (e) => {
          if (e.epochEnd) throw new Error("killed");
        },
      }),
    Error,
    "killed",
  );
  first.dispose();
  // Re-run with the full budget: a fresh model picks up after epoch 1.
  const resumed = tinyModel();
  const r = await trainLoop(resumed, bench.train, {
    ...base,
    epochs: 2,
    resumePath: `${dir}/r.ckpt`,
    resumeKey: "k",
  });
  assertEquals(r.startEpoch, 1);
  // Every epoch's loss: epoch 1's from the epoch file, epoch 2's from this run.
  assertEquals(r.epochLosses.length, 2);
  assertEquals(changed(straight, resumed, [...straight.variables.keys()]), []);
  // A resume file of another run is refused.
  const other = tinyModel();
  await assertRejects(
    () =>
      trainLoop(other, bench.train, {
        ...base,
        epochs: 3,
        resumePath: `${dir}/r.ckpt`,
        resumeKey: "other",
      }),
    Error,
    'belongs to run "k"',
  );
  for (const m of [straight, resumed, other]) m.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("different run seeds draw different batches and so train differently", async () => {
  const a = tinyModel(), b = tinyModel();
  await trainLoop(a, bench.train, { ...base, seed: 1 });
  await trainLoop(b, bench.train, { ...base, seed: 2 });
  assertNotEquals(changed(a, b, a.classifierWeights), []);
  a.dispose();
  b.dispose();
});
