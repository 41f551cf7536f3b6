import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals } from "@std/assert";
import { gml } from "../../lib/losses/gml.ts";
import { refGml } from "./_reference.ts";
import { checkLoss } from "./_check_loss.ts";

await tf.setBackend("cpu");

const LOGITS = [[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-3.0, 4.0, 1.0], [1.5, 1.5, -2.0], [0, 1, 2]];
const LABELS = [0, 2, 1, 2, 2];
const COUNTS = [100, 10, 1];

Deno.test("gml: hand value — zero logits, counts [3, 1], labels [0, 0, 1]", () => {
  // Re-weighted p = [3/4, 1/4] for every sample: p̄_0 = 3/4, p̄_1 = 1/4.
  const x = tf.zeros([3, 2]) as tf.Tensor2D;
  const loss = gml(x, tf.tensor1d([0, 0, 1], "int32"), { classCounts: [3, 1] });
  assertAlmostEquals(loss.dataSync()[0], -(Math.log(0.75) + Math.log(0.25)) / 2, 1e-6);
  tf.dispose([x, loss]);
});

Deno.test("gml: averages probabilities within a class before the log (not per-sample logs)", () => {
  // Class 0 samples with p = 0.9 and p = 0.1 (balanced counts): p̄ = 0.5, loss = ln 2,
  // whereas per-sample CE would give −(ln 0.9 + ln 0.1)/2 ≈ 1.204.
  const l = Math.log(9);
  const x = tf.tensor2d([[l, 0], [0, l]]);
  const loss = gml(x, tf.tensor1d([0, 0], "int32"), { classCounts: [4, 4] });
  assertAlmostEquals(loss.dataSync()[0], Math.log(2), 1e-6);
  tf.dispose([x, loss]);
});

Deno.test("gml: value and gradient match a float64 reference (absent class 1 of 4); no leaks", () => {
  const logits = LOGITS.map((r) => [...r, 0.25]);
  const counts = [...COUNTS, 7];
  checkLoss(gml, (l) => refGml(l, LABELS, counts), logits, LABELS, { classCounts: counts });
});

Deno.test("gml: clamps the true-class probability at 1e-5, where the gradient vanishes", () => {
  const x = tf.tensor2d([[-40, 0]]);
  const y = tf.tensor1d([0], "int32");
  const loss = gml(x, y, { classCounts: [1, 1] });
  assertAlmostEquals(loss.dataSync()[0], -Math.log(1e-5), 1e-3);
  const g = tf.grad((l: tf.Tensor) => gml(l as tf.Tensor2D, y, { classCounts: [1, 1] }))(x);
  assertEquals([...g.dataSync()], [0, 0]);
  tf.dispose([x, y, loss, g]);
});
