import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertThrows } from "@std/assert";
import {
  labelAwareSmoothing,
  labelAwareSmoothingFactors,
} from "../../lib/losses/label_aware_smoothing.ts";
import { refLas } from "./_reference.ts";
import { checkLoss } from "./_check_loss.ts";

await tf.setBackend("cpu");

const LOGITS = [[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-3.0, 4.0, 1.0], [1.5, 1.5, -2.0]];
const LABELS = [0, 2, 1, 2];
// t = (N − 1) / 99: 1, 0.5, 0 for the three classes.
const COUNTS = [100, 50.5, 1];

Deno.test("labelAwareSmoothingFactors: hand values of the three MiSLAS curves", () => {
  const opts = { smoothHead: 0.4, smoothTail: 0.1 };
  const linear = labelAwareSmoothingFactors(COUNTS, { ...opts, shape: "linear" });
  const concave = labelAwareSmoothingFactors(COUNTS, { ...opts, shape: "concave" });
  const convex = labelAwareSmoothingFactors(COUNTS, { ...opts, shape: "convex" });
  const expected = {
    linear: [0.4, 0.25, 0.1],
    concave: [0.4, 0.1 + 0.3 * Math.SQRT1_2, 0.1], // sin(π/4)
    convex: [0.4, 0.4 - 0.3 * Math.SQRT1_2, 0.1], // 0.4 + 0.3·sin(7π/4)
  };
  for (
    const [got, want] of [[linear, expected.linear], [concave, expected.concave], [
      convex,
      expected.convex,
    ]] as const
  ) {
    want.forEach((w, c) => assertAlmostEquals(got[c], w, 1e-12));
  }
});

Deno.test("labelAwareSmoothingFactors: defaults are MiSLAS CIFAR-10-LT (head 0.3, tail 0, concave)", () => {
  const eps = labelAwareSmoothingFactors(COUNTS);
  assertAlmostEquals(eps[0], 0.3, 1e-12);
  assertAlmostEquals(eps[1], 0.3 * Math.SQRT1_2, 1e-12);
  assertAlmostEquals(eps[2], 0, 1e-12);
});

Deno.test("labelAwareSmoothing: hand value — two classes, zero logits: log 2 for any ε", () => {
  const x = tf.zeros([1, 2]) as tf.Tensor2D;
  const loss = labelAwareSmoothing(x, tf.tensor1d([0], "int32"), { classCounts: [10, 1] });
  assertAlmostEquals(loss.dataSync()[0], Math.log(2), 1e-6);
  tf.dispose([x, loss]);
});

Deno.test("labelAwareSmoothing: hand value — logits [ln 3, 0], head label, ε = 0.5", () => {
  // p = [3/4, 1/4]; loss = 0.5·(−ln 3/4) + 0.5·(−(ln 3/4 + ln 1/4)/2); the uniform term includes the true class.
  const x = tf.tensor2d([[Math.log(3), 0]]);
  const loss = labelAwareSmoothing(x, tf.tensor1d([0], "int32"), {
    classCounts: [10, 1],
    smoothHead: 0.5,
    smoothTail: 0,
    shape: "linear",
  });
  const want = 0.5 * -Math.log(0.75) + 0.5 * -(Math.log(0.75) + Math.log(0.25)) / 2;
  assertAlmostEquals(loss.dataSync()[0], want, 1e-6);
  tf.dispose([x, loss]);
});

Deno.test("labelAwareSmoothing: value and gradient match a float64 reference for every shape; no leaks", () => {
  for (const shape of ["concave", "linear", "convex"] as const) {
    const options = { classCounts: COUNTS, smoothHead: 0.4, smoothTail: 0.1, shape };
    const eps = [...labelAwareSmoothingFactors(COUNTS, options)];
    checkLoss(labelAwareSmoothing, (l) => refLas(l, LABELS, eps), LOGITS, LABELS, options);
  }
});

Deno.test("labelAwareSmoothing: rejects equal counts, bad shape and out-of-range ε", () => {
  assertThrows(() => labelAwareSmoothingFactors([5, 5, 5]), Error, "every class has 5 images");
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => labelAwareSmoothingFactors(COUNTS, { shape: "wavy" as any }),
    Error,
    "valid shapes are concave, linear, convex",
  );
  assertThrows(
    () => labelAwareSmoothingFactors(COUNTS, { smoothHead: 1.5 }),
    Error,
    "smoothHead 1.5",
  );
});
