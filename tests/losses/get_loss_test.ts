import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertThrows } from "@std/assert";
import { getLoss, LOSSES, lossMaximum } from "../../lib/losses/get_loss.ts";
import {
  balancedSoftmax,
  crossEntropy,
  gml,
  GML_MIN_PROBABILITY,
  gmlLas,
  labelAwareSmoothing,
} from "../../lib/losses/mod.ts";

await tf.setBackend("cpu");

Deno.test("LOSSES: maps the five names to their functions", () => {
  assertEquals(Object.keys(LOSSES).sort(), ["bsce", "ce", "gml", "gml+las", "las"]);
  assert(getLoss("ce") === crossEntropy && getLoss("bsce") === balancedSoftmax);
  assert(getLoss("las") === labelAwareSmoothing && getLoss("gml") === gml);
  assert(getLoss("gml+las") === gmlLas);
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
    'Unknown loss "focal": valid losses are ce, bsce, las, gml, gml+las.',
  );
});

Deno.test("lossMaximum: a clamped GML reaches its maximum on hopeless logits, never above; the rest are unbounded", () => {
  // Every image's true class gets a logit 1000 below the others: probabilities underflow to 0.
  const x = tf.tensor2d([[-1000, 0, 0], [0, -1000, 0], [0, 0, -1000]]);
  const y = tf.tensor1d([0, 1, 2], "int32");
  const clamped = { classCounts: [5, 5, 5], gmlMinProbability: GML_MIN_PROBABILITY };
  const max = lossMaximum("gml", clamped);
  assertEquals(max, -Math.log(GML_MIN_PROBABILITY));
  const v = gml(x, y, clamped);
  assert(Math.abs(v.dataSync()[0] - max) < 1e-4, `${v.dataSync()[0]} vs ${max}`);
  // Without the floor (the paper's Eqs.) the same logits give a loss far above it.
  const free = gml(x, y, { classCounts: [5, 5, 5] });
  assert(free.dataSync()[0] > 900, `${free.dataSync()[0]}`);
  for (const name of Object.keys(LOSSES)) {
    if (name !== "gml") assertEquals(lossMaximum(name, clamped), Infinity, name);
  }
  assertEquals(lossMaximum("gml"), Infinity);
  assertThrows(() => lossMaximum("focal"), Error, "valid losses");
  tf.dispose([x, y, v, free]);
});
