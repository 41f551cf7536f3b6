import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { buildModel } from "../../lib/models/build_model.ts";
import { getNamedWeights } from "../../lib/models/get_named_weights.ts";
import { setNamedWeights } from "../../lib/models/set_named_weights.ts";

await tf.setBackend("cpu");

const OPTIONS = { numClasses: 4, inputShape: [8, 8, 3] as [number, number, number] };

Deno.test("setNamedWeights: copies a model into another by name; outputs then agree", () => {
  const a = buildModel("resnet8", { ...OPTIONS, seed: 1 });
  const b = buildModel("resnet8", { ...OPTIONS, seed: 2 });
  const x = tf.randomNormal([2, 8, 8, 3], 0, 1, "float32", 0) as tf.Tensor4D;
  const ya = a.apply(x);
  const yb0 = b.apply(x);
  assertNotEquals([...ya.dataSync()], [...yb0.dataSync()]);
  // Reversed order: matching is by name, never by position.
  setNamedWeights(b, new Map([...getNamedWeights(a)].reverse()));
  const yb = b.apply(x);
  assertEquals([...yb.dataSync()], [...ya.dataSync()]);
  tf.dispose([x, ya, yb0, yb]);
  a.dispose();
  b.dispose();
});

Deno.test("setNamedWeights: missing, extra and mis-shaped entries are named, and nothing is written", () => {
  const model = buildModel("resnet8", { ...OPTIONS, seed: 1 });
  const original = getNamedWeights(model);
  const full = getNamedWeights(model);
  for (const v of full.values()) v.values.fill(0.5);

  const missing = new Map(full);
  missing.delete("backbone/stage2/block0/bn1/beta");
  assertThrows(() => setNamedWeights(model, missing), Error, '"backbone/stage2/block0/bn1/beta"');

  const extra = new Map(full);
  extra.set("classifier/weight", { shape: [1], values: new Float32Array(1) });
  assertThrows(() => setNamedWeights(model, extra), Error, '"classifier/weight"');

  const misShaped = new Map(full);
  misShaped.set("classifier/bias", { shape: [5], values: new Float32Array(5) });
  assertThrows(() => setNamedWeights(model, misShaped), Error, "has shape [5]");

  const shortValues = new Map(full);
  shortValues.set("classifier/bias", { shape: [4], values: new Float32Array(3) });
  assertThrows(() => setNamedWeights(model, shortValues), Error, "holds 3 values");

  assertEquals(getNamedWeights(model), original);
  // allowMissing sets a subset.
  setNamedWeights(model, new Map([["classifier/bias", full.get("classifier/bias")!]]), {
    allowMissing: true,
  });
  assertEquals([...model.variables.get("classifier/bias")!.dataSync()], [0.5, 0.5, 0.5, 0.5]);
  assertEquals(
    model.variables.get("classifier/kernel")!.dataSync(),
    original.get("classifier/kernel")!.values,
  );
  model.dispose();
  assertEquals(tf.memory().numTensors, 0);
});
