import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertThrows } from "@std/assert";
import { buildModel } from "../../lib/models/build_model.ts";
import { getNamedWeights } from "../../lib/models/get_named_weights.ts";

await tf.setBackend("cpu");

const OPTIONS = { numClasses: 4, inputShape: [8, 8, 3] as [number, number, number], seed: 3 };

Deno.test("getNamedWeights: every variable by name, with shape and values, as copies", () => {
  const model = buildModel("resnet8", OPTIONS);
  const weights = getNamedWeights(model);
  assertEquals([...weights.keys()], [...model.variables.keys()]);
  for (const [name, { shape, values }] of weights) {
    const v = model.variables.get(name)!;
    assertEquals(shape, v.shape);
    assertEquals(values, v.dataSync());
  }
  const first = model.variables.get("classifier/bias")!.dataSync()[0];
  weights.get("classifier/bias")!.values[0] = first + 100;
  assertEquals(model.variables.get("classifier/bias")!.dataSync()[0], first);
  model.dispose();
});

Deno.test("getNamedWeights: filters by list or predicate; an unknown listed name is an error", () => {
  const model = buildModel("resnet8", OPTIONS);
  assertEquals(
    [...getNamedWeights(model, model.classifierWeights).keys()],
    model.classifierWeights,
  );
  assertEquals(
    [...getNamedWeights(model, (n) => n.endsWith("moving_mean")).keys()],
    model.buffers.filter((n) => n.endsWith("moving_mean")),
  );
  assertThrows(() => getNamedWeights(model, ["classifier/weight"]), Error, '"classifier/weight"');
  model.dispose();
});
