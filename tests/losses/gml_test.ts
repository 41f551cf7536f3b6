import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { gml, GML_MIN_PROBABILITY, gmlSettings } from "../../lib/losses/gml.ts";
import { refGml, type RefGmlOptions } from "./_reference.ts";
import { checkLoss } from "./_check_loss.ts";

await tf.setBackend("cpu");

const LOGITS = [[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-3.0, 4.0, 1.0], [1.5, 1.5, -2.0], [0, 1, 2]];
const LABELS = [0, 2, 1, 2, 2];
const COUNTS = [100, 10, 1];

function value(logits: number[][], labels: number[], options: Record<string, unknown>): number {
  const x = tf.tensor2d(logits);
  const y = tf.tensor1d(labels, "int32");
  const loss = gml(x as tf.Tensor2D, y, options);
  const v = loss.dataSync()[0];
  tf.dispose([x, y, loss]);
  return v;
}

Deno.test("gml: hand value — zero logits, counts [3, 1], labels [0, 0, 1]", () => {
  // Re-weighted p = [3/4, 1/4] for every sample: p̄_0 = 3/4, p̄_1 = 1/4; both classes present.
  const v = value([[0, 0], [0, 0], [0, 0]], [0, 0, 1], { classCounts: [3, 1] });
  assertAlmostEquals(v, -(Math.log(0.75) + Math.log(0.25)) / 2, 1e-6);
});

Deno.test("gml: an absent class has no term; Eq. (1)'s 1/C by default, 1/|present| as an option", () => {
  // Three classes with equal counts, zero logits: p̃ = 1/3; only class 0 and 1 in the batch.
  const x = [[0, 0, 0], [0, 0, 0]];
  const terms = 2 * Math.log(1 / 3);
  assertAlmostEquals(value(x, [0, 1], { classCounts: [5, 5, 5] }), -terms / 3, 1e-6);
  assertAlmostEquals(
    value(x, [0, 1], { classCounts: [5, 5, 5], gmlNormalizer: "all" }),
    -terms / 3,
    1e-6,
  );
  assertAlmostEquals(
    value(x, [0, 1], { classCounts: [5, 5, 5], gmlNormalizer: "present" }),
    -terms / 2,
    1e-6,
  );
});

Deno.test("gml: averages probabilities within a class before the log (not per-sample logs)", () => {
  // Class 0 samples with p = 0.9 and p = 0.1 (balanced counts, no re-weighting effect): p̄ = 0.5,
  // term ln 2 (÷ 2 classes), whereas per-sample CE would give −(ln 0.9 + ln 0.1)/2 ≈ 1.204.
  const l = Math.log(9);
  const v = value([[l, 0], [0, l]], [0, 0], { classCounts: [4, 4], gmlNormalizer: "present" });
  assertAlmostEquals(v, Math.log(2), 1e-6);
});

Deno.test("gml: re-weighting multiplies by the training counts (Eq. 3); gmlReweight false drops it", () => {
  // Zero logits, counts [3, 1]: re-weighted p̃_0 = 3/4, plain softmax 1/2.
  assertAlmostEquals(value([[0, 0]], [0], { classCounts: [3, 1] }), -Math.log(0.75) / 2, 1e-6);
  assertAlmostEquals(
    value([[0, 0]], [0], { classCounts: [3, 1], gmlReweight: false }),
    -Math.log(0.5) / 2,
    1e-6,
  );
});

const VARIANTS: RefGmlOptions[] = [
  {},
  { gmlNormalizer: "present" },
  { gmlMinProbability: GML_MIN_PROBABILITY },
  { gmlNormalizer: "present", gmlMinProbability: GML_MIN_PROBABILITY },
  { gmlReweight: false },
  { gmlReweight: false, gmlNormalizer: "present" },
];

for (const variant of VARIANTS) {
  Deno.test(`gml ${JSON.stringify(variant)}: value and gradient match a float64 reference (absent class 1 of 4); no leaks`, () => {
    const logits = LOGITS.map((r) => [...r, 0.25]);
    const counts = [...COUNTS, 7];
    checkLoss(gml, (l) => refGml(l, LABELS, counts, variant), logits, LABELS, {
      classCounts: counts,
      ...variant,
    });
  });
}

Deno.test("gml: with the authors' floor the probability is clamped at 1e-5, where the gradient vanishes", () => {
  const x = tf.tensor2d([[-40, 0]]);
  const y = tf.tensor1d([0], "int32");
  const options = { classCounts: [1, 1], gmlMinProbability: GML_MIN_PROBABILITY };
  const loss = gml(x, y, options);
  assertAlmostEquals(loss.dataSync()[0], -Math.log(1e-5) / 2, 1e-3);
  const g = tf.grad((l: tf.Tensor) => gml(l as tf.Tensor2D, y, options))(x);
  assertEquals([...g.dataSync()], [0, 0]);
  tf.dispose([x, y, loss, g]);
});

Deno.test("gml: without a floor (the paper's Eqs.), probabilities below float32's range keep a finite loss and gradient", () => {
  // p̃ = e^-200 underflows float32 (and a probability-space mean would give log 0 = −∞).
  const x = tf.tensor2d([[-200, 0], [-201, 0], [0, 3]]);
  const y = tf.tensor1d([0, 0, 1], "int32");
  const options = { classCounts: [1, 1] };
  const loss = gml(x, y, options);
  // log p̄_0 = log((e^-200 + e^-201)/2) (the softplus terms are e^-200-small), log p̄_1 ≈ −e^-3.
  const logMean0 = -200 + Math.log((1 + Math.exp(-1)) / 2);
  const logMean1 = -Math.log(1 + Math.exp(-3));
  assertAlmostEquals(loss.dataSync()[0], -(logMean0 + logMean1) / 2, 1e-3);
  const g = tf.grad((l: tf.Tensor) => gml(l as tf.Tensor2D, y, options))(x);
  const grads = [...g.dataSync()];
  assert(grads.every(Number.isFinite), `gradient ${grads}`);
  // d/do_00 of −(1/2)·log p̄_0 = −(1/2)·w_0·(1 − p_0) with w_0 = 1/(1 + e^-1): clearly nonzero.
  assertAlmostEquals(grads[0], -0.5 / (1 + Math.exp(-1)), 1e-4);
  tf.dispose([x, y, loss, g]);
});

Deno.test("gml: bad options are refused, naming the value", () => {
  assertThrows(() => gmlSettings({ gmlNormalizer: "batch" as "all" }), Error, '"batch"');
  assertThrows(() => gmlSettings({ gmlMinProbability: 1 }), Error, "gmlMinProbability 1");
  assertThrows(() => gmlSettings({ gmlMinProbability: -0.1 }), Error, "-0.1");
  assertThrows(() => gmlSettings({ gmlReweight: "yes" as unknown as boolean }), Error, "yes");
  assertEquals(gmlSettings(), { normalizer: "all", minProbability: 0, reweight: true });
});
