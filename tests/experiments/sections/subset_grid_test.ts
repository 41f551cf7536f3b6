import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { gridMatrix } from "../../../lib/experiments/analysis/grid_matrix.ts";
import { subsetGrid } from "../../../lib/experiments/sections/subset_grid.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("subsetGrid fine-tunes each subset once and its BTM cell is the btm pipeline's", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  // smoke: N_D = 2, N_C = 4
  const pipeline = await runExperiment("btm", {
    preset: "smoke",
    out: null,
    cache,
    onProgress: null,
  });
  const tensors = tf.memory().numTensors;
  const r = await subsetGrid({
    preset: "smoke",
    subsetCounts: [3, 1, 2],
    perClassValues: [2, 4],
    cache,
    onProgress: null,
    out: dir,
  });
  assertEquals(tf.memory().numTensors, tensors);
  // max(N_D) fine-tunes per N_C, each once, shared by every N_D
  assertEquals(r.members.length, 6);
  assertEquals(r.members.map((m) => `${m.perClass}:${m.index}`), [
    "2:0",
    "2:1",
    "2:2",
    "4:0",
    "4:1",
    "4:2",
  ]);
  assertEquals(new Set(r.members.map((m) => m.key)).size, 6);
  // subset i does not depend on N_D: the pipeline's two members are the grid's first two
  const atFour = r.members.filter((m) => m.perClass === 4);
  assertEquals(atFour.slice(0, 2).map((m) => m.key), pipeline.btm!.members.map((m) => m.key));
  assertEquals(atFour.slice(0, 2).map((m) => m.fromCache), [true, true]);
  assertEquals(atFour[2].fromCache, false);
  assertEquals(r.pretrain.key, pipeline.models[0].key);
  assertEquals(r.pretrain.fromCache, true);

  // every cell, N_C-major; the (2, 4) cell is the pipeline's BTM, merge and post-training
  assertEquals(r.cells.map((c) => `${c.perClass}:${c.subsets}`), [
    "2:3",
    "2:1",
    "2:2",
    "4:3",
    "4:1",
    "4:2",
  ]);
  const cell = r.cells.find((c) => c.subsets === 2 && c.perClass === 4)!;
  const merged = pipeline.models.find((m) => m.name === "btm")!;
  const post = pipeline.models.find((m) => m.name === "btm+post-train")!;
  assertEquals(cell.merged.recalls, merged.recalls);
  assertEquals(cell.postTrained.key, post.key);
  assertEquals(cell.postTrained.fromCache, true);
  assertEquals(cell.postTrained.recalls, post.recalls);
  // N_D = 1 merges a single fine-tune: it is that model, so its merge differs from N_D = 2
  const single = r.cells.find((c) => c.subsets === 1 && c.perClass === 4)!;
  assert(single.postTrained.key !== cell.postTrained.key);

  // the matrix is [N_C][N_D] in the given orders
  const h = gridMatrix(r, "harmonicMean");
  assertEquals(h.length, 2);
  assertEquals(h[1][2], cell.postTrained.summary.harmonicMean);
  assertEquals(gridMatrix(r, "accuracy", { stage: "merged" })[1][2], cell.merged.summary.accuracy);
  assertThrows(
    () => gridMatrix({ ...r, subsetCounts: [5] }, "accuracy"),
    Error,
    "N_D = 5, N_C = 2",
  );

  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/table-7-subset-grid-smoke-seed0.json`);
  assertEquals(saved.cells.length, 6);
  assertEquals(saved.finetuneEpochs, 2);
  assertEquals(saved.postTrainEpochs, 1);
  for (const t of ["data", "pretrain", "baseline", "finetune", "merge", "postTrain", "total"]) {
    assert(saved.timings[t] >= 0, t);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("subsetGrid's scaled epochs change the fine-tunes' keys", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const options = { preset: "smoke", perClassValues: [2], cache, onProgress: null, out: null };
  const a = await subsetGrid({ ...options, subsetCounts: [1, 2] });
  const b = await subsetGrid({
    ...options,
    subsetCounts: [1],
    finetuneEpochs: 1,
    postTrainEpochs: 2,
  });
  assertEquals(b.finetuneEpochs, 1);
  assertEquals(b.postTrainEpochs, 2);
  assert(a.members[0].key !== b.members[0].key);
  assert(a.baseline.key !== b.baseline.key);
  assertEquals(a.path, undefined);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("subsetGrid names an invalid grid", async () => {
  const base = { preset: "smoke", cache: false as const, out: null, onProgress: null };
  await assertRejects(() => subsetGrid({ ...base, subsetCounts: [2, 0] }), RangeError, "value 0");
  await assertRejects(
    () => subsetGrid({ ...base, perClassValues: [] }),
    RangeError,
    "at least one",
  );
  await assertRejects(() => subsetGrid({ ...base, subsetCounts: [2, 2] }), RangeError, "2, 2");
  await assertRejects(
    () => subsetGrid({ ...base, finetuneEpochs: 0 }),
    RangeError,
    "finetuneEpochs = 0",
  );
});
