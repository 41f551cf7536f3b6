import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import {
  COMPARED_METHODS,
  methodComparison,
  UNIMPLEMENTED_METHODS,
} from "../../../lib/experiments/sections/method_comparison.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("methodComparison runs every method without and with BTM, sharing the btm pipeline's stages", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const pipeline = await runExperiment("btm", {
    preset: "smoke",
    out: null,
    cache,
    onProgress: null,
  });
  const tensors = tf.memory().numTensors;
  const r = await methodComparison({
    preset: "smoke",
    name: "table2-test",
    cache,
    onProgress: null,
    out: dir,
  });
  assertEquals(tf.memory().numTensors, tensors);
  const names = Object.keys(COMPARED_METHODS);
  assertEquals(r.runs.map((x) => [x.method, x.btm]), names.flatMap((n) => [[n, false], [n, true]]));
  const get = (m: string, b: boolean) => r.runs.find((x) => x.method === m && x.btm === b)!;

  // CE's stage 1 and BTM members are the pipeline's (same keys, loaded from the cache).
  const pre = pipeline.models.find((m) => m.name === "pretrain")!;
  assertEquals(get("ce", false).stage1.key, pre.key);
  assertEquals(get("ce", false).stage1.fromCache, true);
  assertEquals(get("ce", false).summary, pre.summary);
  assertEquals(get("ce", true).btmMembers!.keys, pipeline.btm!.members.map((m) => m.key));
  assertEquals(get("ce", true).btmMembers!.fromCache, pipeline.btm!.members.length);
  // CE + BTM is the pipeline's uniform merge, with no stage 2.
  assertEquals(get("ce", true).summary, pipeline.models.find((m) => m.name === "btm")!.summary);
  assertEquals(get("ce", true).stage2, undefined);
  assertEquals(get("bsce", false).stage2, undefined);

  // cRT and GML share CE's stage 1; BSCE and MiSLAS train their own.
  for (const m of ["crt", "gml"]) assertEquals(get(m, false).stage1.key, pre.key);
  assertNotEquals(get("bsce", false).stage1.key, pre.key);
  assertNotEquals(get("mislas", false).stage1.key, pre.key);
  assertNotEquals(get("mislas", false).stage1.key, get("bsce", false).stage1.key);
  assertNotEquals(get("mislas", true).btmMembers!.keys[0], get("ce", true).btmMembers!.keys[0]);
  // Each stage 2 is its own loss, applied to the stage-1 model or to the merge.
  assert(get("crt", false).stage2!.key.startsWith("post-train-ce-"));
  assert(get("mislas", false).stage2!.key.startsWith("post-train-las-"));
  assert(get("gml", false).stage2!.key.startsWith("post-train-gml-"));
  for (const m of ["crt", "mislas", "gml"]) {
    assertNotEquals(get(m, true).stage2!.key, get(m, false).stage2!.key);
  }
  // The stage 2 changes the model: cRT differs from CE.
  assertNotEquals(get("crt", false).recalls, get("ce", false).recalls);

  // The table: every run, then the methods we do not implement.
  assertEquals(r.table.length, 2 * names.length + UNIMPLEMENTED_METHODS.length);
  assertEquals(r.table[1].method, "CE + BTM");
  assertEquals(r.table[1].ours!.harmonicMean, get("ce", true).summary.harmonicMean);
  assertEquals(r.table.slice(-UNIMPLEMENTED_METHODS.length).map((x) => x.ours), [
    null,
    null,
    null,
    null,
    null,
  ]);
  // The effect pairs each method with its BTM version.
  assertEquals(r.effect.methods, names.length);
  assertEquals(
    r.effect.perMethod[2].delta.harmonicMean,
    get("crt", true).summary.harmonicMean - get("crt", false).summary.harmonicMean,
  );

  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/table2-test-smoke-seed0.json`);
  assertEquals(saved.section, "method-comparison");
  assertEquals(saved.config.data, "tiny");
  assertEquals(saved.runs.length, 10);
  for (const t of ["data", "stage1", "btm", "stage2", "eval", "total"]) {
    assert(saved.timings[t] >= 0, t);
  }

  // A second run trains nothing and leaves no tensors behind.
  const again = await methodComparison({
    preset: "smoke",
    methods: ["mislas"],
    cache,
    onProgress: null,
    out: null,
  });
  assertEquals(again.runs[1].summary, get("mislas", true).summary);
  assertEquals(again.runs[1].stage2!.fromCache, true);
  assertEquals(again.path, undefined);
  assertEquals(tf.memory().numTensors, tensors);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("methodComparison names an unknown method and a bad mixup α", async () => {
  await assertRejects(
    () => methodComparison({ preset: "smoke", methods: ["paco"], cache: false, out: null }),
    RangeError,
    'Unknown method "paco": valid methods are ce, bsce, crt, mislas, gml',
  );
  await assertRejects(
    () => methodComparison({ preset: "smoke", mixupAlpha: 0, cache: false, out: null }),
    RangeError,
    "mixup α 0",
  );
});
