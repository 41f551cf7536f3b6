import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { classBalancedSampler } from "../../lib/samplers/class_balanced_sampler.ts";
import { classFrequencies, longTailLabels } from "./_long_tail.ts";

const labels = longTailLabels([200, 50, 10, 2]);

Deno.test("classBalancedSampler: classes are drawn uniformly", () => {
  const s = classBalancedSampler(labels, { batchSize: 50, seed: 4, samplesPerEpoch: 20000 });
  const f = classFrequencies(labels, [...s.batches(0)].flatMap((b) => [...b]), 4);
  // binomial sd = sqrt(0.25 · 0.75 / 20000) ≈ 0.003
  for (const p of f) assertAlmostEquals(p, 0.25, 0.015);
});

Deno.test("classBalancedSampler: within a class every sample comes up equally often", () => {
  const s = classBalancedSampler(labels, { batchSize: 50, seed: 4, samplesPerEpoch: 5000 });
  const hits = new Array(labels.length).fill(0);
  for (const b of s.batches(0)) for (const i of b) hits[i]++;
  for (let c = 0; c < 4; c++) {
    const h = hits.filter((_, i) => labels[i] === c);
    // cycling through a reshuffled list: counts differ by at most one
    assert(
      Math.max(...h) - Math.min(...h) <= 1,
      `class ${c}: counts ${Math.min(...h)}..${Math.max(...h)}`,
    );
  }
});

Deno.test("classBalancedSampler: a class's list is reshuffled each time it runs out", () => {
  const s = classBalancedSampler(labels, { batchSize: 50, seed: 4, samplesPerEpoch: 2000 });
  // class 3 has two samples; its draws come in cycles of two, in either order
  const draws = [...s.batches(0)].flatMap((b) => [...b]).filter((i) => labels[i] === 3);
  const cycles = new Set<string>();
  for (let j = 0; j + 1 < draws.length; j += 2) cycles.add(`${draws[j]},${draws[j + 1]}`);
  assertEquals(cycles.size, 2);
});

Deno.test("classBalancedSampler: samplesPerClass = k gives runs of k same-class samples", () => {
  const s = classBalancedSampler(labels, { batchSize: 12, seed: 9, samplesPerClass: 4 });
  const order = [...s.batches(0)].flatMap((b) => [...b]);
  assertEquals(order.length, labels.length);
  let changes = 0;
  for (let g = 0; g < order.length; g += 4) {
    const group = order.slice(g, g + 4).map((i) => labels[i]);
    assert(group.every((y) => y === group[0]), `group at ${g} mixes classes ${group}`);
    if (g > 0 && labels[order[g - 1]] !== group[0]) changes++;
  }
  assert(changes > 20, "groups should switch class often");
});

Deno.test("classBalancedSampler: classes without samples are never drawn", () => {
  const s = classBalancedSampler([0, 0, 2], {
    batchSize: 100,
    seed: 1,
    numClasses: 4,
    samplesPerEpoch: 600,
  });
  const f = classFrequencies(Int32Array.of(0, 0, 2), [...s.batches(0)][0], 4);
  assertEquals(f[1], 0);
  assertEquals(f[3], 0);
  assertAlmostEquals(f[0], 0.5, 0.1);
});
