import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertThrows } from "@std/assert";
import { crossEntropy } from "../../lib/losses/cross_entropy.ts";
import { refCrossEntropy } from "./_reference.ts";
import { checkLoss } from "./_check_loss.ts";

await tf.setBackend("cpu");

const LOGITS = [[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-3.0, 4.0, 1.0], [1.5, 1.5, -2.0]];
const LABELS = [0, 2, 1, 2];

Deno.test("crossEntropy: hand value — two classes, logits [ln 3, 0], label 0 gives −ln(3/4)", () => {
  const loss = crossEntropy(tf.tensor2d([[Math.log(3), 0]]), tf.tensor1d([0], "int32"));
  assertAlmostEquals(loss.dataSync()[0], -Math.log(0.75), 1e-6);
  loss.dispose();
});

Deno.test("crossEntropy: value and gradient match a float64 reference; no leaks", () => {
  checkLoss(crossEntropy, (l) => refCrossEntropy(l, LABELS), LOGITS, LABELS);
});

Deno.test("crossEntropy: rejects mismatched shapes and float labels", () => {
  const logits = tf.tensor2d(LOGITS);
  assertThrows(
    () => crossEntropy(logits, tf.tensor1d([0, 1], "int32")),
    Error,
    "labels have shape [2]",
  );
  assertThrows(() => crossEntropy(logits, tf.tensor1d(LABELS, "float32")), Error, "int32");
  logits.dispose();
});
