import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertThrows } from "@std/assert";
import { balancedSoftmax } from "../../lib/losses/balanced_softmax.ts";
import { refBalancedSoftmax, refCrossEntropy } from "./_reference.ts";
import { checkLoss } from "./_check_loss.ts";

await tf.setBackend("cpu");

const LOGITS = [[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-3.0, 4.0, 1.0], [1.5, 1.5, -2.0]];
const LABELS = [0, 2, 1, 2];
const COUNTS = [100, 10, 1];

Deno.test("balancedSoftmax: hand value — zero logits, counts [3, 1]: −ln(1/4) for the tail, −ln(3/4) for the head", () => {
  const logits = tf.zeros([2, 2]) as tf.Tensor2D;
  const loss = balancedSoftmax(logits, tf.tensor1d([1, 0], "int32"), { classCounts: [3, 1] });
  assertAlmostEquals(loss.dataSync()[0], (Math.log(4) - Math.log(0.75)) / 2, 1e-6);
  tf.dispose([logits, loss]);
});

Deno.test("balancedSoftmax: value and gradient match a float64 reference; no leaks", () => {
  checkLoss(balancedSoftmax, (l) => refBalancedSoftmax(l, LABELS, COUNTS), LOGITS, LABELS, {
    classCounts: COUNTS,
  });
});

Deno.test("balancedSoftmax: equals cross-entropy when classes are balanced, differs otherwise", () => {
  const x = tf.tensor2d(LOGITS);
  const y = tf.tensor1d(LABELS, "int32");
  const balanced = balancedSoftmax(x, y, { classCounts: [5, 5, 5] });
  assertAlmostEquals(balanced.dataSync()[0], refCrossEntropy(LOGITS, LABELS), 1e-5);
  const skewed = balancedSoftmax(x, y, { classCounts: COUNTS });
  const diff = Math.abs(skewed.dataSync()[0] - refCrossEntropy(LOGITS, LABELS));
  if (diff < 0.1) throw new Error(`skewed counts changed the loss by only ${diff}`);
  tf.dispose([x, y, balanced, skewed]);
});

Deno.test("balancedSoftmax: requires valid class counts", () => {
  const x = tf.tensor2d(LOGITS);
  const y = tf.tensor1d(LABELS, "int32");
  assertThrows(() => balancedSoftmax(x, y), Error, "options.classCounts");
  assertThrows(() => balancedSoftmax(x, y, { classCounts: [1, 2] }), Error, "has 2 entries");
  assertThrows(
    () => balancedSoftmax(x, y, { classCounts: [1, 0, 2] }),
    Error,
    "class 1 has count 0",
  );
  tf.dispose([x, y]);
});
