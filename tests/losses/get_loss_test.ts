import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertThrows } from "@std/assert";
import { getLoss, LOSS_MAXIMA, LOSSES } from "../../lib/losses/get_loss.ts";
import { balancedSoftmax, crossEntropy, gml, labelAwareSmoothing } from "../../lib/losses/mod.ts";

await tf.setBackend("cpu");

Deno.test("LOSSES: maps the four names to their functions", () => {
  assertEquals(Object.keys(LOSSES).sort(), ["bsce", "ce", "gml", "las"]);
  assert(getLoss("ce") === crossEntropy && getLoss("bsce") === balancedSoftmax);
  assert(getLoss("las") === labelAwareSmoothing && getLoss("gml") === gml);
});

Deno.test("LOSSES: every loss gives a finite scalar with finite gradients and leaks nothing", () => {
  const x = tf.tensor2d([[1, 2, 3], [0, -1, 1], [2, 2, 0], [0.5, 0, -0.5]]);
  const y = tf.tensor1d([0, 1, 2, 2], "int32");
  const options = { classCounts: [50, 10, 2] };
  for (const [name, loss] of Object.entries(LOSSES)) {
    const before = tf.memory().numTensors;
    const { value, grad: g } = tf.valueAndGrad((l: tf.Tensor) =>
      loss(l as tf.Tensor2D, y, options)
    )(x);
    assertEquals(value.shape, [], `${name} is not a scalar`);
    assert(Number.isFinite(value.dataSync()[0]), `${name} is not finite`);
    assert([...g.dataSync()].every(Number.isFinite), `${name} has a non-finite gradient`);
    tf.dispose([value, g]);
    assertEquals(tf.memory().numTensors, before, `${name} leaked tensors`);
  }
  tf.dispose([x, y]);
});

Deno.test("getLoss: an unknown name lists the valid ones", () => {
  assertThrows(
    () => getLoss("focal"),
    Error,
    'Unknown loss "focal": valid losses are ce, bsce, las, gml.',
  );
});

Deno.test("LOSS_MAXIMA: each listed loss reaches its maximum on hopeless logits, never above", () => {
  for (const name of Object.keys(LOSS_MAXIMA)) assert(Object.hasOwn(LOSSES, name), name);
  // Every image's true class gets a logit 1000 below the others: probabilities underflow to 0.
  const x = tf.tensor2d([[-1000, 0, 0], [0, -1000, 0], [0, 0, -1000]]);
  const y = tf.tensor1d([0, 1, 2], "int32");
  for (const [name, max] of Object.entries(LOSS_MAXIMA)) {
    const v = LOSSES[name](x, y, { classCounts: [5, 5, 5] });
    assert(Math.abs(v.dataSync()[0] - max) < 1e-4, `${name}: ${v.dataSync()[0]} vs ${max}`);
    v.dispose();
  }
  tf.dispose([x, y]);
});
