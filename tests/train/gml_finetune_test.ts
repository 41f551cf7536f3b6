import { initBackend } from "../../lib/backend/mod.ts";
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { getNamedWeights } from "../../lib/models/mod.ts";
import { gmlFinetune } from "../../lib/train/gml_finetune.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("gmlFinetune retrains the classifier with GML on a frozen, shared backbone", async () => {
  const model = tinyModel();
  const before = getNamedWeights(model);
  const tensors = tf.memory().numTensors;
  const r = await gmlFinetune(model, fakeBenchmark(), {
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
  assert(r.key.startsWith("post-train-gml-"));
  assertEquals((r.config as { loss: string }).loss, "gml");
  r.model.dispose();
  model.dispose();
});
