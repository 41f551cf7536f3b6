import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { loadBenchmark } from "../../../lib/data/mod.ts";
import { resolveConfig } from "../../../lib/experiments/config.ts";
import { observations34 } from "../../../lib/experiments/sections/observations_3_4.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { fewShotSubsets } from "../../../lib/samplers/mod.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

// The paper's 5-shot subsets D_A and D_B, drawn here independently of the code under test.
const config = resolveConfig("smoke");
const bench = await loadBenchmark(config.data);
const [subsetA, subsetB] = fewShotSubsets(bench.train.labels, {
  subsets: 2,
  perClass: 5,
  seed: config.seed,
});
const unionSize = new Set([...subsetA, ...subsetB]).size;

Deno.test("observations34 fine-tunes f on two 5-shot subsets, traces between them, trains on the union", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const pipeline = await runExperiment("btm", {
    preset: "smoke",
    out: null,
    cache,
    onProgress: null,
  });
  const tensors = tf.memory().numTensors;
  const r = await observations34({ preset: "smoke", cache, onProgress: null, out: dir });
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(r.pretrain.fromCache, true);
  assertEquals(r.pretrain.recalls, pipeline.models[0].recalls);
  assertEquals(r.finetunes.map((f) => [f.perClass, f.subsetSize]), [
    [5, subsetA.length],
    [5, subsetB.length],
  ]);
  assertEquals(r.finetunes.map((f) => f.fromCache), [false, false]);
  assert(r.finetunes[0].key !== r.finetunes[1].key);
  // λ = 1 is f^{D_A}, λ = 0 is f^{D_B}.
  assertEquals(r.curve[5].lambda, 0.5);

  // The union: distinct images of both subsets, same epochs as one fine-tune, trained here.
  assertEquals(r.union.size, unionSize);
  assertEquals(r.union.overlap, subsetA.length + subsetB.length - unionSize);
  assert(r.union.overlap > 0, "tiny's tail classes have fewer than N_C images, so subsets overlap");
  assertEquals(r.union.budget, "epochs");
  assertEquals(r.union.epochs, config.btm.epochs);
  assertEquals(r.union.fromCache, false);
  assertEquals(r.union.history.epochLosses.length, config.btm.epochs);
  assertEquals(r.union.history.images, config.btm.epochs * unionSize);
  assertEquals(r.union.recalls.length, bench.numClasses);

  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/observations-3-4-smoke-seed0.json`);
  assertEquals(saved.union.size, unionSize);
  assertEquals(saved.curve.length, 11);

  // Asked again, the union fine-tune comes from the cache too.
  const again = await observations34({ preset: "smoke", cache, onProgress: null, out: null });
  assertEquals(again.union.fromCache, true);
  assertEquals(again.union.recalls, r.union.recalls);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the steps budget gives the union as many steps as one fine-tune", async () => {
  const r = await observations34({
    preset: "smoke",
    overrides: { btm: { epochs: 4 } },
    unionBudget: "steps",
    lambdas: [0.5],
    cache: false,
    onProgress: null,
    out: null,
  });
  const expected = Math.max(1, Math.round(4 * subsetA.length / unionSize));
  assertEquals(r.union.epochs, expected);
  assert(expected < 4, `the union is larger than one subset, so fewer epochs (${expected})`);
  assertEquals(r.union.history.epochLosses.length, expected);
});

Deno.test("observations34 rejects equal or missing subset numbers and unknown budgets", async () => {
  for (const subsetIndices of [[0, 0], [0, -1]] as [number, number][]) {
    await assertRejects(
      () => observations34({ preset: "smoke", subsetIndices, cache: false, out: null }),
      RangeError,
      "give two different subset numbers",
    );
  }
  await assertRejects(
    () => observations34({ preset: "smoke", unionBudget: "images" as never, out: null }),
    RangeError,
    "valid budgets are epochs, steps",
  );
});
