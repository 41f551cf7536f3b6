import { initBackend } from "../../lib/backend/mod.ts";
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects } from "@std/assert";
import type { NamedWeights } from "../../lib/merge/named_weights.ts";
import { getNamedWeights } from "../../lib/models/mod.ts";
import { balancedFinetune } from "../../lib/train/balanced_finetune.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("balancedFinetune trains on the subset only and needs one", async () => {
  const bench = fakeBenchmark();
  const model = tinyModel();
  const tensors = tf.memory().numTensors;
  const r = await balancedFinetune(model, bench, {
    subset: Int32Array.of(0, 1, 24, 25, 32, 33),
    epochs: 2,
    batchSize: 4,
    cache: false,
    onProgress: null,
  });
  // The stage leaves only its model's variables behind (the caller owns and disposes them).
  assertEquals(tf.memory().numTensors, tensors + r.model.variables.size);
  assertEquals(r.history.images, 12);
  await assertRejects(
    () => balancedFinetune(model, bench, { subset: new Int32Array(0), cache: false }),
    Error,
    "non-empty",
  );
  r.model.dispose();
  model.dispose();
});

Deno.test("balancedFinetune trains only the chosen part and keys only partial fine-tunes apart", async () => {
  const bench = fakeBenchmark();
  const model = tinyModel();
  const before = getNamedWeights(model);
  const subset = Int32Array.of(0, 1, 2, 24, 25, 26, 32, 33, 34);
  const base = { subset, epochs: 1, batchSize: 3, cache: false as const, onProgress: null };
  const changed = (w: NamedWeights, names: readonly string[]) =>
    names.filter((n) => w.get(n)!.values.some((v, i) => v !== before.get(n)!.values[i]));
  const trainableBackbone = model.backboneWeights.filter((n) => !model.buffers.includes(n));

  const whole = await balancedFinetune(model, bench, { ...base });
  const implicit = getNamedWeights(whole.model);
  const explicit = await balancedFinetune(model, bench, { ...base, trainable: "all" });
  // "all" is the default: same key and the same training
  assertEquals(explicit.key, whole.key);
  assertEquals(changed(getNamedWeights(explicit.model), model.classifierWeights).length, 2);
  assertEquals(changed(implicit, trainableBackbone).length, trainableBackbone.length);

  const backbone = await balancedFinetune(model, bench, { ...base, trainable: "backbone" });
  const wb = getNamedWeights(backbone.model);
  assertEquals(changed(wb, model.classifierWeights), []);
  assertEquals(changed(wb, trainableBackbone).length, trainableBackbone.length);

  const classifier = await balancedFinetune(model, bench, { ...base, trainable: "classifier" });
  const wc = getNamedWeights(classifier.model);
  assertEquals(changed(wc, trainableBackbone), []);
  assertEquals(changed(wc, model.classifierWeights).length, 2);
  // batch-norm running statistics follow the subset even with a frozen backbone
  assert(changed(wc, model.buffers).length > 0);

  assertEquals(new Set([whole.key, backbone.key, classifier.key]).size, 3);
  await assertRejects(
    () => balancedFinetune(model, bench, { ...base, trainable: "head" as "all" }),
    Error,
    "all, backbone, classifier",
  );
  for (const r of [whole, explicit, backbone, classifier]) r.model.dispose();
  model.dispose();
});
