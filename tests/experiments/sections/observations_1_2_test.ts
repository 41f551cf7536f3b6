import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { observations12 } from "../../../lib/experiments/sections/observations_1_2.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("observations12 shares f and f^D with the btm pipeline and traces f → f^D", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const pipeline = await runExperiment("btm", {
    preset: "smoke",
    out: null,
    cache,
    onProgress: null,
  });
  const tensors = tf.memory().numTensors;
  const r = await observations12({ preset: "smoke", cache, onProgress: null, out: dir });
  assertEquals(tf.memory().numTensors, tensors);

  // Same cache keys as the pipeline: nothing was retrained.
  assertEquals(r.pretrain.key, pipeline.models[0].key);
  assertEquals(r.pretrain.fromCache, true);
  assertEquals(r.finetune.key, pipeline.btm!.members[0].key);
  assertEquals(r.finetune.fromCache, true);
  assertEquals(r.finetune.subsetSize, pipeline.btm!.members[0].subsetSize);

  // λ = 0 is f and λ = 1 is f^D, as the pipeline evaluated them.
  assertEquals(r.curve.map((p) => p.lambda), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assertEquals(r.curve[0].recalls, pipeline.models[0].recalls);
  assertEquals(r.curve[10].recalls, pipeline.btm!.members[0].recalls);
  assertEquals(r.curve[10].summary, pipeline.btm!.members[0].summary);

  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/observations-1-2-smoke-seed0.json`);
  assertEquals(saved.section, "observations-1-2");
  assertEquals(saved.config.data, "tiny");
  assertEquals(saved.data.trainCounts.length, saved.data.numClasses);
  assertEquals(saved.curve.length, 11);
  for (const t of ["data", "pretrain", "finetune", "curve", "total"]) {
    assert(saved.timings[t] >= 0, t);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("observations12 with another subset fine-tunes BTM's member of that number", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const pipeline = await runExperiment("btm", {
    preset: "smoke",
    out: null,
    cache,
    onProgress: null,
  });
  const r = await observations12({
    preset: "smoke",
    subsetIndex: 1,
    lambdas: [1],
    cache,
    onProgress: null,
    out: null,
  });
  assertEquals(r.finetune.key, pipeline.btm!.members[1].key);
  assertEquals(r.curve[0].recalls, pipeline.btm!.members[1].recalls);
  assertEquals(r.path, undefined);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("observations12 names a subset number BTM does not draw", async () => {
  await assertRejects(
    () => observations12({ preset: "smoke", subsetIndex: 2, cache: false, out: null }),
    RangeError,
    "subsets 0..1",
  );
});
