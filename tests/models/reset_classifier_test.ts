import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { buildModel } from "../../lib/models/build_model.ts";
import { getNamedWeights } from "../../lib/models/get_named_weights.ts";
import { resetClassifier } from "../../lib/models/reset_classifier.ts";

await tf.setBackend("cpu");

Deno.test("resetClassifier: seeded redraw of the classifier only; the model's own seed restores it", () => {
  const model = buildModel("resnet8", { numClasses: 5, inputShape: [8, 8, 3], seed: 9 });
  const original = getNamedWeights(model);
  resetClassifier(model, { seed: 1 });
  const reset1 = getNamedWeights(model);
  for (const name of model.backboneWeights) assertEquals(reset1.get(name), original.get(name));
  for (const name of model.classifierWeights) {
    assertNotEquals(reset1.get(name)!.values, original.get(name)!.values);
    const bound = 1 / Math.sqrt(model.featureDim);
    assert(reset1.get(name)!.values.every((v) => Math.abs(v) <= bound));
  }
  resetClassifier(model, { seed: 1 });
  assertEquals(getNamedWeights(model), reset1);
  resetClassifier(model);
  assertEquals(getNamedWeights(model), original);
  model.dispose();
  assertEquals(tf.memory().numTensors, 0);
});
