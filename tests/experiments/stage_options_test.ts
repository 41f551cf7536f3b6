import { assertEquals, assertThrows } from "@std/assert";
import { resolveConfig } from "../../lib/experiments/config.ts";
import { seedFor } from "../../lib/random/mod.ts";
import {
  btmOptions,
  ensembleOptions,
  finetuneOptions,
  gmlBaselineOptions,
  gmlOptions,
  postTrainOptions,
  pretrainOptions,
  subsetOptions,
} from "../../lib/experiments/stage_options.ts";

/** Drops undefined fields, as the stages do before hashing their options into a cache key. */
const plain = (o: object) => JSON.parse(JSON.stringify(o));

const config = resolveConfig("default", { seed: 4, model: { widths: [8, 16, 32] } });

Deno.test("pretrain sees the config's pretrain and model fields and the run seed", () => {
  assertEquals(pretrainOptions(config), {
    ...config.pretrain,
    arch: "resnet8",
    widths: [8, 16, 32],
    seed: 4,
  });
  // CE's stage 1 of Tables 2–4 is the pipelines' pretrain (mixup off by default): one cache key.
  assertEquals(plain(pretrainOptions(config, { stage1: "ce" })), plain(pretrainOptions(config)));
  assertEquals(pretrainOptions(config, { stage1: "bsce" }).loss, "bsce");
  assertEquals(pretrainOptions(config, { stage1: "bsce" }).mixupAlpha, 0);
  assertEquals(pretrainOptions(config, { stage1: "mixup", mixupAlpha: 0.2 }).mixupAlpha, 0.2);
  // GML's Table 9: the whole network trained with GML from scratch, on the pretrain's budget.
  const scratch = pretrainOptions(config, { stage1: "gml" });
  assertEquals([scratch.loss, scratch.mixupAlpha, scratch.epochs], [
    "gml",
    0,
    config.pretrain.epochs,
  ]);
  assertThrows(() => pretrainOptions(config, { stage1: "mixup" }), RangeError, "mixup α undefined");
  assertThrows(
    () => pretrainOptions(config, { stage1: "focal" as "ce" }),
    RangeError,
    "valid stages are ce, bsce, mixup, gml",
  );
});

Deno.test("BTM's members are fine-tunes with finetuneOptions, on subsetOptions' subsets", () => {
  const b = btmOptions(config);
  assertEquals(plain({ ...b.finetune, seed: b.seed }), plain(finetuneOptions(config)));
  assertEquals({ subsets: b.subsets, perClass: b.perClass, seed: b.seed }, subsetOptions(config));
  assertEquals([b.merge, b.evaluateOn, b.mergeMetric], ["uniform", "none", "harmonicMean"]);
  assertEquals(btmOptions(config, { merge: "greedy", evaluateOn: "test" }).merge, "greedy");
  assertEquals(btmOptions(config, { trainable: "backbone" }).finetune!.trainable, "backbone");
  assertEquals(finetuneOptions(config, { epochs: 3 }).epochs, 3);
  assertEquals(subsetOptions(config, { perClass: 20, subsets: 8 }), {
    subsets: 8,
    perClass: 20,
    seed: 4,
  });
});

Deno.test("post-training sees the config's postTrain fields, or a method's own stage 2", () => {
  assertEquals(postTrainOptions(config), { ...config.postTrain, seed: 4 });
  assertEquals(postTrainOptions(config, { epochs: 2 }).epochs, 2);
  // MiSLAS' stage 2 is the pipelines' under the default config (LAS, class-balanced).
  assertEquals(postTrainOptions(config, { method: "las" }), postTrainOptions(config));
  assertEquals(postTrainOptions(config, { method: "crt" }), {
    ...config.postTrain,
    seed: 4,
    loss: "ce",
    sampler: "class-balanced",
    bnMode: "frozen",
    resetClassifier: true,
    learnLogitScale: false,
  });
  assertThrows(
    () => postTrainOptions(config, { method: "bsce" as "las" }),
    RangeError,
    "valid stages are las, crt",
  );
});

Deno.test("GML sees the config's gml SGD fields, milestones and gamma; its ensemble the temperatures", () => {
  const { tOld: _o, tNew: _n, ...sgd } = config.gml;
  assertEquals(plain(gmlOptions(config)), { ...sgd, seed: 4 });
  assertEquals([config.gml.milestones, config.gml.gamma, config.gml.lr], [[10], 0.2, 0.05]);
  // The paper's variants: gml+las, Table 8's ablations; the default variant is the pipelines'.
  assertEquals(plain(gmlOptions(config, {})), plain(gmlOptions(config)));
  assertEquals(plain(gmlOptions(config, { reweight: true })), plain(gmlOptions(config)));
  assertEquals(gmlOptions(config, { loss: "gml+las" }).loss, "gml+las");
  assertEquals(gmlOptions(config, { reweight: false }).lossOptions, { gmlReweight: false });
  assertEquals(gmlOptions(config, { sampler: "class-balanced" }).sampler, "class-balanced");
  assertThrows(
    () => gmlOptions(config, { sampler: "square-root" as "instance" }),
    RangeError,
    "valid samplers are instance, class-balanced",
  );
  // The better baselines: GML's protocol (re-drawn classifier, frozen backbone, same schedule).
  const b = gmlBaselineOptions(config, { loss: "ce", sampler: "class-balanced" });
  assertEquals(
    [b.loss, b.sampler, b.resetClassifier, b.bnMode, b.epochs, b.milestones, b.seed],
    ["ce", "class-balanced", true, "frozen", config.gml.epochs, [10], 4],
  );
  assertEquals(b.resetSeed, seedFor(4, "gml", "classifier"));
  assertThrows(() => gmlBaselineOptions(config, { loss: "gml" as "ce" }), RangeError, "bsce, ce");
  assertEquals(ensembleOptions(resolveConfig("default", { gml: { tOld: 2 } })), {
    tOld: 2,
    tNew: 1,
  });
});
