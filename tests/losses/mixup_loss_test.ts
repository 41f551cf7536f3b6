import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertThrows } from "@std/assert";
import { mixupLoss } from "../../lib/losses/mixup_loss.ts";
import { crossEntropy } from "../../lib/losses/cross_entropy.ts";
import { gml } from "../../lib/losses/gml.ts";
import { refCrossEntropy, refGml } from "./_reference.ts";
import { checkLoss } from "./_check_loss.ts";

await tf.setBackend("cpu");

const LOGITS = [[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-3.0, 4.0, 1.0]];
const YA = [0, 2, 1];
const YB = [1, 2, 0];

Deno.test("mixupLoss: λ·L(yA) + (1 − λ)·L(yB) in value and gradient (CE and GML); no leaks", () => {
  const lambda = 0.3;
  const yB = tf.tensor1d(YB, "int32");
  const wrapped = (loss: typeof crossEntropy) => (l: tf.Tensor2D, yA: tf.Tensor1D) =>
    mixupLoss(loss, l, yA, yB, lambda, { classCounts: [5, 3, 1] });
  checkLoss(
    wrapped(crossEntropy),
    (l) => lambda * refCrossEntropy(l, YA) + (1 - lambda) * refCrossEntropy(l, YB),
    LOGITS,
    YA,
  );
  checkLoss(
    wrapped(gml),
    (l) => lambda * refGml(l, YA, [5, 3, 1]) + (1 - lambda) * refGml(l, YB, [5, 3, 1]),
    LOGITS,
    YA,
  );
  yB.dispose();
});

Deno.test("mixupLoss: λ = 1 is the plain loss on yA; λ outside [0, 1] is rejected", () => {
  const x = tf.tensor2d(LOGITS);
  const yA = tf.tensor1d(YA, "int32");
  const yB = tf.tensor1d(YB, "int32");
  const loss = mixupLoss(crossEntropy, x, yA, yB, 1);
  assertAlmostEquals(loss.dataSync()[0], refCrossEntropy(LOGITS, YA), 1e-5);
  assertThrows(() => mixupLoss(crossEntropy, x, yA, yB, 1.2), Error, "λ = 1.2");
  tf.dispose([x, yA, yB, loss]);
});
