import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { generateBenchmark } from "../../lib/data/generate_benchmark.ts";
import { DATA_PRESETS } from "../../lib/data/presets.ts";
import { longTailCounts } from "../../lib/data/long_tail_counts.ts";

Deno.test("generateBenchmark: tiny has the preset's counts, distinct splits and train statistics", async () => {
  const t0 = performance.now();
  const b = await generateBenchmark("tiny");
  assert(performance.now() - t0 < 1000, "tiny must generate in under a second");
  const p = DATA_PRESETS.tiny;
  assertEquals(b.trainCounts, longTailCounts({ numClasses: p.numClasses, ...p.profile }));
  assertEquals(b.manifest.counts.train, b.trainCounts);
  assertEquals(b.manifest.counts.test, new Array(10).fill(p.testPerClass));
  assertEquals(b.manifest.counts.val, new Array(10).fill(p.valPerClass));
  assertNotEquals(b.manifest.sha256["val/images"], b.manifest.sha256["test/images"]);
  // No image of test appears in train.
  const px = 16 * 16 * 3;
  const trainKeys = new Set<string>();
  for (let i = 0; i < b.train.labels.length; i++) {
    trainKeys.add(b.train.images.subarray(i * px, (i + 1) * px).join());
  }
  for (let i = 0; i < b.test.labels.length; i++) {
    assert(!trainKeys.has(b.test.images.subarray(i * px, (i + 1) * px).join()));
  }
  const s = b.normalization!;
  for (let c = 0; c < 3; c++) assert(s.mean[c] > 0.1 && s.mean[c] < 0.9 && s.std[c] > 0.05);
});

Deno.test("generateBenchmark: a different seed gives different data", async () => {
  const a = await generateBenchmark({ ...DATA_PRESETS.tiny, seed: 1 }, "tiny-seed1");
  const b = await generateBenchmark("tiny");
  assertEquals(a.name, "tiny-seed1");
  assertNotEquals(a.manifest.sha256["train/images"], b.manifest.sha256["train/images"]);
});
