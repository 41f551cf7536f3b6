import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import {
  methodComparison,
  TABLES_2_4_METHODS,
  UNIMPLEMENTED_METHODS,
} from "../../../lib/experiments/sections/method_comparison.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("methodComparison runs the baselines and MiSLAS without and with BTM, sharing stages", async () => {
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
  // BTM where the paper applies it (MiSLAS); CE, BSCE and cRT stay baseline rows.
  assertEquals(TABLES_2_4_METHODS, ["ce", "bsce", "crt", "mislas"]);
  assertEquals(r.runs.map((x) => [x.method, x.btm]), [
    ["ce", false],
    ["bsce", false],
    ["crt", false],
    ["mislas", false],
    ["mislas", true],
  ]);
  assertEquals(r.runs.map((x) => x.label), ["CE", "BSCE", "cRT", "MiSLAS", "MiSLAS + BTM"]);
  const get = (m: string, b: boolean) => r.runs.find((x) => x.method === m && x.btm === b)!;

  // CE's stage 1 is the pipeline's pre-trained model (same key, loaded from the cache).
  const pre = pipeline.models.find((m) => m.name === "pretrain")!;
  assertEquals(get("ce", false).stage1.key, pre.key);
  assertEquals(get("ce", false).stage1.fromCache, true);
  assertEquals(get("ce", false).summary, pre.summary);
  assertEquals(get("ce", false).stage2, undefined);
  assertEquals(get("bsce", false).stage2, undefined);
  // cRT shares CE's stage 1; BSCE and MiSLAS train their own.
  assertEquals(get("crt", false).stage1.key, pre.key);
  assertNotEquals(get("bsce", false).stage1.key, pre.key);
  assertNotEquals(get("mislas", false).stage1.key, pre.key);
  assertNotEquals(get("mislas", false).stage1.key, get("bsce", false).stage1.key);
  // MiSLAS + BTM fine-tunes MiSLAS's stage 1, not the CE pre-train: new members.
  assertEquals(get("mislas", true).stage1.key, get("mislas", false).stage1.key);
  assertNotEquals(get("mislas", true).btmMembers!.keys[0], pipeline.btm!.members[0].key);
  assert(get("crt", false).stage2!.key.startsWith("post-train-ce-"));
  assert(get("mislas", false).stage2!.key.startsWith("post-train-las-"));
  assertNotEquals(get("mislas", true).stage2!.key, get("mislas", false).stage2!.key);
  assertNotEquals(get("crt", false).recalls, get("ce", false).recalls);

  // The table: every run, then the methods we do not implement.
  assertEquals(r.table.length, 5 + UNIMPLEMENTED_METHODS.length);
  assertEquals(r.table.slice(-UNIMPLEMENTED_METHODS.length).every((x) => x.ours === null), true);
  // The effect pairs MiSLAS with MiSLAS + BTM.
  assertEquals(r.effect.methods, 1);
  assertEquals(
    r.effect.perMethod[0].delta.harmonicMean,
    get("mislas", true).summary.harmonicMean - get("mislas", false).summary.harmonicMean,
  );

  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/table2-test-smoke-seed0.json`);
  assertEquals(saved.section, "method-comparison");
  assertEquals(saved.config.data, "tiny");
  assertEquals(saved.runs.length, 5);
  for (const t of ["data", "stage1", "btm", "stage2", "eval", "total"]) {
    assert(saved.timings[t] >= 0, t);
  }

  // A second run trains nothing and leaves no tensors behind; GML can be asked for.
  const again = await methodComparison({
    preset: "smoke",
    methods: ["mislas", "gml"],
    cache,
    onProgress: null,
    out: null,
  });
  assertEquals(again.runs[1].summary, get("mislas", true).summary);
  assertEquals(again.runs[1].stage2!.fromCache, true);
  assertEquals(again.runs.map((x) => x.label), ["MiSLAS", "MiSLAS + BTM", "GML"]);
  assert(again.runs[2].stage2!.key.startsWith("post-train-gml-"));
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
