import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { loadBenchmark } from "../../../lib/data/mod.ts";
import { resolveConfig } from "../../../lib/experiments/config.ts";
import {
  OBSERVATION_SHOTS,
  observations12,
} from "../../../lib/experiments/sections/observations_1_2.ts";
import { observations34 } from "../../../lib/experiments/sections/observations_3_4.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { fewShotSubsets } from "../../../lib/samplers/mod.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

// The paper's 5-shot subset D, drawn here independently of the code under test.
const config = resolveConfig("smoke");
const bench = await loadBenchmark(config.data);
const [subsetD] = fewShotSubsets(bench.train.labels, { subsets: 1, perClass: 5, seed: 0 });

Deno.test("observations12 fine-tunes the stage-1 model on a 5-shot subset and traces f → f^D", async () => {
  assertEquals(OBSERVATION_SHOTS, 5); // btm_paper.txt:309, "a 5-shot balanced dataset D"
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

  // f is the pipeline's stage 1; f^D is a new fine-tune on the 5-shot subset, not a BTM member.
  assertEquals(r.pretrain.key, pipeline.models[0].key);
  assertEquals(r.pretrain.fromCache, true);
  assertEquals(r.finetune.perClass, 5);
  assertEquals(r.finetune.subsetSize, subsetD.length);
  assert(pipeline.btm!.members.every((m) => m.key !== r.finetune.key));
  assertEquals(r.finetune.history.epochLosses.length, config.btm.epochs);

  // λ = 0 is f, as the pipeline evaluated it.
  assertEquals(r.curve.map((p) => p.lambda), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assertEquals(r.curve[0].recalls, pipeline.models[0].recalls);

  // Observation 3's f^{D_A} is f^D: one fine-tune, shared through the cache.
  const o34 = await observations34({ preset: "smoke", cache, onProgress: null, out: null });
  assertEquals(o34.finetunes[0].key, r.finetune.key);
  assertEquals(o34.finetunes[0].fromCache, true);
  assertEquals(o34.curve[10].recalls, r.curve[10].recalls);

  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/observations-1-2-smoke-seed0.json`);
  assertEquals(saved.section, "observations-1-2");
  assertEquals(saved.config.data, "tiny");
  assertEquals(saved.curve.length, 11);
  for (const t of ["data", "pretrain", "finetune", "curve", "total"]) {
    assert(saved.timings[t] >= 0, t);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("observations12 takes another subset and another shot count", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const base = { preset: "smoke", lambdas: [1], cache, onProgress: null, out: null };
  const a = await observations12({ ...base, subsetIndex: 1 });
  const b = await observations12({ ...base, perClass: 3 });
  const c = await observations12(base);
  assert(a.finetune.key !== c.finetune.key && b.finetune.key !== c.finetune.key);
  assertEquals(b.finetune.perClass, 3);
  assertEquals(a.path, undefined);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("observations12 names a bad subset number or shot count", async () => {
  await assertRejects(
    () => observations12({ preset: "smoke", subsetIndex: -1, cache: false, out: null }),
    RangeError,
    "subset -1",
  );
  await assertRejects(
    () => observations12({ preset: "smoke", perClass: 0, cache: false, out: null }),
    RangeError,
    "0 images per class",
  );
});
