import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { drawShape, hsv, NUM_SHAPES, shapeDistance } from "../../lib/data/_raster.ts";

Deno.test("raster: a centred circle covers ~π r² pixels, with partial coverage on its edge", () => {
  const size = 32;
  const buf = new Float64Array(size * size * 3);
  drawShape(buf, size, size, {
    shape: 0,
    texture: 0,
    cx: 16,
    cy: 16,
    radius: 10 / 0.9,
    sx: 1,
    sy: 1,
    angle: 0,
    colorA: [255, 255, 255],
    colorB: [0, 0, 0],
    freq: 1,
    phase: 0,
    alpha: 1,
  }, 4);
  let area = 0, partial = 0;
  for (let i = 0; i < size * size; i++) {
    area += buf[3 * i] / 255;
    if (buf[3 * i] > 1 && buf[3 * i] < 254) partial++;
  }
  assertAlmostEquals(area, Math.PI * 100, 3);
  assert(partial > 20, `only ${partial} anti-aliased edge pixels`);
});

Deno.test("raster: every shape is inside at its centre and outside far away; hsv primaries", () => {
  for (let s = 0; s < NUM_SHAPES; s++) {
    if (s !== 8 && s !== 9) assert(shapeDistance(s, 0, 0) < 0, `shape ${s} centre`); // ring, crescent: hollow centre
    assert(shapeDistance(s, 3, 3) > 0, `shape ${s} far`);
  }
  assertEquals(hsv(0, 1, 1), [255, 0, 0]);
  assertEquals(hsv(120, 1, 1), [0, 255, 0]);
  assertEquals(hsv(240, 0, 0.5), [127.5, 127.5, 127.5]);
});
