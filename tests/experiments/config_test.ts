import { assertEquals, assertThrows } from "@std/assert";
import {
  DEFAULT_CONFIG,
  EXPERIMENT_PRESETS,
  resolveConfig,
  validateConfig,
} from "../../lib/experiments/config.ts";

Deno.test("every preset resolves to a valid config", () => {
  for (const name of Object.keys(EXPERIMENT_PRESETS)) validateConfig(resolveConfig(name));
  assertEquals(resolveConfig("default"), DEFAULT_CONFIG);
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

Deno.test("invalid configs and unknown names are refused with the offending value", () => {
  assertThrows(() => resolveConfig("huge"), Error, "default, smoke");
  assertThrows(
    () => resolveConfig("default", { pretrain: { epochs: 0 } }),
    RangeError,
    "pretrain.epochs = 0",
  );
  assertThrows(
    () => resolveConfig("default", { btm: { merge: "median" as "uniform" } }),
    RangeError,
    "median",
  );
  assertThrows(
    () => resolveConfig("default", { pretrain: { epoch: 3 } as never }),
    Error,
    "pretrain.epoch",
  );
  assertThrows(() => resolveConfig("default", { gml: { tNew: 0 } }), RangeError, "gml.tNew");
});
