import { initBackend } from "../../lib/backend/mod.ts";
import { assertAlmostEquals, assertEquals } from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { getNamedWeights } from "../../lib/models/mod.ts";
import { postTrain } from "../../lib/train/post_train.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();

for (const loss of ["ce", "las", "bsce", "gml", "gml+las"]) {
  Deno.test(`postTrain with ${loss}: backbone weights fixed, statistics re-estimated, input untouched`, async () => {
    const model = tinyModel();
    const before = getNamedWeights(model);
    const tensors = tf.memory().numTensors;
    const r = await postTrain(model, bench, {
      loss,
      epochs: 1,
      batchSize: 8,
      cache: false,
      onProgress: null,
    });
    assertEquals(tf.memory().numTensors, tensors + r.model.variables.size);
    const after = getNamedWeights(r.model);
    for (const n of r.model.backboneWeights) {
      assertEquals(after.get(n)!.values, before.get(n)!.values, `${n} changed`);
    }
    const movedStats = r.model.buffers.filter((n) =>
      after.get(n)!.values.some((v, i) => v !== before.get(n)!.values[i])
    );
    assertEquals(movedStats.length, r.model.buffers.length);
    // The input model is a separate copy and unchanged.
    assertEquals(
      getNamedWeights(model).get("classifier/kernel")!.values,
      before.get("classifier/kernel")!.values,
    );
    r.model.dispose();
    model.dispose();
  });
}

Deno.test("learned logit scales are folded into the classifier", async () => {
  const model = tinyModel();
  const tensors = tf.memory().numTensors;
  const r = await postTrain(model, bench, {
    loss: "ce",
    learnLogitScale: true,
    bnMode: "frozen",
    epochs: 1,
    batchSize: 8,
    cache: false,
    onProgress: null,
  });
  assertEquals(tf.memory().numTensors, tensors + r.model.variables.size);
  const x = tf.randomNormal([2, 8, 8, 3], 0, 1, "float32", 1) as tf.Tensor4D;
  const a = r.model.apply(x);
  // Same backbone features as the input model (frozen BN, frozen backbone).
  const fa = r.model.features(x), fb = model.features(x);
  assertAlmostEquals(tf.max(tf.abs(tf.sub(fa, fb))).dataSync()[0], 0, 1e-6);
  assertEquals(a.shape, [2, 3]);
  tf.dispose([x, a, fa, fb]);
  r.model.dispose();
  model.dispose();
});
