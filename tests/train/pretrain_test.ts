import { initBackend } from "../../lib/backend/mod.ts";
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import { pretrain } from "../../lib/train/pretrain.ts";
import { RunCache } from "../../lib/train/run_cache.ts";
import { fakeBenchmark } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("pretrain trains once, then loads the same model from the run cache", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const bench = fakeBenchmark();
  const opts = { widths: [4, 8, 8], epochs: 2, batchSize: 8, cache, onProgress: null };
  const tensors = tf.memory().numTensors;
  const a = await pretrain(bench, opts);
  // The stage leaves only its model's variables behind (the caller owns and disposes them).
  assertEquals(tf.memory().numTensors, tensors + a.model.variables.size);
  assertEquals(a.fromCache, false);
  assertEquals(a.history.epochLosses.length, 2);
  const loaded = tf.memory().numTensors;
  const b = await pretrain(bench, opts);
  assertEquals(tf.memory().numTensors, loaded + b.model.variables.size); // loading leaks nothing either
  assertEquals(b.fromCache, true);
  assertEquals(b.key, a.key);
  assertEquals(b.modelSha256, a.modelSha256);
  assertEquals(b.history, a.history);
  // Another config is another key.
  const c = await pretrain(bench, { ...opts, lr: 0.05 });
  assertEquals(c.fromCache, false);
  assertNotEquals(c.key, a.key);
  assert(a.key.startsWith("pretrain-"));
  for (const r of [a, b, c]) r.model.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("pretrain with loss bsce trains with balanced softmax under its own key", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const bench = fakeBenchmark();
  const opts = { widths: [4, 8, 8], epochs: 1, batchSize: 8, cache, onProgress: null };
  const plain = await pretrain(bench, opts);
  // Naming the default loss is the same run: same key, loaded from the cache.
  const namedCe = await pretrain(bench, { ...opts, loss: "ce" });
  assertEquals(namedCe.key, plain.key);
  assertEquals(namedCe.fromCache, true);
  const balanced = await pretrain(bench, { ...opts, loss: "bsce" });
  assertEquals(balanced.fromCache, false);
  assertNotEquals(balanced.key, plain.key);
  // Same seed, same batches: only the loss differs, so the losses and weights differ.
  assertNotEquals(balanced.history.epochLosses, plain.history.epochLosses);
  assertNotEquals(balanced.modelSha256, plain.modelSha256);
  for (const r of [plain, namedCe, balanced]) r.model.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("pretrain names an unknown loss before training", async () => {
  await assertRejects(
    () => pretrain(fakeBenchmark(), { widths: [4, 8, 8], loss: "focal", cache: false }),
    Error,
    'Unknown loss "focal"',
  );
});
