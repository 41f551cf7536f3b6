import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { crossCell } from "../../../lib/experiments/analysis/subset_grid_claims.ts";
import { subsetGrid, TABLE_7_GRIDS } from "../../../lib/experiments/sections/subset_grid.ts";
import { paperTable } from "../../../lib/paper/mod.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("subsetGrid runs the cross centred on the btm pipeline's N_D and N_C", async () => {
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
    center: { subsets: 2, perClass: 4 },
    subsetCounts: [3, 1, 2],
    perClassValues: [2, 4],
    cache,
    onProgress: null,
    out: dir,
  });
  assertEquals(tf.memory().numTensors, tensors);
  // max(N_D) fine-tunes at the centre's N_C, the centre's N_D at the other N_C, each once
  assertEquals(r.members.map((m) => `${m.perClass}:${m.index}`), [
    "4:0",
    "4:1",
    "4:2",
    "2:0",
    "2:1",
  ]);
  assertEquals(new Set(r.members.map((m) => m.key)).size, 5);
  // subset i does not depend on N_D: the pipeline's two members are the cross's first two
  const atFour = r.members.filter((m) => m.perClass === 4);
  assertEquals(atFour.slice(0, 2).map((m) => m.key), pipeline.btm!.members.map((m) => m.key));
  assertEquals(atFour.slice(0, 2).map((m) => m.fromCache), [true, true]);
  assertEquals(atFour[2].fromCache, false);
  assertEquals(r.pretrain.key, pipeline.models[0].key);
  assertEquals(r.pretrain.fromCache, true);

  // the N_D arm in the given order, then the N_C arm's other cell; the centre once
  assertEquals(r.cells.map((c) => `${c.subsets},${c.perClass}`), ["3,4", "1,4", "2,4", "2,2"]);
  assertEquals(r.center, { subsets: 2, perClass: 4 });
  const cell = crossCell(r, 2, 4);
  const merged = pipeline.models.find((m) => m.name === "btm")!;
  const post = pipeline.models.find((m) => m.name === "btm+post-train")!;
  assertEquals(cell.merged.recalls, merged.recalls);
  assertEquals(cell.postTrained.key, post.key);
  assertEquals(cell.postTrained.fromCache, true);
  assertEquals(cell.postTrained.recalls, post.recalls);
  // N_D = 1 merges a single fine-tune: it is that model, so its merge differs from N_D = 2
  assert(crossCell(r, 1, 4).postTrained.key !== cell.postTrained.key);

  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/table-7-subset-grid-smoke-seed0.json`);
  assertEquals(saved.cells.length, 4);
  assertEquals(saved.finetuneEpochs, 2);
  assertEquals(saved.postTrainEpochs, 1);
  for (const t of ["data", "pretrain", "baseline", "finetune", "merge", "postTrain", "total"]) {
    assert(saved.timings[t] >= 0, t);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the registered Table 7 runs the paper's cross, centred on N_D = N_C = 10", () => {
  assertEquals(TABLE_7_GRIDS.default.center, { subsets: 10, perClass: 10 });
  assertEquals(TABLE_7_GRIDS.default.subsetCounts, [2, 4, 8, 10, 20]);
  assertEquals(TABLE_7_GRIDS.default.perClassValues, [5, 10, 20]);
  // The paper's Table 7 has exactly these rows.
  const rows = paperTable("table7").rows.map((r) => r.method).sort();
  const cross = [
    ...TABLE_7_GRIDS.default.subsetCounts.map((n) => `N_D = ${n}, N_C = 10`),
    ...TABLE_7_GRIDS.default.perClassValues.filter((c) => c !== 10).map((c) =>
      `N_D = 10, N_C = ${c}`
    ),
  ].sort();
  assertEquals(cross, rows);
});

Deno.test("subsetGrid's scaled epochs change the fine-tunes' keys", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const options = {
    preset: "smoke",
    center: { subsets: 1, perClass: 2 },
    perClassValues: [2],
    cache,
    onProgress: null,
    out: null,
  };
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
    () => subsetGrid({ ...base, center: { subsets: 3, perClass: 10 } }),
    RangeError,
    "its N_D (3) must be one of subsetCounts 2, 4, 8, 10, 20",
  );
  await assertRejects(
    () => subsetGrid({ ...base, finetuneEpochs: 0 }),
    RangeError,
    "finetuneEpochs = 0",
  );
});
