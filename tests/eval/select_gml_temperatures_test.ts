import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { initBackend } from "../../lib/backend/mod.ts";
import type { LongTailBenchmark } from "../../lib/data/types.ts";
import { gmlEnsemble } from "../../lib/eval/ensemble.ts";
import { evaluateOn } from "../../lib/eval/evaluate_on.ts";
import {
  bestTemperatureStep,
  GML_TEMPERATURE_GRID,
  selectGmlTemperatures,
} from "../../lib/eval/select_gml_temperatures.ts";
import { gridPairs } from "../../lib/eval/temperature_trials.ts";
import { fakeBenchmark, tinyModel } from "../train/_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

/** The benchmark with a test split that cannot be read: every access counts and throws. */
function poisonedTest(bench: LongTailBenchmark): { bench: LongTailBenchmark; reads: () => number } {
  let reads = 0;
  const poisoned = { ...bench };
  Object.defineProperty(poisoned, "test", {
    enumerable: true,
    get() {
      reads++;
      throw new Error("the test split was read");
    },
  });
  return { bench: poisoned, reads: () => reads };
}

Deno.test("selectGmlTemperatures never reads the test split (a poisoned test split is never touched)", async () => {
  const oldModel = tinyModel(0);
  const newModel = tinyModel(1);
  const { bench, reads } = poisonedTest(fakeBenchmark());
  // The sentinel works: anything that reads the test split fails and is counted.
  await assertRejects(() => evaluateOn(oldModel, bench, "test"), Error, "the test split was read");
  assertEquals(reads(), 1);
  const s = await selectGmlTemperatures({ oldModel, newModel }, bench);
  assertEquals(reads(), 1, "the selection read the test split");
  assertEquals(s.split, "val");
  assertEquals(s.trail.length, 16);
  oldModel.dispose();
  newModel.dispose();
});

Deno.test("selectGmlTemperatures: the trail is every grid pair on val with its H-mean; the choice is its best; no leaks", async () => {
  const bench = fakeBenchmark();
  const oldModel = tinyModel(0);
  const newModel = tinyModel(1);
  const tensors = tf.memory().numTensors;
  const s = await selectGmlTemperatures({ oldModel, newModel }, bench);
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(s.metric, "harmonicMean");
  assertEquals(s.grid, {
    tOld: [...GML_TEMPERATURE_GRID.tOld],
    tNew: [...GML_TEMPERATURE_GRID.tNew],
  });
  assertEquals(
    s.trail.map((t) => [t.tOld, t.tNew]),
    gridPairs(GML_TEMPERATURE_GRID).map((p) => [p.tOld, p.tNew]),
  );
  for (const t of s.trail) assertEquals(t.score, t.summary.harmonicMean);
  const best = bestTemperatureStep(s.trail);
  assertEquals([s.tOld, s.tNew, s.score], [best.tOld, best.tNew, best.score]);
  assert(s.trail.every((t) => t.score <= s.score));
  // The chosen pair's validation summary is the ensemble's, evaluated on val.
  const e = await evaluateOn(gmlEnsemble(oldModel, newModel, s), bench, "val");
  assertEquals(s.summary, e.summary);
  // Another metric and grid.
  const byAcc = await selectGmlTemperatures({ oldModel, newModel }, bench, {
    metric: "accuracy",
    grid: { tOld: [1, 2], tNew: [1] },
  });
  assertEquals(byAcc.trail.length, 2);
  for (const t of byAcc.trail) assertEquals(t.score, t.summary.accuracy);
  oldModel.dispose();
  newModel.dispose();
});

Deno.test("selectGmlTemperatures refuses a benchmark without val, and a bad metric or grid", async () => {
  const bench = fakeBenchmark();
  const oldModel = tinyModel(0);
  const models = { oldModel, newModel: oldModel };
  await assertRejects(
    () => selectGmlTemperatures(models, { ...bench, val: undefined }),
    Error,
    "it has no validation split",
  );
  await assertRejects(
    () => selectGmlTemperatures(models, bench, { metric: "loss" as "accuracy" }),
    RangeError,
    '"loss"',
  );
  await assertRejects(
    () => selectGmlTemperatures(models, bench, { grid: { tOld: [1], tNew: [-1] } }),
    RangeError,
    "tNew = -1",
  );
  oldModel.dispose();
});

Deno.test("bestTemperatureStep: highest score; ties go to the pair nearest 1/1, then the earliest", () => {
  const s = (tOld: number, tNew: number, score: number) => ({ tOld, tNew, score });
  assertEquals(bestTemperatureStep([s(1, 1, 0.2), s(2, 3, 0.4), s(3, 1, 0.3)]), s(2, 3, 0.4));
  assertEquals(bestTemperatureStep([s(3, 3, 0.4), s(1, 1, 0.4), s(2, 1, 0.4)]), s(1, 1, 0.4));
  // 0.5 and 2 are equally far from 1 (|log|): the earlier wins.
  assertEquals(bestTemperatureStep([s(0.5, 1, 0.4), s(2, 1, 0.4)]), s(0.5, 1, 0.4));
  assertThrows(() => bestTemperatureStep([]), RangeError, "empty trail");
  assertThrows(() => bestTemperatureStep([s(1, 1, NaN)]), RangeError, "1/1 scored NaN");
});
