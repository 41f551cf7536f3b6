import { assertEquals, assertThrows } from "@std/assert";
import { interpolate } from "../../lib/merge/interpolate.ts";
import { plain, weights } from "./_weights.ts";

Deno.test("interpolate: λ·a + (1−λ)·b by name", () => {
  const a = weights({ k: [[3], [4, 0, -8]], b: [[1], [2]] });
  const b = weights({ b: [[1], [6]], k: [[3], [0, 8, 8]] });
  assertEquals(plain(interpolate(a, b, 0.25)), { k: [[3], [1, 6, 4]], b: [[1], [5]] });
  assertEquals(plain(interpolate(a, b, 1)), plain(a));
  assertEquals(plain(interpolate(a, b, 0)), { k: [[3], [0, 8, 8]], b: [[1], [6]] });
});

Deno.test("interpolate: bad λ or mismatched models are errors", () => {
  const a = weights({ k: [[2], [1, 2]] });
  assertThrows(() => interpolate(a, a, 1.5), RangeError, "λ = 1.5");
  assertThrows(() => interpolate(a, a, NaN), RangeError, "λ = NaN");
  assertThrows(
    () => interpolate(a, weights({ k: [[1, 2], [1, 2]] }), 0.5),
    RangeError,
    '"k" has shape [1,2] in model 1 but [2] in model 0',
  );
});
