import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { BTM_GML_MODELS, btmGml } from "../../../lib/experiments/sections/btm_gml.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("btmGml evaluates the gml, btm and btm+gml pipelines' models from shared stages", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const run = { preset: "smoke", out: null, cache, onProgress: null };
  const gml = await runExperiment("gml", run);
  const twoStage = await runExperiment("two-stage", run);
  const btm = await runExperiment("btm", run);
  const btmGmlPipeline = await runExperiment("btm+gml", run);
  const tensors = tf.memory().numTensors;
  const r = await btmGml({ preset: "smoke", cache, onProgress: null, out: dir });
  assertEquals(tf.memory().numTensors, tensors);

  assertEquals(Object.keys(r.models), Object.keys(BTM_GML_MODELS));
  const pairs: [keyof typeof BTM_GML_MODELS, typeof gml, string][] = [
    ["pretrain", gml, "pretrain"],
    ["two-stage", twoStage, "post-train"],
    ["gml", gml, "pretrain+gml"],
    ["gml-ensemble", gml, "pretrain+gml-ensemble"],
    ["gml-ensemble-val", gml, "pretrain+gml-ensemble-val"],
    ["btm-merge", btm, "btm"],
    ["btm", btm, "btm+post-train"],
    ["btm+gml", btmGmlPipeline, "btm+gml"],
    ["btm+gml-ensemble", btmGmlPipeline, "btm+gml-ensemble"],
    ["btm+gml-ensemble-val", btmGmlPipeline, "btm+gml-ensemble-val"],
  ];
  for (const [name, pipeline, model] of pairs) {
    const expected = pipeline.models.find((m) => m.name === model)!;
    assertEquals(r.models[name].recalls, expected.recalls, name);
    assertEquals(r.models[name].summary, expected.summary, name);
    assertEquals(r.models[name].key, expected.key, name);
    assertEquals(r.models[name].temperatures, expected.temperatures, name);
  }
  // The temperatures chosen on val, with the trails, as the pipelines chose them.
  assertEquals(r.temperatures.gml, gml.gmlTemperatures!.pretrain);
  assertEquals(r.temperatures["btm+gml"], btmGmlPipeline.gmlTemperatures!.btm);
  // every trained stage came from the cache
  for (const name of ["pretrain", "two-stage", "gml", "btm", "btm+gml"] as const) {
    assertEquals(r.models[name].fromCache, true, name);
  }
  assertEquals(r.btmMembers.map((m) => m.key), btm.btm!.members.map((m) => m.key));
  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/tables-9-10-btm-gml-smoke-seed0.json`);
  assertEquals(Object.keys(saved.models).length, 10);
  for (
    const t of [
      "data",
      "pretrain",
      "twoStage",
      "gml",
      "btm",
      "postTrain",
      "btmGml",
      "temperatures",
      "total",
    ]
  ) {
    assert(saved.timings[t] >= 0, t);
  }
  await Deno.remove(dir, { recursive: true });
});
