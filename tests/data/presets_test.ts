import { assert, assertThrows } from "@std/assert";
import { DATA_PRESETS, getPreset } from "../../lib/data/presets.ts";
import { longTailCounts } from "../../lib/data/long_tail_counts.ts";

Deno.test("DATA_PRESETS: the required presets exist and each profile is a valid long tail", () => {
  for (
    const name of [
      "synth100-16",
      "synth100-32",
      "tiny",
      "synth-places",
      "synth-imagenet",
      "synth-inat",
    ]
  ) {
    assert(Object.hasOwn(DATA_PRESETS, name), name);
  }
  for (const [name, p] of Object.entries(DATA_PRESETS)) {
    const n = longTailCounts({ numClasses: p.numClasses, ...p.profile });
    assert(n[0] > n[n.length - 1], `${name} is not imbalanced`);
    assert(p.testPerClass > 0 && p.description.length > 0 && p.scaling.length > 0, name);
  }
});

Deno.test("getPreset: an unknown name is an error listing the valid ones", () => {
  assertThrows(() => getPreset("cifar"), Error, '"synth100-16", "synth100-32", "tiny"');
  assertThrows(() => getPreset("toString"), Error, "Unknown benchmark preset");
});
