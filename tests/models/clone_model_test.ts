import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertNotEquals } from "@std/assert";
import { buildModel } from "../../lib/models/build_model.ts";
import { cloneModel } from "../../lib/models/clone_model.ts";
import { getNamedWeights } from "../../lib/models/get_named_weights.ts";

await tf.setBackend("cpu");

Deno.test("cloneModel: same config and values (buffers too), independent variables", () => {
  const model = buildModel("resnet8", {
    numClasses: 3,
    inputShape: [8, 8, 3],
    widths: [4, 8, 8],
    seed: 6,
  });
  const x = tf.randomNormal([4, 8, 8, 3], 0, 1, "float32", 1) as tf.Tensor4D;
  tf.dispose(model.features(x, { bnMode: "train" })); // non-default running stats
  const copy = cloneModel(model);
  assertEquals(copy.config, model.config);
  assertEquals(getNamedWeights(copy), getNamedWeights(model));
  const a = model.apply(x), b = copy.apply(x);
  assertEquals([...a.dataSync()], [...b.dataSync()]);
  // Training the copy leaves the original alone.
  const before = getNamedWeights(model);
  tf.dispose(copy.features(x, { bnMode: "train" }));
  tf.tidy(() => copy.variables.get("classifier/bias")!.assign(tf.ones([3])));
  assertEquals(getNamedWeights(model), before);
  assertNotEquals(getNamedWeights(copy), before);
  tf.dispose([x, a, b]);
  model.dispose();
  copy.dispose();
  assertEquals(tf.memory().numTensors, 0);
});
