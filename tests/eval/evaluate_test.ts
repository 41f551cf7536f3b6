import { initBackend } from "../../lib/backend/mod.ts";
import { assert, assertEquals } from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { evaluate } from "../../lib/eval/evaluate.ts";
import { gmlEnsemble } from "../../lib/eval/ensemble.ts";
import { fakeBenchmark, tinyModel } from "../train/_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();

Deno.test("evaluate returns per-class recalls consistent with its predictions, without leaks", async () => {
  const model = tinyModel();
  const tensors = tf.memory().numTensors;
  const e = await evaluate(model, bench.test, {
    batchSize: 5,
    trainCounts: bench.trainCounts,
    normalization: bench.normalization,
    keepPredictions: true,
  });
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(e.recalls.length, 3);
  const labels = bench.test.labels;
  for (let c = 0; c < 3; c++) {
    let hit = 0, total = 0;
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] === c) {
        total++;
        if (e.predictions![i] === c) hit++;
      }
    }
    assertEquals(e.recalls[c], hit / total);
  }
  assertEquals(e.summary.accuracy, (e.recalls[0] + e.recalls[1] + e.recalls[2]) / 3);
  // The batch size does not change the result.
  const whole = await evaluate(model, bench.test, {
    batchSize: 64,
    normalization: bench.normalization,
  });
  assertEquals(whole.recalls, e.recalls);
  model.dispose();
});

Deno.test("an ensemble averages tempered softmaxes", async () => {
  const a = tinyModel(1), b = tinyModel(2);
  const e = await evaluate(gmlEnsemble(a, b, { tOld: 2, tNew: 0.5 }), bench.test, {
    keepProbabilities: true,
    normalization: bench.normalization,
  });
  const single = (m: typeof a, t: number) =>
    evaluate({ kind: "ensemble", members: [{ model: m, temperature: t }] }, bench.test, {
      keepProbabilities: true,
      normalization: bench.normalization,
    });
  const pa = (await single(a, 2)).probabilities!, pb = (await single(b, 0.5)).probabilities!;
  assertEquals(e.probabilities!.length, bench.test.labels.length * 3);
  for (let i = 0; i < pa.length; i++) {
    assert(Math.abs(e.probabilities![i] - (pa[i] + pb[i]) / 2) < 1e-6, `probability ${i}`);
  }
  // Ensemble of a model with itself at t = 1 predicts as the model does.
  const self = await evaluate(gmlEnsemble(a, a), bench.test, {
    keepPredictions: true,
    normalization: bench.normalization,
  });
  const alone = await evaluate(a, bench.test, {
    keepPredictions: true,
    normalization: bench.normalization,
  });
  assertEquals(self.predictions, alone.predictions);
  a.dispose();
  b.dispose();
});
