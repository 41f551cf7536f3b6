import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { initBackend } from "../../lib/backend/mod.ts";
import { gmlEnsemble } from "../../lib/eval/ensemble.ts";
import { evaluateOn } from "../../lib/eval/evaluate_on.ts";
import { gridPairs, temperatureTrials } from "../../lib/eval/temperature_trials.ts";
import { fakeBenchmark, tinyModel } from "../train/_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();

Deno.test("gridPairs: every pair, t_old outer (Table 7's row order); bad grids refused", () => {
  assertEquals(gridPairs({ tOld: [1, 2], tNew: [0.5, 3] }), [
    { tOld: 1, tNew: 0.5 },
    { tOld: 1, tNew: 3 },
    { tOld: 2, tNew: 0.5 },
    { tOld: 2, tNew: 3 },
  ]);
  assertThrows(() => gridPairs({ tOld: [], tNew: [1] }), RangeError, "tOld = []");
  assertThrows(() => gridPairs({ tOld: [1], tNew: [0] }), RangeError, "tNew = 0");
  assertThrows(() => gridPairs({ tOld: [1, 1], tNew: [1] }), RangeError, "repeated");
});

Deno.test("temperatureTrials equal evaluate on gmlEnsemble at each pair, on the split asked for, and leak nothing", async () => {
  const oldModel = tinyModel(0);
  const newModel = tinyModel(1);
  const pairs = gridPairs({ tOld: [0.5, 1, 3], tNew: [1, 2] });
  for (const split of ["val", "test"] as const) {
    const tensors = tf.memory().numTensors;
    const trials = await temperatureTrials({ oldModel, newModel }, bench, { split, pairs });
    assertEquals(tf.memory().numTensors, tensors);
    assertEquals(trials.map((t) => [t.tOld, t.tNew]), pairs.map((p) => [p.tOld, p.tNew]));
    for (const t of trials) {
      const e = await evaluateOn(gmlEnsemble(oldModel, newModel, t), bench, split);
      assertEquals(t.summary, e.summary, `${split} ${t.tOld}/${t.tNew}`);
      assertEquals(t.recalls, Array.from(e.recalls), `${split} ${t.tOld}/${t.tNew}`);
    }
  }
  await assertRejects(
    () => temperatureTrials({ oldModel, newModel }, bench, { split: "val", pairs: [] }),
    RangeError,
    "at least one pair",
  );
  await assertRejects(
    () =>
      temperatureTrials({ oldModel, newModel }, { ...bench, val: undefined }, {
        split: "val",
        pairs,
      }),
    Error,
    "no such split",
  );
  oldModel.dispose();
  newModel.dispose();
});
