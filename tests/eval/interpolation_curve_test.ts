import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../lib/backend/mod.ts";
import { loadBenchmark } from "../../lib/data/mod.ts";
import { evaluate } from "../../lib/eval/mod.ts";
import { DEFAULT_LAMBDAS, interpolationCurve } from "../../lib/eval/interpolation_curve.ts";
import { buildModel, cloneModel, getNamedWeights, setNamedWeights } from "../../lib/models/mod.ts";
import type { Model } from "../../lib/models/types.ts";
import { pretrain } from "../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = await loadBenchmark("tiny");
const build = (seed: number) =>
  buildModel("resnet8", { numClasses: bench.numClasses, inputShape: [16, 16, 3], seed });
const evalOptions = { trainCounts: bench.trainCounts, normalization: bench.normalization };
// A briefly trained model, so that predictions spread over classes and recalls can differ.
const trained =
  (await pretrain(bench, { epochs: 3, batchSize: 32, cache: false, onProgress: null }))
    .model;
const recallsOf = async (m: Model) =>
  Array.from((await evaluate(m, bench.test, evalOptions)).recalls);

/** A copy of `model` with its batch-norm running means moved by ±`shift`, alternating by channel. */
function shiftBuffers(model: Model, shift: number): Model {
  const copy = cloneModel(model);
  const w = getNamedWeights(copy);
  for (const name of copy.buffers) {
    if (!name.endsWith("moving_mean")) continue;
    const entry = w.get(name)!;
    entry.values = entry.values.map((v, i) => v + (i % 2 === 0 ? shift : -shift));
  }
  setNamedWeights(copy, w);
  return copy;
}

Deno.test("the default λ grid is 0, 0.1, …, 1 as exact decimals", () => {
  assertEquals(DEFAULT_LAMBDAS, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
});

Deno.test("the ends of the curve are the two models, unchanged, and nothing leaks", async () => {
  const a = cloneModel(trained);
  const b = build(2);
  const before = getNamedWeights(a);
  const tensors = tf.memory().numTensors;
  const curve = await interpolationCurve({ a, b }, bench, { lambdas: [1, 0] });
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(curve.map((p) => p.lambda), [1, 0]);
  assertEquals(curve[0].recalls, await recallsOf(a));
  assertEquals(curve[1].recalls, await recallsOf(b));
  assertEquals(getNamedWeights(a), before);
  assertEquals(curve[0].summary.few === undefined, false); // train counts reach the summary
  a.dispose();
  b.dispose();
});

Deno.test("batch-norm running statistics are interpolated along with the weights", async () => {
  const a = cloneModel(trained);
  const b = shiftBuffers(a, 0.25); // same weights, running means moved by ±0.25
  const mid = shiftBuffers(a, 0.125); // what λ = 0.5 must be
  const [curveMid] = await interpolationCurve({ a, b }, bench, { lambdas: [0.5] });
  const expected = await recallsOf(mid);
  // The test can only tell the cases apart if the shift changes predictions.
  assertNotEquals(expected, await recallsOf(a));
  assertNotEquals(expected, await recallsOf(b));
  assertEquals(curveMid.recalls, expected);
  for (const m of [a, b, mid]) m.dispose();
});

Deno.test("interpolationCurve rejects λ outside [0, 1] and a missing split", async () => {
  const a = build(4);
  await assertRejects(
    () => interpolationCurve({ a, b: a }, bench, { lambdas: [0, 1.5] }),
    RangeError,
    "λ = 1.5",
  );
  await assertRejects(
    () => interpolationCurve({ a, b: a }, bench, { lambdas: [] }),
    RangeError,
    "at least one",
  );
  await assertRejects(
    () => interpolationCurve({ a, b: a }, { ...bench, val: undefined }, { split: "val" }),
    Error,
    'split "val"',
  );
  a.dispose();
});
