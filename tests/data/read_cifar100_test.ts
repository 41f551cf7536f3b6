import { assertEquals, assertRejects } from "@std/assert";
import { readCifar100 } from "../../lib/data/read_cifar100.ts";
import { cifarBytes } from "./_fixtures.ts";

Deno.test("readCifar100: planar records become HWC pixels with fine and coarse labels", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/train.bin`;
    await Deno.writeFile(path, cifarBytes([[3, 17], [19, 99], [0, 0]]));
    const d = await readCifar100(path);
    assertEquals(Array.from(d.labels), [17, 99, 0]);
    assertEquals(Array.from(d.coarseLabels), [3, 19, 0]);
    assertEquals(d.images.length, 3 * 32 * 32 * 3);
    for (const r of [0, 1, 2]) {
      for (const [y, x] of [[0, 0], [5, 9], [31, 31]]) {
        const i = y * 32 + x;
        for (let c = 0; c < 3; c++) {
          assertEquals(d.images[r * 3072 + i * 3 + c], (r * 31 + c * 80 + i * 7) & 255);
        }
      }
    }
    assertEquals((await readCifar100(path, { maxRecords: 1 })).labels.length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readCifar100: truncated files and out-of-range labels name the file and record", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/bad.bin`;
    await Deno.writeFile(path, cifarBytes([[1, 1], [2, 2]]).subarray(0, 3074 + 100));
    await assertRejects(
      () => readCifar100(path),
      Error,
      `${path}: it is truncated — record 1 has 100 of 3074`,
    );
    await Deno.writeFile(path, cifarBytes([[1, 1], [2, 100]]));
    await assertRejects(() => readCifar100(path), Error, "record 1 has fine label 100");
    await Deno.writeFile(path, cifarBytes([[20, 1]]));
    await assertRejects(() => readCifar100(path), Error, "record 0 has coarse label 20");
    await assertRejects(() => readCifar100(`${dir}/missing.bin`), Error, "missing.bin");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
