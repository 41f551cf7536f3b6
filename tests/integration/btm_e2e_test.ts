/**
 * End to end: the `btm` pipeline on the tiny data preset, checking the
 * artifacts (results JSON, cached checkpoints) and the metrics' shape.
 */
import { initBackend } from "../../lib/backend/mod.ts";
import { assert, assertEquals } from "@std/assert";
import { runExperiment } from "../../lib/experiments/mod.ts";
import { RunCache } from "../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("btm runs end to end on the tiny preset and writes complete results", async () => {
  const dir = await Deno.makeTempDir();
  const started = performance.now();
  const result = await runExperiment("btm", {
    preset: "smoke",
    out: `${dir}/results`,
    cache: new RunCache({ dir: `${dir}/cache` }),
    onProgress: null,
  });
  // Speed is the benchmark's business, not a test's; the time is printed for the record.
  console.log(`btm on the tiny preset took ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const saved = JSON.parse(await Deno.readTextFile(result.path!));
  assertEquals(saved.experiment, "btm");
  assertEquals(saved.preset, "smoke");
  assertEquals(saved.config.data, "tiny");
  assertEquals(typeof saved.versions.tfjs, "string");
  assertEquals(saved.backend, "wasm");
  const numClasses = saved.data.numClasses;
  assertEquals(saved.data.trainCounts.length, numClasses);
  assertEquals(saved.models.map((m: { name: string }) => m.name), [
    "pretrain",
    "btm",
    "btm+post-train",
  ]);
  for (const m of saved.models) {
    assertEquals(m.recalls.length, numClasses);
    for (const k of ["accuracy", "geometricMean", "harmonicMean", "lowestRecall"]) {
      assert(m.summary[k] >= 0 && m.summary[k] <= 1, `${m.name}.${k} = ${m.summary[k]}`);
    }
  }
  assertEquals(saved.btm.members.length, saved.config.btm.subsets);
  assertEquals(saved.btm.merge.strategy, "uniform");
  for (const t of ["data", "pretrain", "btm", "postTrain", "total"]) {
    assert(saved.timings[t] >= 0, t);
  }

  // Every stage left a verified checkpoint in the cache: pretrain, N_D fine-tunes, post-train.
  const files = [...Deno.readDirSync(`${dir}/cache`)].map((e) => e.name).sort();
  assertEquals(files.filter((f) => f.endsWith(".ckpt")).length, 1 + saved.config.btm.subsets + 1);
  assertEquals(files.filter((f) => f.includes(".epoch.") || f.endsWith(".tmp")), []);

  // A second run is served from the cache.
  const again = await runExperiment("btm", {
    preset: "smoke",
    out: null,
    cache: new RunCache({ dir: `${dir}/cache` }),
    onProgress: null,
  });
  assertEquals(again.models[0].fromCache, true);
  assertEquals(again.models[0].summary, result.models[0].summary);
  await Deno.remove(dir, { recursive: true });
});
