import { assert, assertEquals, assertThrows } from "@std/assert";
import { mixup } from "../../lib/data/mixup.ts";
import { Rng } from "../../lib/random/rng.ts";

Deno.test("mixup: λ in [0, 1], x = λ·a + (1 − λ)·b exactly, yB is y permuted", () => {
  const r = new Rng(0);
  const b = 16, d = 12;
  const x = new Float32Array(b * d).map(() => r.normal());
  const y = Int32Array.from({ length: b }, (_, i) => i);
  for (let t = 0; t < 20; t++) {
    const out = mixup(x, y, { alpha: 0.4, rng: new Rng(t) });
    assert(out.lambda >= 0 && out.lambda <= 1);
    assertEquals(out.yA, y);
    assertEquals([...out.yB].sort((p, q) => p - q), [...y]);
    for (let k = 0; k < b; k++) {
      const p = out.yB[k]; // labels are indices here, so yB names the partner
      for (let j = 0; j < d; j++) {
        assertEquals(
          out.x[k * d + j],
          Math.fround(out.lambda * x[k * d + j] + (1 - out.lambda) * x[p * d + j]),
        );
      }
    }
  }
});

Deno.test("mixup: λ follows Beta(α, α) (mean 1/2; small α pushes λ to the ends)", () => {
  const x = new Float32Array(4), y = new Int32Array(4);
  const r = new Rng(5);
  let sum = 0, ends = 0;
  for (let t = 0; t < 2000; t++) {
    const l = mixup(x, y, { alpha: 0.2, rng: r }).lambda;
    sum += l;
    if (l < 0.1 || l > 0.9) ends++;
  }
  assert(Math.abs(sum / 2000 - 0.5) < 0.03);
  assert(ends / 2000 > 0.5, `${ends} of 2000 near the ends`);
  assertThrows(() => mixup(x, y, { alpha: 0, rng: r }), RangeError, "alpha 0");
  assertThrows(() => mixup(new Float32Array(5), y, { alpha: 1, rng: r }), RangeError, "5 floats");
});
