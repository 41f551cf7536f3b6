import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals, assertEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { mergeStrategies } from "../../../lib/experiments/sections/merge_strategies.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("mergeStrategies merges the btm pipeline's members five ways, choosing on val only", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const pipeline = await runExperiment("btm", {
    preset: "smoke",
    overrides: { btm: { subsets: 3 } },
    out: null,
    cache,
    onProgress: null,
  });
  const tensors = tf.memory().numTensors;
  const r = await mergeStrategies({
    preset: "smoke",
    overrides: { btm: { subsets: 3 } },
    cache,
    onProgress: null,
    out: dir,
  });
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(r.outcomes.map((o) => o.name), [
    "uniform",
    "adaptive-h",
    "adaptive-g",
    "greedy-h",
    "greedy-g",
  ]);
  // Same fine-tunes as the pipeline, loaded from the cache.
  assertEquals(r.members.map((m) => m.key), pipeline.btm!.members.map((m) => m.key));
  assert(r.members.every((m) => m.fromCache));
  const byName = Object.fromEntries(r.outcomes.map((o) => [o.name, o]));
  // The uniform merge and its post-train are the pipeline's.
  assertEquals(byName.uniform.before.test, pipeline.models.find((m) => m.name === "btm")!.summary);
  const post = pipeline.models.find((m) => m.name === "btm+post-train")!;
  assertEquals(byName.uniform.after.test, post.summary);
  assertEquals(byName.uniform.after.stage.key, post.key);
  assertEquals(byName.uniform.after.stage.fromCache, true);
  assertEquals(byName.uniform.ratios, [1 / 3, 1 / 3, 1 / 3]);

  // Adaptive ratios are in proportion to the members' validation scores.
  for (
    const [name, score] of [["adaptive-h", "harmonicMean"], [
      "adaptive-g",
      "geometricMean",
    ]] as const
  ) {
    const vals = r.members.map((m) => m.val[score]);
    const total = vals.reduce((a, b) => a + b, 0);
    byName[name].ratios.forEach((q, i) => assertAlmostEquals(q, vals[i] / total, 1e-12));
  }
  // Greedy: tried in order of validation score; kept only on a strict val improvement.
  for (
    const [name, score] of [["greedy-h", "harmonicMean"], ["greedy-g", "geometricMean"]] as const
  ) {
    const o = byName[name];
    const trail = o.trail!;
    assertEquals(trail.length, 3);
    const order = trail.map((t) => t.memberScore);
    assertEquals(order, [...order].sort((a, b) => b - a));
    assertEquals(trail[0].kept, true);
    assertEquals(trail[0].soupScore, r.members[trail[0].member].val[score]);
    let best = trail[0].soupScore;
    for (const t of trail.slice(1)) {
      assertEquals(t.kept, t.soupScore > best);
      if (t.kept) best = t.soupScore;
    }
    assertEquals(o.kept, trail.filter((t) => t.kept).map((t) => t.member).sort());
    assertEquals(o.ratios.filter((q) => q > 0).length, o.kept.length);
    // The soup's reported val score is the merge's own val score.
    assertAlmostEquals(o.before.val[score], best, 1e-12);
  }
  assertEquals(r.table.length, 10);
  assertEquals(r.memberTable.length, 3);
  assertEquals(r.memberTable[1].ours!["ratio:adaptive-g"], byName["adaptive-g"].ratios[1]);
  assertEquals(r.memberTable[2].ours!.valHarmonicMean, r.members[2].val.harmonicMean);
  assertEquals(r.memberColumns.map((c) => c.key), [
    "valHarmonicMean",
    "valGeometricMean",
    "ratio:adaptive-h",
    "ratio:adaptive-g",
  ]);
  const g = byName["greedy-h"];
  assertEquals(
    g.trailTable![0].method,
    `1. member ${g.trail![0].member + 1} (kept)`,
  );
  assertEquals(g.trailTable![1].ours!.soupScore, g.trail![1].soupScore);
  assertEquals(byName.uniform.trailTable, undefined);
  assertEquals(r.table[5].method, "Uniform average + post-train");
  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/merge-strategies-smoke-seed0.json`);
  assertEquals(saved.outcomes.length, 5);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("mergeStrategies names an unknown strategy", async () => {
  await assertRejects(
    () => mergeStrategies({ preset: "smoke", strategies: ["ties"], cache: false, out: null }),
    RangeError,
    'Unknown merge strategy "ties": valid strategies are uniform, adaptive-h, adaptive-g, greedy-h, greedy-g',
  );
});
