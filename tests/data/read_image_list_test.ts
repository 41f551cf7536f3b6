import { assertEquals, assertRejects } from "@std/assert";
import { readImageList } from "../../lib/data/read_image_list.ts";

Deno.test("readImageList: paths join the root, labels parse, blank lines are skipped", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const list = `${dir}/train.txt`;
    await Deno.writeTextFile(list, "train/a/1.jpg 0\ntrain/b/2.jpg 2\n\ntrain/c/3.jpg 1\n");
    const e = await readImageList(list);
    assertEquals(e.map((x) => [x.path, x.label, x.source]), [
      [`${dir}/train/a/1.jpg`, 0, `${list}:1`],
      [`${dir}/train/b/2.jpg`, 2, `${list}:2`],
      [`${dir}/train/c/3.jpg`, 1, `${list}:4`],
    ]);
    assertEquals(
      (await readImageList(list, { root: "/data/imagenet" }))[0].path,
      "/data/imagenet/train/a/1.jpg",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readImageList: malformed lines, labels out of range, empty classes and missing files are errors naming file and line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const list = `${dir}/l.txt`;
    await Deno.writeTextFile(list, "a.jpg 0\nb.jpg\n");
    await assertRejects(
      () => readImageList(list),
      Error,
      `${list}:2: expected "relative/path label"`,
    );
    await Deno.writeTextFile(list, "a.jpg 0\nb.jpg -1\n");
    await assertRejects(() => readImageList(list), Error, `${list}:2`);
    await Deno.writeTextFile(list, "a.jpg 0\nb.jpg 1\nc.jpg 5\n");
    await assertRejects(
      () => readImageList(list, { numClasses: 3 }),
      RangeError,
      `${list}:3 has label 5, outside 0–2`,
    );
    await assertRejects(() => readImageList(list), Error, "class 2, 3, 4");
    await Deno.writeTextFile(list, "a.jpg 0\n");
    await assertRejects(
      () => readImageList(list, { checkFiles: true }),
      Error,
      `${list}:1 lists ${dir}/a.jpg, which does not exist`,
    );
    await assertRejects(() => readImageList(`${dir}/none.txt`), Error, "none.txt");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
