import { initBackend } from "../../lib/backend/mod.ts";
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import { cloneModel, getNamedWeights, resetClassifier } from "../../lib/models/mod.ts";
import { paperClaim } from "../../lib/paper/mod.ts";
import { seedFor } from "../../lib/random/mod.ts";
import { GML_FINETUNE_DEFAULTS, gmlFinetune } from "../../lib/train/gml_finetune.ts";
import type { ProgressEvent } from "../../lib/train/progress.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

const bench = fakeBenchmark();
const quick = { epochs: 1, batchSize: 8, cache: false, onProgress: null } as const;

function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

Deno.test("gmlFinetune re-initializes the classifier and trains only it: backbone and batch norm bit-identical, input untouched, no leaks", async () => {
  const model = tinyModel();
  const before = getNamedWeights(model);
  const tensors = tf.memory().numTensors;
  const r = await gmlFinetune(model, bench, quick);
  // The stage leaves only its model's variables behind (the caller owns and disposes them).
  assertEquals(tf.memory().numTensors, tensors + r.model.variables.size);
  const after = getNamedWeights(r.model);
  for (const n of [...r.model.backboneWeights, ...r.model.buffers]) {
    assert(sameValues(after.get(n)!.values, before.get(n)!.values), `${n} changed`);
  }
  for (const n of r.model.classifierWeights) {
    assert(!sameValues(after.get(n)!.values, before.get(n)!.values), `${n} was not retrained`);
  }
  // The input model keeps its own classifier.
  for (const [n, w] of getNamedWeights(model)) {
    assert(sameValues(w.values, before.get(n)!.values), `the input's ${n} changed`);
  }
  assert(r.key.startsWith("post-train-gml-"));
  const config = r.config as Record<string, unknown>;
  assertEquals(
    [config.loss, config.resetClassifier, config.bnMode, config.sampler],
    ["gml", true, "frozen", "instance"],
  );
  r.model.dispose();
  model.dispose();
});

Deno.test("gmlFinetune draws the new classifier from its own stream; resetClassifier: false keeps the model's", async () => {
  const model = tinyModel();
  const original = getNamedWeights(model);
  // lr 0: no update at all, so the result's classifier is the one training started from.
  const reset = await gmlFinetune(model, bench, { ...quick, lr: 0 });
  const kept = await gmlFinetune(model, bench, { ...quick, lr: 0, resetClassifier: false });
  const expected = cloneModel(model);
  resetClassifier(expected, { seed: seedFor(0, "gml", "classifier") });
  const drawn = getNamedWeights(expected);
  const r = getNamedWeights(reset.model);
  const k = getNamedWeights(kept.model);
  for (const n of model.classifierWeights) {
    assert(sameValues(r.get(n)!.values, drawn.get(n)!.values), `${n}: not the seeded draw`);
    assert(!sameValues(r.get(n)!.values, original.get(n)!.values), `${n}: not re-drawn`);
    assert(sameValues(k.get(n)!.values, original.get(n)!.values), `${n}: not kept`);
  }
  assertNotEquals(reset.key, kept.key);
  [reset.model, kept.model, expected, model].forEach((m) => m.dispose());
});

Deno.test("GML_FINETUNE_DEFAULTS are the paper's CIFAR100-LT fine-tuning settings (gml_appendix.txt:22)", () => {
  const n = Object.fromEntries(
    paperClaim("gml-settings-cifar").paperNumbers!.map((p) => [p.name, p.value]),
  );
  const d = GML_FINETUNE_DEFAULTS;
  assertEquals(
    [d.epochs, d.lr, d.milestones, d.gamma, d.batchSize, d.momentum, d.weightDecay],
    [n.epochs, n.lr, [n.lrDropEpoch], n.lrDropFactor, n.batchSize, n.momentum, n.weightDecay],
  );
  assertEquals([d.schedule, d.augment, d.resetClassifier, d.bnMode], [
    "step",
    true,
    true,
    "frozen",
  ]);
});

Deno.test("gmlFinetune's step schedule reaches the train loop: lr × gamma after the milestone", async () => {
  const model = tinyModel();
  const events: ProgressEvent[] = [];
  const r = await gmlFinetune(model, bench, {
    ...quick,
    epochs: 2,
    milestones: [1],
    onProgress: (e) => {
      events.push(e);
    },
  });
  const ends = events.filter((e) => e.epochEnd);
  assertEquals(ends.map((e) => e.lr), [0.05, 0.05 * 0.2]);
  r.model.dispose();
  model.dispose();
});

Deno.test("gmlFinetune's cache key holds the milestones and gamma of a step schedule, and drops them otherwise", async () => {
  const model = tinyModel();
  const keyOf = async (o: Parameters<typeof gmlFinetune>[2]) => {
    const r = await gmlFinetune(model, bench, { ...quick, lr: 0, ...o });
    r.model.dispose();
    return r.key;
  };
  const base = await keyOf({});
  assertNotEquals(await keyOf({ milestones: [20] }), base);
  assertNotEquals(await keyOf({ gamma: 0.1 }), base);
  assertEquals(await keyOf({ milestones: [10], gamma: 0.2 }), base);
  const cosine = await keyOf({ schedule: "cosine" });
  assertEquals(await keyOf({ schedule: "cosine", milestones: [20], gamma: 0.5 }), cosine);
  model.dispose();
});

Deno.test("gmlFinetune trains gml+las (the paper's loss on a MiSLAS model) and refuses other losses", async () => {
  const model = tinyModel();
  const r = await gmlFinetune(model, bench, { ...quick, loss: "gml+las" });
  assert(r.key.startsWith("post-train-gml-las-"), r.key);
  assertEquals((r.config as { loss: string }).loss, "gml+las");
  assert(r.history.epochLosses.every(Number.isFinite));
  r.model.dispose();
  await assertRejects(
    () => gmlFinetune(model, bench, { ...quick, loss: "ce" as "gml" }),
    RangeError,
    'loss "ce": valid losses are gml, gml+las',
  );
  model.dispose();
});
