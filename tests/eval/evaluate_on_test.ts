import { initBackend } from "../../lib/backend/mod.ts";
import { assertEquals, assertRejects } from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { evaluate } from "../../lib/eval/evaluate.ts";
import { evaluateOn } from "../../lib/eval/evaluate_on.ts";
import { fakeBenchmark, tinyModel } from "../train/_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();

Deno.test("evaluateOn is evaluate on the split with the benchmark's counts and normalization", async () => {
  const model = tinyModel();
  const tensors = tf.memory().numTensors;
  for (const split of ["test", "val"] as const) {
    const e = await evaluateOn(model, bench, split, { batchSize: 5 });
    const expected = await evaluate(model, bench[split]!, {
      trainCounts: bench.trainCounts,
      normalization: bench.normalization,
    });
    assertEquals(e.recalls, expected.recalls, split);
    assertEquals(e.summary, expected.summary, split);
    assertEquals(e.summary.few === undefined, false); // the train counts reached the summary
  }
  assertEquals(tf.memory().numTensors, tensors);
  model.dispose();
});

Deno.test("evaluateOn names a split the benchmark lacks, and an unknown split", async () => {
  const model = tinyModel();
  await assertRejects(
    () => evaluateOn(model, { ...bench, val: undefined }, "val"),
    Error,
    'split "val" of fake3: it has no such split (valid: test)',
  );
  await assertRejects(
    () => evaluateOn(model, bench, "train" as "test"),
    RangeError,
    "valid splits are test, val",
  );
  model.dispose();
});
