import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertRejects, assertThrows } from "@std/assert";
import { initBackend } from "../../lib/backend/mod.ts";
import { getPipeline, PIPELINES, runExperiment } from "../../lib/experiments/pipelines.ts";
import { RunCache } from "../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("the pipeline registry holds the four pipelines and names them on error", () => {
  assertEquals(Object.keys(PIPELINES), ["two-stage", "btm", "gml", "btm+gml"]);
  for (const name of Object.keys(PIPELINES)) assertEquals(getPipeline(name), PIPELINES[name]);
  assertThrows(() => getPipeline("mixup"), RangeError, "two-stage, btm, gml, btm+gml");
});

Deno.test("each pipeline runs the stages it declares, sharing them through the cache, without leaks", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const run: Record<string, Awaited<ReturnType<typeof runExperiment>>> = {};
  for (const name of Object.keys(PIPELINES)) {
    const tensors = tf.memory().numTensors;
    run[name] = await runExperiment(name, { preset: "smoke", cache, onProgress: null, out: null });
    assertEquals(tf.memory().numTensors, tensors, name);
    assertEquals(run[name].experiment, name);
    assertEquals(run[name].section, name);
    // It evaluates exactly the models it declares, in order.
    assertEquals(run[name].models.map((m) => m.name), [...PIPELINES[name].models], name);
  }
  const model = (p: string, m: string) => run[p].models.find((x) => x.name === m)!;
  // One pre-trained model for all four: trained by the first, loaded by the others.
  const pre = model("two-stage", "pretrain");
  assert(pre.key!.startsWith("pretrain-"));
  assertEquals(pre.fromCache, false);
  for (const p of ["btm", "gml", "btm+gml"]) {
    assertEquals(model(p, "pretrain").key, pre.key, p);
    assertEquals(model(p, "pretrain").fromCache, true, p);
  }
  // two-stage post-trains f with the config's loss (LAS); btm post-trains the merge instead.
  assert(model("two-stage", "post-train").key!.startsWith("post-train-las-"));
  assert(model("btm", "btm+post-train").key!.startsWith("post-train-las-"));
  assertNotEquals(model("btm", "btm+post-train").key, model("two-stage", "post-train").key);
  // btm and btm+gml merge the same N_D fine-tunes (uniformly, as configured) and record them.
  assertEquals(run.btm.btm!.members.length, run.btm.config.btm.subsets);
  assertEquals(run.btm.btm!.merge.strategy, "uniform");
  assertEquals(run.btm.btm!.merge.ratios, [0.5, 0.5]);
  assertEquals(
    run["btm+gml"].btm!.members.map((m) => m.key),
    run.btm.btm!.members.map((m) => m.key),
  );
  assert(run["btm+gml"].btm!.members.every((m) => m.fromCache));
  assertEquals(model("btm+gml", "btm").recalls, model("btm", "btm").recalls);
  // gml retrains the classifier of f with GML; btm+gml that of the merge; the ensembles differ from both.
  assert(model("gml", "pretrain+gml").key!.startsWith("post-train-gml-"));
  assert(model("btm+gml", "btm+gml").key!.startsWith("post-train-gml-"));
  assertNotEquals(model("btm+gml", "btm+gml").key, model("gml", "pretrain+gml").key);
  assertEquals(model("gml", "pretrain+gml-ensemble").key, undefined);
  // The ensembles: at the config's temperatures (the paper's 1/1), and at the pair chosen on
  // the validation split, whose trail (every pair of the grid) is in the results.
  for (const [p, base] of [["gml", "pretrain"], ["btm+gml", "btm"]]) {
    assertEquals(model(p, `${base}+gml-ensemble`).temperatures, { tOld: 1, tNew: 1 }, p);
    const chosen = run[p].gmlTemperatures![base];
    assertEquals(chosen.split, "val", p);
    assertEquals(chosen.trail.length, 16, p);
    assertEquals(
      model(p, `${base}+gml-ensemble-val`).temperatures,
      { tOld: chosen.tOld, tNew: chosen.tNew },
      p,
    );
    assert(chosen.trail.every((t) => t.score <= chosen.score), p);
  }
  assertEquals(Object.keys(run["btm+gml"].gmlTemperatures!), ["btm"]);
  // The pipelines without BTM record none.
  assertEquals(run["two-stage"].btm, undefined);
  assertEquals(run.gml.btm, undefined);
  // Each timed step of a stage it ran, and only those.
  assertEquals(Object.keys(run["two-stage"].timings).sort(), [
    "data",
    "postTrain",
    "pretrain",
    "total",
  ]);
  assertEquals(Object.keys(run["btm+gml"].timings).sort(), [
    "btm",
    "data",
    "gml",
    "pretrain",
    "temperatures",
    "total",
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runExperiment names an unknown pipeline before any work", async () => {
  await assertRejects(
    () => runExperiment("mixup", { preset: "smoke", out: null }),
    RangeError,
    'Unknown experiment "mixup"',
  );
});
