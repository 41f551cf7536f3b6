import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { imageSetCounts, manifestFor } from "../../lib/data/manifest_for.ts";
import { sha256Hex } from "../../lib/data/sha256_hex.ts";

const set = (labels: number[], h = 1) => ({
  images: new Uint8Array(labels.length * h * h * 3).map((_, i) => i),
  labels: Int32Array.from(labels),
  height: h,
  width: h,
  numClasses: 3,
});

Deno.test("manifestFor: counts per class and hashes of every split's arrays", async () => {
  const train = set([0, 0, 2]), test = set([1, 2]);
  const m = await manifestFor("x", { train, test }, { generator: "g@1", seed: 4 });
  assertEquals(m.counts, { train: [2, 0, 1], test: [0, 1, 1] });
  assertEquals(m.sha256["train/images"], await sha256Hex(train.images));
  assertEquals(m.sha256["test/labels"], await sha256Hex(test.labels));
  assertEquals(m.imageSize, [1, 1]);
  assertEquals([m.name, m.generator, m.seed, m.numClasses], ["x", "g@1", 4, 3]);
  await assertRejects(
    () => manifestFor("x", { train, test: set([1], 2) }, { generator: "g", seed: 0 }),
    Error,
    "2×2",
  );
  assertThrows(() => imageSetCounts(set([3])), RangeError, "label 3");
});
