import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { cifar100Benchmark, cifar100LongTail } from "../../lib/data/cifar100_long_tail.ts";
import { cifarBytes } from "./_fixtures.ts";

/** A balanced set: `perClass` 1-pixel images of each of `classes` classes; pixel = source index. */
function balanced(classes: number, perClass: number) {
  const n = classes * perClass;
  const labels = Int32Array.from({ length: n }, (_, i) => i % classes);
  const images = new Uint8Array(n * 3).map((_, j) => Math.floor(j / 3) & 255);
  return { images, labels };
}

Deno.test("cifar100LongTail: keeps n_i images per class, chosen by a seeded per-class shuffle", () => {
  const { images, labels } = balanced(10, 20);
  const a = cifar100LongTail(images, labels, { numClasses: 10, maxCount: 20, imbalanceRatio: 10 });
  assertEquals(a.counts[0], 20);
  assertEquals(a.counts[9], 2);
  assertEquals(a.labels.length, a.counts.reduce((s, c) => s + c, 0));
  let k = 0;
  for (let c = 0; c < 10; c++) {
    const picked = new Set<number>();
    for (let j = 0; j < a.counts[c]; j++, k++) {
      assertEquals(a.labels[k], c);
      assertEquals(labels[a.indices[k]], c);
      assertEquals(a.images[k * 3], a.indices[k] & 255); // the pixels come from that source image
      picked.add(a.indices[k]);
    }
    assertEquals(picked.size, a.counts[c]);
  }
  const b = cifar100LongTail(images, labels, { numClasses: 10, maxCount: 20, imbalanceRatio: 10 });
  const c = cifar100LongTail(images, labels, {
    numClasses: 10,
    maxCount: 20,
    imbalanceRatio: 10,
    seed: 1,
  });
  assertEquals(a.indices, b.indices);
  assertNotEquals(a.indices, c.indices);
  // The tail keeps a shuffled subset, not the first images of the class.
  assert(a.indices.slice(-2).some((i) => i >= 9 + 2 * 10));
  assertThrows(
    () => cifar100LongTail(images, labels, { numClasses: 10, maxCount: 21 }),
    RangeError,
    "only 20",
  );
});

Deno.test("cifar100Benchmark: builds train (long-tailed) and test from binary files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const recs = (n: number) =>
      Array.from({ length: n }, (_, i) => [0, i % 100] as [number, number]);
    await Deno.writeFile(`${dir}/train.bin`, cifarBytes(recs(500)));
    await Deno.writeFile(`${dir}/test.bin`, cifarBytes(recs(200)));
    const b = await cifar100Benchmark(`${dir}/train.bin`, `${dir}/test.bin`, {
      maxCount: 5,
      imbalanceRatio: 5,
    });
    assertEquals(b.trainCounts[0], 5);
    assertEquals(b.trainCounts[99], 1);
    assertEquals(b.test.labels.length, 200);
    assertEquals(b.manifest.counts.test, new Array(100).fill(2));
    assertEquals(b.train.height, 32);
    assert(b.normalization!.std[0] > 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
