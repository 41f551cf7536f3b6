import { assertAlmostEquals } from "@std/assert";
import { squareRootSampler } from "../../lib/samplers/square_root_sampler.ts";
import { classFrequencies, longTailLabels } from "./_long_tail.ts";

Deno.test("squareRootSampler: class frequencies are proportional to √n", () => {
  const counts = [400, 100, 25, 4];
  const labels = longTailLabels(counts);
  const s = squareRootSampler(labels, { batchSize: 64, seed: 8, samplesPerEpoch: 40000 });
  const f = classFrequencies(labels, [...s.batches(0)].flatMap((b) => [...b]), 4);
  const roots = counts.map(Math.sqrt); // 20, 10, 5, 2
  const total = roots.reduce((a, b) => a + b);
  for (let c = 0; c < 4; c++) assertAlmostEquals(f[c], roots[c] / total, 0.01);
  // distinct from both instance (∝ n) and class-balanced (uniform) sampling
  assertAlmostEquals(f[0], 20 / 37, 0.01);
});
