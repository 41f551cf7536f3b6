import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import {
  GML_BASE_NAMES,
  gmlAblations,
  gmlTables,
} from "../../../lib/experiments/sections/gml_tables.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("gmlTables runs the bases, GML and ensembles of the GML paper's tables, sharing CE and CE + GML with the gml pipeline, without leaks", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const gml = await runExperiment("gml", { preset: "smoke", cache, onProgress: null, out: null });
  const tensors = tf.memory().numTensors;
  const r = await gmlTables({ preset: "smoke", cache, onProgress: null, out: dir });
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(r.path, `${dir}/gml-tables-smoke-seed0.json`);
  assertEquals(
    Object.keys(r.models).sort(),
    GML_BASE_NAMES.flatMap((b) => [b, `${b}+gml`, `${b}+gml-ensemble`, `${b}+gml-ensemble-val`])
      .sort(),
  );
  const m = r.models;
  const pipeline = (name: string) => gml.models.find((x) => x.name === name)!;
  // Same config ⇒ same stages: CE is the pipelines' pretrain and CE + GML their GML, from the cache.
  for (const [ours, theirs] of [["ce", "pretrain"], ["ce+gml", "pretrain+gml"]] as const) {
    assertEquals(m[ours].key, pipeline(theirs).key, ours);
    assertEquals(m[ours].fromCache, true, ours);
    assertEquals(m[ours].recalls, pipeline(theirs).recalls, ours);
  }
  // The ensembles: the config's 1/1, and the pair chosen on val, as the pipeline has them.
  assertEquals(m["ce+gml-ensemble"].summary, pipeline("pretrain+gml-ensemble").summary);
  assertEquals(m["ce+gml-ensemble-val"].summary, pipeline("pretrain+gml-ensemble-val").summary);
  assertEquals(r.temperatures.ce, gml.gmlTemperatures!.pretrain);
  // Each base's stages, and its GML loss: gml+las on the MiSLAS-style model.
  assertEquals(r.bases.map((b) => b.name), [...GML_BASE_NAMES]);
  assertEquals(r.bases.map((b) => b.stages.length), [1, 1, 2]);
  // MiSLAS-style is the BTM sections' two-stage model: the CE pre-train, then LAS.
  assertEquals(r.bases[2].stages[0].key, m.ce.key);
  assert(m.bsce.key!.startsWith("pretrain-"));
  assert(m.mislas.key!.startsWith("post-train-las-"));
  assert(m["mislas+gml"].key!.startsWith("post-train-gml-las-"));
  assert(m["bsce+gml"].key!.startsWith("post-train-gml-"));
  // Table 7: the 3 × 3 grid on val and test for every base; the paper prints 7 of the 9 pairs.
  for (const base of GML_BASE_NAMES) {
    const rows = r.table7[base];
    assertEquals(rows.map((t) => `${t.tOld}/${t.tNew}`), [
      "1/1",
      "1/2",
      "1/3",
      "2/1",
      "2/2",
      "2/3",
      "3/1",
      "3/2",
      "3/3",
    ]);
    assertEquals(rows.filter((t) => t.printed).length, 7);
    const one = rows[0];
    assertEquals(one.test, m[`${base}+gml-ensemble`].summary, base);
    const trail = r.temperatures[base].trail.find((t) => t.tOld === 1 && t.tNew === 1)!;
    assertEquals(one.val, trail.summary, base);
    assertEquals(r.temperatures[base].split, "val");
    assertEquals(m[`${base}+gml-ensemble-val`].temperatures, {
      tOld: r.temperatures[base].tOld,
      tNew: r.temperatures[base].tNew,
    });
  }
  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(saved.seed, saved.config.seed);
  for (const t of ["pretrain", "bsce", "mislas", "gml", "temperatures", "eval", "total"]) {
    assert(saved.timings[t] >= 0, t);
  }

  // The ablations reuse CE, CE + GML and MiSLAS-style + GML from the cache.
  const tensors2 = tf.memory().numTensors;
  const a = await gmlAblations({ preset: "smoke", cache, onProgress: null, out: dir });
  assertEquals(tf.memory().numTensors, tensors2);
  assertEquals(a.path, `${dir}/gml-ablations-smoke-seed0.json`);
  const am = a.models;
  assertEquals(am["ce+gml"].key, m["ce+gml"].key);
  assertEquals(am["ce+gml"].fromCache, true);
  assertEquals(am["mislas+gml"].key, m["mislas+gml"].key);
  assertEquals(am["mislas+gml"].summary, m["mislas+gml"].summary);
  // The ablations and baselines are distinct stages from CE + GML.
  const keys = [
    "ce+gml",
    "ce+gml-no-reweight",
    "ce+gml-no-reweight-resampled",
    "ce+ce-reweighted",
    "ce+ce-resampled",
  ].map((n) => am[n as keyof typeof am].key!);
  assertEquals(new Set(keys).size, keys.length);
  assert(am["ce+ce-reweighted"].key!.startsWith("post-train-bsce-"));
  assert(am["ce+ce-resampled"].key!.startsWith("post-train-ce-"));
  assert(am["gml-scratch"].key!.startsWith("pretrain-"));
  assertNotEquals(am["gml-scratch"].key, m.ce.key);
  const savedA = JSON.parse(await Deno.readTextFile(a.path!));
  for (const t of ["ablations", "baselines", "scratch", "total"]) {
    assert(savedA.timings[t] >= 0, t);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("gmlTables reads its seed from the config only, and refuses a bad override before any work", async () => {
  await assertRejects(
    () => gmlTables({ preset: "smoke", overrides: { seed: -1 }, out: null }),
    RangeError,
    "seed",
  );
  const dir = await Deno.makeTempDir();
  const r = await gmlTables({
    preset: "smoke",
    overrides: { seed: 1 },
    cache: new RunCache({ dir }),
    onProgress: null,
    out: dir,
  });
  assertEquals([r.seed, r.config.seed], [1, 1]);
  assertEquals(r.path, `${dir}/gml-tables-smoke-seed1.json`);
  await Deno.remove(dir, { recursive: true });
});
