import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../lib/backend/mod.ts";
import { makeBatch } from "../../lib/data/mod.ts";
import { predictLogits } from "../../lib/eval/predict_logits.ts";
import { getNamedWeights, setNamedWeights } from "../../lib/models/mod.ts";
import { fakeBenchmark, tinyModel } from "../train/_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();

Deno.test("predictLogits: the frozen-BN logits of every image, batch by batch, and no leaks", async () => {
  const model = tinyModel();
  const set = bench.test;
  const tensors = tf.memory().numTensors;
  const logits = await predictLogits(model, set, {
    batchSize: 5,
    normalization: bench.normalization,
  });
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(logits.length, set.labels.length * set.numClasses);
  // One forward pass of all images gives the same numbers (up to float rounding).
  const all = Int32Array.from({ length: set.labels.length }, (_, i) => i);
  const b = makeBatch(set, all, { normalization: bench.normalization });
  const direct = tf.tidy(() =>
    model.apply(tf.tensor4d(b.x, [all.length, set.height, set.width, 3]), { bnMode: "frozen" })
  );
  const expected = await direct.data();
  direct.dispose();
  logits.forEach((v, i) => {
    if (Math.abs(v - expected[i]) > 1e-5) throw new Error(`logit ${i}: ${v} vs ${expected[i]}`);
  });
  model.dispose();
});

Deno.test("predictLogits refuses a wrong class count, a bad batch size and non-finite logits", async () => {
  const model = tinyModel(0, 4);
  await assertRejects(() => predictLogits(model, bench.test), Error, "4-class model on a 3-class");
  model.dispose();
  const broken = tinyModel();
  await assertRejects(() => predictLogits(broken, bench.test, { batchSize: 0 }), RangeError, "0");
  const w = getNamedWeights(broken);
  w.get("classifier/bias")!.values[0] = NaN;
  setNamedWeights(broken, w);
  await assertRejects(() => predictLogits(broken, bench.test), Error, "non-finite logits");
  broken.dispose();
});
