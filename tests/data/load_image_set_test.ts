import { assertEquals } from "@std/assert";
import sharp from "sharp";
import { loadImageSet } from "../../lib/data/load_image_set.ts";
import { readImageList } from "../../lib/data/read_image_list.ts";

Deno.test("loadImageSet: decodes a list into one ImageSet with exact PNG pixels and labels", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const lines: string[] = [];
    for (let i = 0; i < 3; i++) {
      const px = new Uint8Array(6 * 6 * 3).map((_, j) => (j * 5 + i * 40) & 255);
      await sharp(px, { raw: { width: 6, height: 6, channels: 3 } }).png().toFile(
        `${dir}/${i}.png`,
      );
      lines.push(`${i}.png ${2 - i}`);
    }
    await Deno.writeTextFile(`${dir}/list.txt`, lines.join("\n"));
    const set = await loadImageSet(await readImageList(`${dir}/list.txt`), {
      cropSize: 6,
      resizeShorter: 6,
      batchSize: 2,
    });
    assertEquals(Array.from(set.labels), [2, 1, 0]);
    assertEquals([set.height, set.width, set.numClasses], [6, 6, 3]);
    for (let i = 0; i < 3; i++) {
      for (const j of [0, 50, 107]) assertEquals(set.images[i * 108 + j], (j * 5 + i * 40) & 255);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
