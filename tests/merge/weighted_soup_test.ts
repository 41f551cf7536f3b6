import { assertEquals, assertThrows } from "@std/assert";
import { weightedSoup } from "../../lib/merge/weighted_soup.ts";
import { plain, weights } from "./_weights.ts";

Deno.test("weightedSoup: Σ ratio_i · model_i by name", () => {
  const a = weights({ w: [[2], [4, 8]], b: [[1], [1]] });
  const b = weights({ b: [[1], [5]], w: [[2], [0, 4]] });
  assertEquals(plain(weightedSoup([a, b], [0.75, 0.25])), { w: [[2], [3, 7]], b: [[1], [2]] });
  assertEquals(plain(weightedSoup([a, b], [0, 1])), { w: [[2], [0, 4]], b: [[1], [5]] });
});

Deno.test("weightedSoup: accumulates in float64", () => {
  // in float32, 2^22 + 0.25 rounds back to 2^22 twice; in float64 the sum is 2^22 + 0.5
  const soup = weightedSoup([
    weights({ w: [[1], [2 ** 23]] }),
    weights({ w: [[1], [1]] }),
    weights({ w: [[1], [1]] }),
  ], [0.5, 0.25, 0.25]);
  assertEquals(soup.get("w")!.values[0], 2 ** 22 + 0.5);
});

Deno.test("weightedSoup: bad ratios are errors naming the value", () => {
  const a = weights({ w: [[1], [1]] });
  assertThrows(() => weightedSoup([a, a], [1]), RangeError, "1 ratios");
  assertThrows(() => weightedSoup([a, a], [1.5, -0.5]), RangeError, "ratio -0.5 of model 1");
  assertThrows(() => weightedSoup([a, a], [NaN, 1]), RangeError, "ratio NaN of model 0");
  assertThrows(() => weightedSoup([a, a], [0.5, 0.6]), RangeError, "sum to 1.1");
  // within 1e-9 of one is accepted
  assertEquals(weightedSoup([a, a], [0.5, 0.5 + 5e-10]).get("w")!.values[0], 1);
});
