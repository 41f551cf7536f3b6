import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { btmMembers } from "../../../lib/experiments/sections/btm_members.ts";
import { runExperiment } from "../../../lib/experiments/pipelines.ts";
import { RunCache } from "../../../lib/train/mod.ts";
import { initBackend } from "../../../lib/backend/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("btmMembers lists the btm pipeline's members, their mean, the merge and its post-train", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const pipeline = await runExperiment("btm", {
    preset: "smoke",
    out: null,
    cache,
    onProgress: null,
  });
  const tensors = tf.memory().numTensors;
  const r = await btmMembers({ preset: "smoke", cache, onProgress: null, out: dir });
  assertEquals(tf.memory().numTensors, tensors);
  const members = pipeline.btm!.members;
  assertEquals(r.members.length, members.length);
  assertEquals(r.members.map((m) => m.key), members.map((m) => m.key));
  assert(r.members.every((m) => m.fromCache));
  assertEquals(r.members.map((m) => m.summary), members.map((m) => m.summary));
  assertEquals(r.merge.summary, pipeline.models.find((m) => m.name === "btm")!.summary);
  assertEquals(
    r.mergePostTrain.summary,
    pipeline.models.find((m) => m.name === "btm+post-train")!.summary,
  );
  assertEquals(r.mergePostTrain.fromCache, true);
  // The two-stage pipeline's final model: the same pre-trained model post-trained without BTM.
  const twoStage = await runExperiment("two-stage", {
    preset: "smoke",
    out: null,
    cache,
    onProgress: null,
  });
  assertEquals(r.twoStage.key, twoStage.models[1].key);
  assertEquals(r.twoStage.recalls, twoStage.models[1].recalls);
  const meanH = members.reduce((a, m) => a + m.summary.harmonicMean, 0) / members.length;
  assertAlmostEquals(r.memberMean.harmonicMean!, meanH, 1e-12);
  const hs = members.map((m) => m.summary.harmonicMean);
  assertEquals(r.members[r.bestMember.harmonicMean].summary.harmonicMean, Math.max(...hs));
  assertEquals(
    r.mergeBeats.harmonicMean,
    hs.filter((h) => r.merge.summary.harmonicMean > h).length,
  );
  // Table: f, each member, their mean, the merge, the merge after post-train.
  assertEquals(r.table.map((x) => x.method), [
    "Pre-trained f",
    "Member 1",
    "Member 2",
    "Mean of the 2 members",
    "Uniform merge",
    "Merge + post-train",
  ]);
  assertEquals(r.table[3].ours!.geometricMean, r.memberMean.geometricMean);
  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(r.path, `${dir}/btm-members-smoke-seed0.json`);
  assertEquals(saved.section, "btm-members");
  assertEquals(saved.config.data, "tiny");
  await Deno.remove(dir, { recursive: true });
});
