import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertThrows } from "@std/assert";
import { buildModel } from "../../lib/models/build_model.ts";
import { setClassifier } from "../../lib/models/set_classifier.ts";

await tf.setBackend("cpu");

Deno.test("setClassifier: logits become features·kernel + bias of the new classifier", () => {
  const model = buildModel("resnet8", {
    numClasses: 2,
    inputShape: [8, 8, 3],
    widths: [4, 4, 3],
    seed: 0,
  });
  const kernel = tf.tensor2d([[1, 0], [0, 1], [1, -1]]);
  const bias = tf.tensor1d([0.5, -0.5]);
  setClassifier(model, { kernel, bias });
  tf.dispose([kernel, bias]); // the model holds its own copies
  const x = tf.randomNormal([3, 8, 8, 3], 0, 1, "float32", 4) as tf.Tensor4D;
  const f = model.features(x).arraySync();
  const logits = model.apply(x).arraySync();
  f.forEach(([a, b, c], i) => {
    assertAlmostEquals(logits[i][0], a + c + 0.5, 1e-5);
    assertAlmostEquals(logits[i][1], b - c - 0.5, 1e-5);
  });
  x.dispose();
  model.dispose();
});

Deno.test("setClassifier: shapes must match the model", () => {
  const model = buildModel("resnet8", { numClasses: 2, inputShape: [8, 8, 3], seed: 0 });
  const kernel = tf.zeros([64, 3]) as tf.Tensor2D;
  const bias = tf.zeros([2]) as tf.Tensor1D;
  assertThrows(() => setClassifier(model, { kernel, bias }), Error, "kernel has shape [64,3]");
  tf.dispose([kernel, bias]);
  model.dispose();
});
