import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { synthClasses, synthImages } from "../../lib/data/synth_images.ts";

Deno.test("synthImages: same seed gives identical bytes, another seed or split different ones", () => {
  const a = synthImages([3, 2, 1], { seed: 5, split: "train" });
  const b = synthImages([3, 2, 1], { seed: 5, split: "train" });
  const c = synthImages([3, 2, 1], { seed: 6, split: "train" });
  const d = synthImages([3, 2, 1], { seed: 5, split: "test" });
  assertEquals(a.images, b.images);
  assertEquals(a.labels, b.labels);
  assertNotEquals(a.images, c.images);
  assertNotEquals(a.images, d.images);
  assertEquals(Array.from(a.labels), [0, 0, 0, 1, 1, 2]);
  assertEquals(a.images.length, 6 * 16 * 16 * 3);
});

Deno.test("synthImages: a class's first images do not depend on other classes' counts", () => {
  const px = 16 * 16 * 3;
  const a = synthImages([4, 2], { seed: 1, split: "train" });
  const b = synthImages([1, 5, 3], { seed: 1, split: "train" });
  assertEquals(a.images.subarray(0, px), b.images.subarray(0, px)); // class 0, image 0
  assertEquals(a.images.subarray(4 * px, 6 * px), b.images.subarray(1 * px, 3 * px)); // class 1
});

Deno.test("synthImages: images have structure (not flat, not noise-only) and use the range", () => {
  const set = synthImages(new Array(10).fill(5), { seed: 0, split: "x", imageSize: 32, noise: 0 });
  let min = 255, max = 0;
  for (const v of set.images) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  assert(max - min > 150);
  // Neighbouring pixels are correlated: mean |Δ| between horizontal neighbours is far below the
  // mean |Δ| between random pixel pairs.
  const img = set.images;
  let near = 0, far = 0, n = 0;
  for (let i = 0; i + 3 < img.length; i += 3 * 7) {
    near += Math.abs(img[i] - img[i + 3]);
    far += Math.abs(img[i] - img[(i + 3 * (32 * 32 * 3 + 37 * 11)) % img.length]);
    n++;
  }
  assert(near / n < 0.6 * (far / n), `near ${near / n} vs far ${far / n}`);
});

Deno.test("synthImages: noise knob changes pixels; zero attribute noise keeps class attributes", () => {
  const a = synthImages([2], { seed: 0, split: "t", noise: 0 });
  const b = synthImages([2], { seed: 0, split: "t", noise: 20 });
  assertNotEquals(a.images, b.images);
  assertThrows(
    () => synthImages([1], { seed: 0, split: "t", attributeNoise: 2 }),
    RangeError,
    "attributeNoise 2",
  );
  assertThrows(() => synthImages([-1], { seed: 0, split: "t" }), RangeError, "class 0");
});

Deno.test("synthClasses: distinct attribute combinations, stable prefix, too many classes is an error", () => {
  const cs = synthClasses(400, { seed: 0 });
  const keys = new Set(cs.map((c) => `${c.shape}/${c.hue}/${c.texture}`));
  assertEquals(keys.size, 400);
  assertEquals(synthClasses(10, { seed: 0 }), cs.slice(0, 10));
  assertNotEquals(synthClasses(10, { seed: 1 }), cs.slice(0, 10));
  assertThrows(() => synthClasses(961, { seed: 0 }), RangeError, "961");
});
