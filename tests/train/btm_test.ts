import { initBackend } from "../../lib/backend/mod.ts";
import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals } from "@std/assert";
import { uniformSoup } from "../../lib/merge/mod.ts";
import { getNamedWeights } from "../../lib/models/mod.ts";
import { btm } from "../../lib/train/btm.ts";
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
