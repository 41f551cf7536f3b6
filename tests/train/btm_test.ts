import { initBackend } from "../../lib/backend/mod.ts";
import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals, assertNotEquals } from "@std/assert";
import { rngFor } from "../../lib/random/mod.ts";
import { createSampler } from "../../lib/samplers/mod.ts";
import { uniformSoup } from "../../lib/merge/mod.ts";
import { getNamedWeights } from "../../lib/models/mod.ts";
import { btm, btmMemberSeed } from "../../lib/train/btm.ts";
import { RunCache } from "../../lib/train/run_cache.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();
const finetune = { epochs: 1, batchSize: 4 };

Deno.test("btm fine-tunes N_D copies on balanced subsets and merges them uniformly", async () => {
  const dir = await Deno.makeTempDir();
  const model = tinyModel();
  const before = getNamedWeights(model);
  const tensors = tf.memory().numTensors;
  const r = await btm(model, bench, {
    subsets: 3,
    perClass: 4,
    finetune,
    cache: new RunCache({ dir }),
    onProgress: null,
  });
  // Members come back as plain weights: only the merged model's variables remain.
  assertEquals(tf.memory().numTensors, tensors + r.model.variables.size);
  assertEquals(r.members.length, 3);
  assertEquals(r.members.map((m) => m.subsetSize), [12, 12, 12]);
  assertEquals(new Set(r.members.map((m) => m.key)).size, 3);
  assertEquals(r.members[0].evaluation!.recalls.length, 3);
  assertEquals(r.merge.kept, [0, 1, 2]);
  const expected = uniformSoup(r.members.map((m) => m.weights));
  const merged = getNamedWeights(r.model);
  for (const [name, { values }] of expected) {
    const got = merged.get(name)!.values;
    for (let i = 0; i < values.length; i++) assertAlmostEquals(got[i], values[i], 1e-6);
  }
  assertEquals(getNamedWeights(model), before); // the start model is untouched
  // A second run loads every fine-tune from the cache.
  const again = await btm(model, bench, {
    subsets: 3,
    perClass: 4,
    finetune,
    cache: new RunCache({ dir }),
    onProgress: null,
  });
  assertEquals(again.members.map((m) => m.fromCache), [true, true, true]);
  assertEquals(again.modelSha256, r.modelSha256);
  for (const m of [r.model, again.model, model]) m.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("greedy merge scores on val and returns its trail", async () => {
  const model = tinyModel();
  const tensors = tf.memory().numTensors;
  const r = await btm(model, bench, {
    subsets: 2,
    perClass: 4,
    merge: "greedy",
    evaluateOn: "none",
    finetune,
    cache: false,
    onProgress: null,
  });
  assertEquals(tf.memory().numTensors, tensors + r.model.variables.size);
  assertEquals(r.merge.trail!.length, 2);
  assertEquals(r.merge.kept.includes(r.merge.trail![0].member), true); // the best-ranked member starts the soup
  assertEquals(r.evaluation, undefined);
  r.model.dispose();
  model.dispose();
});

Deno.test("BTM members draw their own random streams, and a member re-runs bit-identically", async () => {
  // Seeds: distinct per member, stable, and independent of N_D.
  const seeds = Array.from({ length: 10 }, (_, i) => btmMemberSeed(0, i));
  assertEquals(new Set(seeds).size, 10);
  assertEquals(btmMemberSeed(0, 3), seeds[3]);
  assertNotEquals(btmMemberSeed(1, 3), seeds[3]);
  // Two members see different batch orders, crops/flips and mixup draws on the same images.
  const labels = Int32Array.from({ length: 40 }, (_, i) => i % 4);
  const order = (seed: number) =>
    [...createSampler("instance", labels, { batchSize: 8, seed, numClasses: 4 }).batches(0)]
      .map((b) => [...b]);
  assertNotEquals(order(seeds[0]), order(seeds[1]));
  assertEquals(order(seeds[0]), order(seeds[0]));
  assertNotEquals(rngFor(seeds[0], "augment", 0).float(), rngFor(seeds[1], "augment", 0).float());
  assertNotEquals(rngFor(seeds[0], "mixup", 0).float(), rngFor(seeds[1], "mixup", 0).float());
  // The whole of BTM, twice without a cache: the same bits.
  const model = tinyModel();
  const run = () =>
    btm(model, bench, { subsets: 2, perClass: 4, finetune, cache: false, onProgress: null });
  const [a, b] = [await run(), await run()];
  assertEquals(b.modelSha256, a.modelSha256);
  assertEquals(b.members.map((m) => m.weights), a.members.map((m) => m.weights));
  for (const m of [a.model, b.model, model]) m.dispose();
});
