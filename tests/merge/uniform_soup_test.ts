import { assertEquals, assertThrows } from "@std/assert";
import { uniformSoup } from "../../lib/merge/uniform_soup.ts";
import { plain, weights } from "./_weights.ts";

Deno.test("uniformSoup: the mean of every entry, batch-norm statistics included", () => {
  const a = weights({ "dense/kernel": [[2, 1], [1, 2]], "bn/moving_variance": [[1], [1]] });
  const b = weights({ "dense/kernel": [[2, 1], [3, -2]], "bn/moving_variance": [[1], [4]] });
  const c = weights({ "dense/kernel": [[2, 1], [5, 6]], "bn/moving_variance": [[1], [7]] });
  assertEquals(plain(uniformSoup([a, b, c])), {
    "dense/kernel": [[2, 1], [3, 2]],
    "bn/moving_variance": [[1], [4]],
  });
  // a soup of one is a copy, not an alias
  const one = uniformSoup([a]);
  assertEquals(plain(one), plain(a));
  one.get("dense/kernel")!.values[0] = 99;
  assertEquals(a.get("dense/kernel")!.values[0], 1);
});

Deno.test("uniformSoup: accumulates in float64, rounding to float32 once", () => {
  // float32 running sums lose the +1s: 2^24 + 1 rounds back to 2^24, giving 5592405.5
  const big = 2 ** 24;
  const soup = uniformSoup([
    weights({ w: [[1], [big]] }),
    weights({ w: [[1], [1]] }),
    weights({ w: [[1], [1]] }),
  ]);
  assertEquals(soup.get("w")!.values[0], (big + 2) / 3); // 5592406, exact in float32
});

Deno.test("uniformSoup: pairs entries by name, not by map order", () => {
  const a = weights({ x: [[1], [1]], y: [[2], [10, 20]] });
  const b = weights({ y: [[2], [30, 40]], x: [[1], [3]] }); // other insertion order
  const soup = uniformSoup([a, b]);
  assertEquals([...soup.keys()], ["x", "y"]); // model 0's order
  assertEquals(plain(soup), { x: [[1], [2]], y: [[2], [20, 30]] });
});

Deno.test("uniformSoup: mismatched names or shapes name the entry and the model", () => {
  const m0 = weights({ "conv1/kernel": [[3, 3, 3, 32], new Array(864).fill(0)] });
  const m2 = weights({ "conv1/kernel": [[3, 3, 3, 16], new Array(432).fill(0)] });
  assertThrows(
    () => uniformSoup([m0, m0, m2]),
    RangeError,
    'Cannot merge weights: "conv1/kernel" has shape [3,3,3,16] in model 2 but [3,3,3,32] in model 0',
  );
  const a = weights({ x: [[1], [1]], y: [[1], [1]] });
  assertThrows(
    () => uniformSoup([a, weights({ x: [[1], [1]] })]),
    RangeError,
    'model 1 has no "y", which model 0 has',
  );
  assertThrows(
    () => uniformSoup([a, weights({ x: [[1], [1]], y: [[1], [1]], z: [[1], [1]] })]),
    RangeError,
    'model 1 has "z", which model 0 lacks',
  );
  assertThrows(
    () => uniformSoup([a, weights({ x: [[1], [1]], y: [[2], [1]] })]),
    RangeError,
    '"y" in model 1 has 1 values but shape [2] needs 2',
  );
  const f64 = new Map([["x", {
    shape: [1],
    values: Float64Array.of(1) as unknown as Float32Array,
  }]]);
  assertThrows(() => uniformSoup([f64]), TypeError, "holds Float64Array, not a Float32Array");
  assertThrows(() => uniformSoup([]), RangeError, "non-empty list of models");
});
