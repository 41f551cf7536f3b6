import { assert, assertEquals, assertMatch, assertThrows } from "@std/assert";
import { DEFAULT_CONFIG, resolveConfig } from "../../lib/experiments/config.ts";
import {
  describeSettings,
  parseSettings,
  SETTINGS_ENV,
  settingsFromEnv,
  settingsTag,
} from "../../lib/experiments/parse_settings.ts";

Deno.test("settings become typed overrides that resolve like any other", () => {
  const o = parseSettings([
    "pretrain.lr=0.05",
    "btm.perClass=5",
    "seed=3",
    "btm.merge=greedy",
    "postTrain.learnLogitScale=true",
    "model.widths=8,16,32",
    "gml.tOld=2e-1",
  ]);
  assertEquals(o, {
    pretrain: { lr: 0.05 },
    btm: { perClass: 5, merge: "greedy" },
    seed: 3,
    postTrain: { learnLogitScale: true },
    model: { widths: [8, 16, 32] },
    gml: { tOld: 0.2 },
  });
  const c = resolveConfig("smoke", o);
  assertEquals([c.pretrain.lr, c.pretrain.epochs, c.btm.perClass], [0.05, 2, 5]);
  assertEquals(parseSettings([]), {});
});

Deno.test("a bad setting names the key and the valid values", () => {
  const bad: [string, string][] = [
    ["pretrain.lrr=0.05", '"pretrain.lrr" is not a config key; valid keys are pretrain.epochs,'],
    ["epochs=3", '"epochs" is not a config key; valid keys are data, seed, model.arch'],
    ["pretrain.epochs=abc", "pretrain.epochs must be an integer >= 1"],
    ["pretrain.epochs=2.5", "pretrain.epochs must be an integer >= 1"],
    ["pretrain.epochs=", "pretrain.epochs must be an integer >= 1"],
    ["seed=-1", "seed must be an integer >= 0"],
    ["btm.momentum=1", "btm.momentum must be a number in [0, 1)"],
    ["gml.tNew=0", "gml.tNew must be a number > 0"],
    ["pretrain.lr=0x10", "pretrain.lr must be a number >= 0"],
    ["pretrain.lr=Infinity", "pretrain.lr must be a number >= 0"],
    ["btm.merge=median", "btm.merge must be one of uniform, adaptive, greedy"],
    ["data=cifar", "data must be one of"],
    ["postTrain.learnLogitScale=yes", "postTrain.learnLogitScale must be true or false"],
    ["model.widths=16,,32", "model.widths must be a list of integers >= 1"],
    ["pretrain.lr", "write it as key=value"],
    ["=3", "write it as key=value"],
  ];
  for (const [setting, message] of bad) {
    const e = assertThrows(() => parseSettings([setting]), RangeError);
    assert((e as Error).message.includes(`"${setting}"`), (e as Error).message);
    assert((e as Error).message.includes(message), `${setting}: ${(e as Error).message}`);
  }
  assertThrows(() => parseSettings(["seed=1", "seed=2"]), RangeError, "seed is set twice");
});

Deno.test("settings come from BTM_SET, whitespace-separated", () => {
  const previous = Deno.env.get(SETTINGS_ENV);
  try {
    Deno.env.set(SETTINGS_ENV, " pretrain.lr=0.05\n btm.perClass=5 ");
    assertEquals(settingsFromEnv(), ["pretrain.lr=0.05", "btm.perClass=5"]);
    Deno.env.delete(SETTINGS_ENV);
    assertEquals(settingsFromEnv(), []);
  } finally {
    if (previous !== undefined) Deno.env.set(SETTINGS_ENV, previous);
  }
});

Deno.test("a tag names a set of settings for file names, none for no settings", async () => {
  assertEquals(await settingsTag([]), undefined);
  const tag = await settingsTag(["pretrain.lr=0.05"]);
  assertMatch(tag!, /^set-[0-9a-f]{8}$/);
  assertEquals(await settingsTag(["pretrain.lr=0.05"]), tag);
  assert((await settingsTag(["pretrain.lr=0.5"])) !== tag);
});

Deno.test("describeSettings lists every key with its range and default", () => {
  const lines = describeSettings(DEFAULT_CONFIG);
  assert(
    lines.some((l) => /^pretrain\.lr +a number >= 0 \(default 0\.1\)$/.test(l)),
    lines.join("\n"),
  );
  assert(lines.some((l) => l.startsWith("model.widths") && l.includes("the architecture's")));
});

Deno.test("GML's step schedule is settable: gml.milestones (epochs) and gml.gamma", () => {
  const o = parseSettings(["gml.milestones=20", "gml.gamma=0.1"]);
  const c = resolveConfig("default", o);
  assertEquals([c.gml.milestones, c.gml.gamma], [[20], 0.1]);
  assertEquals(DEFAULT_CONFIG.gml.milestones, [10]);
  assertThrows(() => parseSettings(["gml.milestones=-1"]), RangeError, "gml.milestones");
  assertThrows(() => parseSettings(["gml.gamma=0"]), RangeError, "gml.gamma");
});
