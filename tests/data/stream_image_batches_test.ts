import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import sharp from "sharp";
import { streamImageBatches } from "../../lib/data/stream_image_batches.ts";
import { readImageList } from "../../lib/data/read_image_list.ts";
import { Rng } from "../../lib/random/rng.ts";

/** A w×h RGB image whose pixel (x, y) is (8x, 8y, 100 + label). */
function pattern(w: number, h: number, label: number): Uint8Array {
  const px = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      px.set([8 * x, 8 * y, 100 + label], (y * w + x) * 3);
    }
  }
  return px;
}

async function fixture(dir: string): Promise<string> {
  await Deno.mkdir(`${dir}/img`, { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < 5; i++) {
    const label = i % 2;
    // PNG is lossless: pixels must round-trip exactly; one JPEG (quality 100) within a tolerance.
    const ext = i === 4 ? "jpg" : "png";
    const img = sharp(pattern(12, 10, label), { raw: { width: 12, height: 10, channels: 3 } });
    await (ext === "png" ? img.png() : img.jpeg({ quality: 100, chromaSubsampling: "4:4:4" }))
      .toFile(`${dir}/img/${i}.${ext}`);
    lines.push(`img/${i}.${ext} ${label}`);
  }
  await Deno.writeTextFile(`${dir}/list.txt`, lines.join("\n") + "\n");
  return `${dir}/list.txt`;
}

Deno.test("streamImageBatches: centre crops round-trip pixels and labels, in batches", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const entries = await readImageList(await fixture(dir));
    const batches = [];
    // resizeShorter = the image's own shorter side (10): no resampling, so PNG pixels are exact.
    for await (
      const b of streamImageBatches(entries, { batchSize: 2, cropSize: 8, resizeShorter: 10 })
    ) batches.push(b);
    assertEquals(batches.map((b) => b.labels.length), [2, 2, 1]);
    assertEquals(Array.from(batches.flatMap((b) => Array.from(b.labels))), [0, 1, 0, 1, 0]);
    // Centre crop of 12×10 to 8×8: x0 = floor(0.5 · 5) = 2, y0 = floor(0.5 · 3) = 1.
    for (
      const [bi, k, label, exact] of [[0, 0, 0, true], [1, 1, 1, true], [2, 0, 0, false]] as const
    ) {
      const img = batches[bi].images;
      for (const [y, x] of [[0, 0], [3, 5], [7, 7]]) {
        const want = [8 * (x + 2), 8 * (y + 1), 100 + label];
        for (let c = 0; c < 3; c++) {
          const got = img[k * 192 + (y * 8 + x) * 3 + c];
          if (exact) assertEquals(got, want[c]);
          else assert(Math.abs(got - want[c]) <= 3, `JPEG pixel ${got} vs ${want[c]}`);
        }
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("streamImageBatches: augmentation crops and flips from the generator, deterministically", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const entries = (await readImageList(await fixture(dir))).slice(0, 4);
    const run = async (seed: number) => {
      const out: Uint8Array[] = [];
      for await (
        const b of streamImageBatches(entries, {
          batchSize: 4,
          cropSize: 8,
          resizeShorter: 10,
          augment: true,
          rng: new Rng(seed),
        })
      ) {
        out.push(b.images);
      }
      return out[0];
    };
    const a = await run(1);
    assertEquals(a, await run(1));
    assertNotEquals(a, await run(2));
    // Each output is a crop of the pattern, possibly mirrored: red grows by ±8 per column, green by +8 per row.
    for (let k = 0; k < 4; k++) {
      const r0 = a[k * 192], r1 = a[k * 192 + 3], g0 = a[k * 192 + 1], g1 = a[k * 192 + 8 * 3 + 1];
      assertEquals(Math.abs(r1 - r0), 8);
      assertEquals(g1 - g0, 8);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("streamImageBatches: a missing image is an error naming the file and list line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const list = await fixture(dir);
    await Deno.remove(`${dir}/img/3.png`);
    const entries = await readImageList(list);
    await assertRejects(
      async () => {
        for await (const _ of streamImageBatches(entries, { batchSize: 2, cropSize: 8 })) {
          /* drain */
        }
      },
      Error,
      `${dir}/img/3.png (listed at ${list}:4)`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
