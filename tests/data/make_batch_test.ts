import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { makeBatch } from "../../lib/data/make_batch.ts";
import { Rng } from "../../lib/random/rng.ts";
import type { ImageSet } from "../../lib/data/types.ts";

/** A set of `n` random 8×8 images. */
function randomSet(n: number, seed = 1): ImageSet {
  const r = new Rng(seed);
  return {
    images: new Uint8Array(n * 8 * 8 * 3).map(() => r.int(256)),
    labels: Int32Array.from({ length: n }, (_, i) => i % 3),
    height: 8,
    width: 8,
    numClasses: 3,
  };
}
const px = (set: ImageSet, i: number, y: number, x: number, c: number) =>
  set.images[((i * 8 + y) * 8 + x) * 3 + c];
const at = (b: Float32Array, k: number, y: number, x: number, c: number) =>
  b[((k * 8 + y) * 8 + x) * 3 + c];

Deno.test("makeBatch: no augmentation normalizes each channel by mean/std", () => {
  const set = randomSet(4);
  const norm = {
    mean: [0.5, 0.4, 0.3] as [number, number, number],
    std: [0.2, 0.25, 0.5] as [number, number, number],
  };
  const { x, y } = makeBatch(set, new Int32Array([2, 0]), { normalization: norm });
  assertEquals(Array.from(y), [2, 0]);
  for (let c = 0; c < 3; c++) {
    assertEquals(
      at(x, 0, 3, 5, c),
      Math.fround((px(set, 2, 3, 5, c) / 255 - norm.mean[c]) / norm.std[c]),
    );
    assertEquals(
      at(x, 1, 7, 0, c),
      Math.fround((px(set, 0, 7, 0, c) / 255 - norm.mean[c]) / norm.std[c]),
    );
  }
});

Deno.test("makeBatch: flip is an exact mirror; crop shifts content and pads with black", () => {
  const set = randomSet(64);
  const all = Int32Array.from({ length: 64 }, (_, i) => i);
  const plain = makeBatch(set, all).x;
  const flipped = makeBatch(set, all, { flip: true, rng: new Rng(7) }).x;
  let mirrored = 0, same = 0;
  for (let k = 0; k < 64; k++) {
    let isMirror = true, isSame = true;
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        for (let c = 0; c < 3; c++) {
          if (at(flipped, k, y, x, c) !== at(plain, k, y, 7 - x, c)) isMirror = false;
          if (at(flipped, k, y, x, c) !== at(plain, k, y, x, c)) isSame = false;
        }
      }
    }
    assert(isMirror !== isSame, `image ${k} is neither exactly mirrored nor untouched`);
    if (isMirror) mirrored++;
    else same++;
  }
  assert(mirrored > 15 && same > 15, `${mirrored} mirrored, ${same} untouched`);

  // Crop: every output is the input shifted by some (dy, dx) in [-1, 1]² (padding 1 at width 8),
  // with zeros (black) where the shift leaves the image; some shifts are nonzero.
  const cropped = makeBatch(set, all, { crop: true, rng: new Rng(9) }).x;
  let shifted = 0;
  for (let k = 0; k < 64; k++) {
    let found = false;
    for (let dy = -1; dy <= 1 && !found; dy++) {
      for (let dx = -1; dx <= 1 && !found; dx++) {
        let ok = true;
        for (let y = 0; y < 8 && ok; y++) {
          for (let x = 0; x < 8 && ok; x++) {
            const sy = y + dy, sx = x + dx;
            const inside = sy >= 0 && sy < 8 && sx >= 0 && sx < 8;
            for (let c = 0; c < 3; c++) {
              const want = inside ? px(set, k, sy, sx, c) / 255 : 0;
              if (at(cropped, k, y, x, c) !== Math.fround(want)) ok = false;
            }
          }
        }
        if (ok) {
          found = true;
          if (dy !== 0 || dx !== 0) shifted++;
        }
      }
    }
    assert(found, `image ${k} is not a padded shift of its source`);
  }
  assert(shifted > 40, `only ${shifted} of 64 crops moved`);
});

Deno.test("makeBatch: same generator state gives the same batch; padding default scales with width", () => {
  const set = randomSet(8);
  const idx = Int32Array.from({ length: 8 }, (_, i) => i);
  const a = makeBatch(set, idx, { crop: true, flip: true, rng: new Rng(1) }).x;
  const b = makeBatch(set, idx, { crop: true, flip: true, rng: new Rng(1) }).x;
  const c = makeBatch(set, idx, { crop: true, flip: true, rng: new Rng(2) }).x;
  assertEquals(a, b);
  assertNotEquals(a, c);
  // padding 0 with crop on: only flips can change anything.
  const d = makeBatch(set, idx, { crop: true, padding: 0, rng: new Rng(1) }).x;
  assertEquals(d, makeBatch(set, idx).x);
});

Deno.test("makeBatch: bad indices, missing generator and zero std are errors", () => {
  const set = randomSet(2);
  assertThrows(() => makeBatch(set, new Int32Array([2])), RangeError, "image 2");
  assertThrows(() => makeBatch(set, new Int32Array([0]), { flip: true }), Error, "rng");
  assertThrows(
    () =>
      makeBatch(set, new Int32Array([0]), { normalization: { mean: [0, 0, 0], std: [1, 0, 1] } }),
    RangeError,
    "channel 1",
  );
});
