import { initBackend } from "../../lib/backend/mod.ts";
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertNotEquals } from "@std/assert";
import { getNamedWeights } from "../../lib/models/mod.ts";
import { retrainClassifier } from "../../lib/train/retrain_classifier.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("retrainClassifier changes only the classifier (batch norm frozen)", async () => {
  const model = tinyModel();
  const before = getNamedWeights(model);
  const tensors = tf.memory().numTensors;
  const r = await retrainClassifier(model, fakeBenchmark(), {
    epochs: 1,
    batchSize: 8,
    cache: false,
    onProgress: null,
  });
  // The stage leaves only its model's variables behind (the caller owns and disposes them).
  assertEquals(tf.memory().numTensors, tensors + r.model.variables.size);
  const after = getNamedWeights(r.model);
  for (const n of [...r.model.backboneWeights, ...r.model.buffers]) {
    assertEquals(after.get(n)!.values, before.get(n)!.values, `${n} changed`);
  }
  assertNotEquals(after.get("classifier/kernel")!.values, before.get("classifier/kernel")!.values);
  r.model.dispose();
  model.dispose();
});
