import { assertAlmostEquals, assertEquals } from "@std/assert";
import { instanceSampler } from "../../lib/samplers/instance_sampler.ts";
import { classFrequencies, longTailLabels } from "./_long_tail.ts";

Deno.test("instanceSampler: each epoch is a permutation of the dataset", () => {
  const labels = longTailLabels([30, 10, 3]);
  const s = instanceSampler(labels, { batchSize: 7, seed: 2 });
  for (let e = 0; e < 3; e++) {
    const seen = [...s.batches(e)].flatMap((b) => [...b]);
    assertEquals(seen.sort((a, b) => a - b), Array.from({ length: 43 }, (_, i) => i));
  }
});

Deno.test("instanceSampler: a longer epoch chains permutations; a shorter one has no repeats", () => {
  const labels = longTailLabels([3, 2]);
  const long = [
    ...instanceSampler(labels, { batchSize: 4, seed: 0, samplesPerEpoch: 15 }).batches(0),
  ]
    .flatMap((b) => [...b]);
  for (let pass = 0; pass < 3; pass++) {
    assertEquals(long.slice(pass * 5, pass * 5 + 5).sort(), [0, 1, 2, 3, 4]);
  }
  const short = [
    ...instanceSampler(labels, { batchSize: 2, seed: 0, samplesPerEpoch: 4 }).batches(0),
  ]
    .flatMap((b) => [...b]);
  assertEquals(new Set(short).size, 4);
});

Deno.test("instanceSampler: classes are seen in proportion to their size", () => {
  const labels = longTailLabels([80, 16, 4]);
  const s = instanceSampler(labels, { batchSize: 10, seed: 3, samplesPerEpoch: 20000 });
  const f = classFrequencies(labels, [...s.batches(0)].flatMap((b) => [...b]), 3);
  assertAlmostEquals(f[0], 0.8, 1e-3);
  assertAlmostEquals(f[1], 0.16, 1e-3);
  assertAlmostEquals(f[2], 0.04, 1e-3);
});
