import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  checkSeeds,
  CONFIG_FIELDS,
  configValue,
  DEFAULT_CONFIG,
  describeField,
  EXPERIMENT_PRESETS,
  fieldAccepts,
  mergeOverrides,
  PRESET_SEEDS,
  presetSeedCount,
  resolveConfig,
  seedList,
  validateConfig,
} from "../../lib/experiments/config.ts";
import { DATA_PRESETS } from "../../lib/data/presets.ts";
import { GML_ENSEMBLE_DEFAULTS } from "../../lib/eval/mod.ts";
import { LOSSES } from "../../lib/losses/mod.ts";
import { MERGES } from "../../lib/merge/mod.ts";
import { MODELS } from "../../lib/models/mod.ts";
import { SAMPLERS } from "../../lib/samplers/mod.ts";
import {
  BALANCED_FINETUNE_DEFAULTS,
  BTM_DEFAULTS,
  GML_FINETUNE_DEFAULTS,
  POST_TRAIN_DEFAULTS,
  PRETRAIN_DEFAULTS,
} from "../../lib/train/mod.ts";

Deno.test("every preset resolves to a valid config", () => {
  for (const name of Object.keys(EXPERIMENT_PRESETS)) validateConfig(resolveConfig(name));
  assertEquals(resolveConfig("default"), DEFAULT_CONFIG);
});

Deno.test("the defaults are the stages' own defaults", () => {
  const sgd = ["epochs", "batchSize", "lr", "momentum", "weightDecay"] as const;
  const c = DEFAULT_CONFIG;
  for (const k of sgd) {
    assertEquals(c.pretrain[k], PRETRAIN_DEFAULTS[k], `pretrain.${k}`);
    assertEquals(c.btm[k], BALANCED_FINETUNE_DEFAULTS[k], `btm.${k}`);
    assertEquals(c.postTrain[k], POST_TRAIN_DEFAULTS[k], `postTrain.${k}`);
    assertEquals(c.gml[k], GML_FINETUNE_DEFAULTS[k], `gml.${k}`);
  }
  assertEquals(c.model.arch, PRETRAIN_DEFAULTS.arch);
  assertEquals(c.pretrain.mixupAlpha, PRETRAIN_DEFAULTS.mixupAlpha);
  assertEquals(c.btm.mixupAlpha, BALANCED_FINETUNE_DEFAULTS.mixupAlpha);
  assertEquals([c.btm.subsets, c.btm.perClass], [BTM_DEFAULTS.subsets, BTM_DEFAULTS.perClass]);
  assertEquals([c.btm.merge, c.btm.mergeMetric], [BTM_DEFAULTS.merge, BTM_DEFAULTS.mergeMetric]);
  assertEquals(c.postTrain.loss, POST_TRAIN_DEFAULTS.loss);
  assertEquals(c.postTrain.sampler, POST_TRAIN_DEFAULTS.sampler);
  assertEquals([c.gml.tOld, c.gml.tNew], [GML_ENSEMBLE_DEFAULTS.tOld, GML_ENSEMBLE_DEFAULTS.tNew]);
});

Deno.test("every config field is in CONFIG_FIELDS and the defaults satisfy it", () => {
  const leaves = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === "object" && !Array.isArray(v) ? leaves(v, `${prefix}${k}.`) : [prefix + k]
    );
  for (const path of leaves(DEFAULT_CONFIG)) assert(Object.hasOwn(CONFIG_FIELDS, path), path);
  for (const [path, field] of Object.entries(CONFIG_FIELDS)) {
    assert(fieldAccepts(field, configValue(DEFAULT_CONFIG, path)), path);
  }
  // Names are checked against their registries.
  const choices = (path: string) => {
    const f = CONFIG_FIELDS[path];
    return f.kind === "choice" ? [...f.choices] : [];
  };
  assertEquals(choices("data"), Object.keys(DATA_PRESETS));
  assertEquals(choices("model.arch"), Object.keys(MODELS));
  assertEquals(choices("btm.merge"), Object.keys(MERGES));
  assertEquals(choices("postTrain.loss"), Object.keys(LOSSES));
  assertEquals(choices("postTrain.sampler"), Object.keys(SAMPLERS));
});

Deno.test("fields describe their range in words and accept exactly it", () => {
  assertEquals(describeField(CONFIG_FIELDS["btm.momentum"]), "a number in [0, 1)");
  assertEquals(describeField(CONFIG_FIELDS["gml.tOld"]), "a number > 0");
  assertEquals(describeField(CONFIG_FIELDS.seed), "an integer >= 0");
  const m = CONFIG_FIELDS["pretrain.momentum"];
  assert(
    fieldAccepts(m, 0) && fieldAccepts(m, 0.99) && !fieldAccepts(m, 1) && !fieldAccepts(m, -0.1),
  );
  assert(!fieldAccepts(CONFIG_FIELDS["gml.tNew"], 0));
  assert(!fieldAccepts(CONFIG_FIELDS["pretrain.lr"], Infinity));
  assert(!fieldAccepts(CONFIG_FIELDS["btm.epochs"], 2.5));
  assert(fieldAccepts(CONFIG_FIELDS["model.widths"], undefined));
  assert(!fieldAccepts(CONFIG_FIELDS["model.widths"], [16, 0]));
});

Deno.test("presets spread and override field by field", () => {
  const smoke = resolveConfig("smoke");
  assertEquals(smoke.data, "tiny");
  assertEquals(smoke.pretrain.epochs, 2);
  assertEquals(smoke.pretrain.lr, DEFAULT_CONFIG.pretrain.lr); // kept from the defaults
  const seeded = resolveConfig("smoke", { seed: 7, btm: { merge: "greedy" } });
  assertEquals(seeded.seed, 7);
  assertEquals(seeded.btm.merge, "greedy");
  assertEquals(seeded.btm.subsets, 2);
});

Deno.test("mergeOverrides lets the second win, field by field", () => {
  const o = mergeOverrides(
    { data: "synth-places", pretrain: { epochs: 4, lr: 0.2 }, btm: { subsets: 3 } },
    { pretrain: { epochs: 1 }, seed: 2 },
  );
  assertEquals(o, {
    data: "synth-places",
    pretrain: { epochs: 1, lr: 0.2 },
    btm: { subsets: 3 },
    seed: 2,
  });
});

Deno.test("invalid configs and unknown names are refused with the offending value", () => {
  assertThrows(() => resolveConfig("huge"), RangeError, "default, full, smoke");
  assertThrows(
    () => resolveConfig("default", { pretrain: { epochs: 0 } }),
    RangeError,
    "pretrain.epochs = 0 must be an integer >= 1",
  );
  assertThrows(
    () => resolveConfig("default", { btm: { merge: "median" as "uniform" } }),
    RangeError,
    'btm.merge = "median" must be one of uniform, adaptive, greedy',
  );
  assertThrows(
    () => resolveConfig("default", { pretrain: { epoch: 3 } as never }),
    Error,
    "pretrain.epoch",
  );
  assertThrows(() => resolveConfig("default", { gml: { tNew: 0 } }), RangeError, "gml.tNew");
  assertThrows(() => resolveConfig("default", { data: "cifar10" }), RangeError, "synth100-16");
  assertThrows(
    () => resolveConfig("default", { model: { arch: "vgg" } }),
    RangeError,
    "resnet8",
  );
  assertThrows(
    () => resolveConfig("default", { postTrain: { loss: "focal" } }),
    RangeError,
    "ce, bsce, las, gml",
  );
  assertThrows(
    () => resolveConfig("default", { postTrain: { sampler: "random" } }),
    RangeError,
    "instance, class-balanced, square-root",
  );
});

Deno.test("every preset says how many seeds its core sections run; seed lists are checked", () => {
  assertEquals(PRESET_SEEDS, { default: 3, full: 3, smoke: 2 });
  // `full` is the default config without the report's cuts: the same stage settings.
  assertEquals(resolveConfig("full"), resolveConfig("default"));
  for (const name of Object.keys(EXPERIMENT_PRESETS)) {
    assertEquals(presetSeedCount(name) >= 1, true, name);
  }
  assertEquals(seedList(2, 3), [2, 3, 4]);
  assertThrows(() => seedList(0, 0), RangeError, "Cannot run 0 seeds");
  assertEquals(checkSeeds([3, 1]), [3, 1]);
  assertThrows(() => checkSeeds([]), RangeError, "at least one seed");
  assertThrows(() => checkSeeds([0, -1]), RangeError, "seed -1");
  assertThrows(() => presetSeedCount("huge"), RangeError, "Unknown preset");
});
