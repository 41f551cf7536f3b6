import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../../lib/backend/mod.ts";
import { finetuneTargets } from "../../../lib/experiments/sections/finetune_targets.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("finetuneTargets runs Table 8's variants; whole-model-between is the btm pipeline", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const btm = await runExperiment("btm", { preset: "smoke", out: null, cache, onProgress: null });
  const twoStage = await runExperiment("two-stage", {
    preset: "smoke",
    out: null,
    cache,
    onProgress: null,
  });
  const tensors = tf.memory().numTensors;
  const r = await finetuneTargets({ preset: "smoke", cache, onProgress: null, out: dir });
  assertEquals(tf.memory().numTensors, tensors);

  assertEquals(r.variants.map((v) => [v.trainable, v.when]), [
    ["all", "between"],
    ["backbone", "between"],
    ["classifier", "between"],
    ["all", "after"],
    ["backbone", "after"],
    ["classifier", "after"],
  ]);
  assertEquals(r.variants.map((v) => v.name), [
    "whole model, between stages",
    "backbone only, between stages",
    "classifier only, between stages",
    "whole model, after stage 2",
    "backbone only, after stage 2",
    "classifier only, after stage 2",
  ]);
  const [whole, backbone, classifier, after, backboneAfter, classifierAfter] = r.variants;
  // the paper's choice is the btm pipeline itself, loaded from the cache
  assertEquals(r.pretrain.key, btm.models[0].key);
  assertEquals(whole.members.map((m) => m.key), btm.btm!.members.map((m) => m.key));
  assertEquals(whole.members.every((m) => m.fromCache), true);
  assertEquals(whole.merged.recalls, btm.models.find((m) => m.name === "btm")!.recalls);
  const post = btm.models.find((m) => m.name === "btm+post-train")!;
  assertEquals(whole.postTrain!.key, post.key);
  assertEquals(whole.final.recalls, post.recalls);
  // the reference is the two-stage pipeline's post-training, and "after" starts from it
  assertEquals(r.twoStage.key, twoStage.models[1].key);
  assertEquals(r.twoStage.recalls, twoStage.models[1].recalls);
  assertEquals(after.postTrain, undefined);
  assertEquals(after.final, after.merged);

  // the partial fine-tunes and the after-stage-2 fine-tunes are new models
  const keys = new Set(whole.members.map((m) => m.key));
  for (const v of [backbone, classifier, after, backboneAfter, classifierAfter]) {
    assertEquals(v.members.length, 2);
    for (const m of v.members) {
      assert(!keys.has(m.key), `${v.name} reused ${m.key}`);
      assertEquals(m.fromCache, false);
    }
  }
  assertNotEquals(backbone.merged.recalls, classifier.merged.recalls);

  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/table-8-finetune-targets-smoke-seed0.json`);
  assertEquals(saved.variants.length, 6);
  assertEquals(classifierAfter.final, classifierAfter.merged);
  assert(saved.timings["whole model, after stage 2"] >= 0);
  assert(saved.timings.total >= 0);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("finetuneTargets runs only the variants asked for and names bad ones", async () => {
  const dir = await Deno.makeTempDir();
  const r = await finetuneTargets({
    preset: "smoke",
    trainables: ["classifier"],
    after: false,
    cache: new RunCache({ dir }),
    onProgress: null,
    out: null,
  });
  assertEquals(r.variants.map((v) => v.name), ["classifier only, between stages"]);
  assertEquals(r.path, undefined);
  const base = { preset: "smoke", cache: false as const, out: null, onProgress: null };
  await assertRejects(
    () => finetuneTargets({ ...base, trainables: ["head" as "all"] }),
    RangeError,
    "all, backbone, classifier",
  );
  await assertRejects(
    () => finetuneTargets({ ...base, trainables: [], after: false }),
    RangeError,
    "no variant",
  );
  await Deno.remove(dir, { recursive: true });
});
