/**
 * Shared assertions for loss tests (test helper): value against a float64
 * reference, tf gradient against the reference's central difference, no
 * tensor leak.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals } from "@std/assert";
import type { LossFn, LossOptions } from "../../lib/losses/mod.ts";
import { numericGrad } from "./_reference.ts";

/** Checks `loss` against `reference` in value and gradient, and that it leaks nothing. */
export function checkLoss(
  loss: LossFn,
  reference: (logits: number[][]) => number,
  logits: number[][],
  labels: number[],
  options: LossOptions = {},
): void {
  const x = tf.tensor2d(logits);
  const y = tf.tensor1d(labels, "int32");
  const before = tf.memory().numTensors;
  const value = loss(x, y, options);
  assertAlmostEquals(value.dataSync()[0], reference(logits), 1e-5);
  value.dispose();
  const grad = tf.grad((l: tf.Tensor) => loss(l as tf.Tensor2D, y, options))(x);
  const g = grad.arraySync() as number[][];
  grad.dispose();
  assert(tf.memory().numTensors === before, "the loss or its gradient leaked tensors");
  const expected = numericGrad(reference, logits);
  g.forEach((row, i) =>
    row.forEach((v, j) => {
      assert(Number.isFinite(v), `gradient [${i}, ${j}] is ${v}`);
      assertAlmostEquals(v, expected[i][j], 2e-5, `gradient [${i}, ${j}]`);
    })
  );
  tf.dispose([x, y]);
}
