import { assertEquals, assertRejects } from "@std/assert";
import { readInat2018 } from "../../lib/data/read_inat2018.ts";

const doc = () => ({
  info: {},
  categories: [{ id: 0, name: "a" }, { id: 1, name: "b" }],
  images: [
    { id: 10, file_name: "train_val2018/Plantae/1/x.jpg" },
    { id: 11, file_name: "train_val2018/Plantae/0/y.jpg" },
    { id: 12, file_name: "train_val2018/Plantae/1/z.jpg" },
  ],
  annotations: [
    { id: 0, image_id: 11, category_id: 0 },
    { id: 1, image_id: 10, category_id: 1 },
    { id: 2, image_id: 12, category_id: 1 },
  ],
});

Deno.test("readInat2018: joins images with annotations into (path, label) entries", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/train2018.json`;
    await Deno.writeTextFile(path, JSON.stringify(doc()));
    const e = await readInat2018(path);
    assertEquals(e.map((x) => [x.path, x.label]), [
      [`${dir}/train_val2018/Plantae/1/x.jpg`, 1],
      [`${dir}/train_val2018/Plantae/0/y.jpg`, 0],
      [`${dir}/train_val2018/Plantae/1/z.jpg`, 1],
    ]);
    assertEquals(e[2].source, `${path}: images[2]`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readInat2018: malformed JSON, bad categories, unannotated images and empty classes are errors", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/val2018.json`;
    const write = (d: unknown) => Deno.writeTextFile(path, JSON.stringify(d));
    await Deno.writeTextFile(path, "{");
    await assertRejects(() => readInat2018(path), Error, path);
    const a = doc();
    a.annotations[1].category_id = 7;
    await write(a);
    await assertRejects(
      () => readInat2018(path),
      RangeError,
      `${path}: annotations[1]: category_id 7 is outside 0–1`,
    );
    const b = doc();
    b.annotations.pop();
    await write(b);
    await assertRejects(
      () => readInat2018(path),
      Error,
      `${path}: images[2]: image 12 has no annotation`,
    );
    const c = doc();
    c.annotations[0].category_id = 1;
    await write(c);
    await assertRejects(() => readInat2018(path), Error, "class 0");
    const d = doc() as Record<string, unknown>;
    delete d.categories;
    await write(d);
    await assertRejects(() => readInat2018(path), Error, 'no "categories" array');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
