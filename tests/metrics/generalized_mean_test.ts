import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  generalizedMean,
  geometricMean,
  harmonicMean,
  lowestRecall,
} from "../../lib/metrics/generalized_mean.ts";

Deno.test("generalizedMean: the papers' worked examples", () => {
  // {0.1, 0.9}: A = 0.5, G = sqrt(0.09) = 0.3, H = 2 / (10 + 10/9) = 0.18
  assertAlmostEquals(generalizedMean([0.1, 0.9], 1), 0.5, 1e-15);
  assertAlmostEquals(geometricMean([0.1, 0.9]), 0.3, 1e-15);
  assertAlmostEquals(harmonicMean([0.1, 0.9]), 0.18, 1e-15);
  // {0.01, 0.99}: A is still 0.5, but H = 0.0198 and G = sqrt(0.0099) ≈ 0.0995
  assertAlmostEquals(generalizedMean([0.01, 0.99], 1), 0.5, 1e-15);
  assertAlmostEquals(harmonicMean([0.01, 0.99]), 0.0198, 1e-15);
  assertAlmostEquals(geometricMean([0.01, 0.99]), Math.sqrt(0.0099), 1e-15);
  assertAlmostEquals(geometricMean([0.01, 0.99]), 0.0995, 1e-4);
});

Deno.test("generalizedMean: the limits are min and max, and M_p grows with p", () => {
  const r = [0.2, 0.5, 0.7, 0.95];
  assertEquals(generalizedMean(r, -Infinity), 0.2);
  assertEquals(lowestRecall(r), 0.2);
  assertEquals(generalizedMean(r, Infinity), 0.95);
  assertAlmostEquals(generalizedMean(r, 2), Math.sqrt((0.04 + 0.25 + 0.49 + 0.9025) / 4), 1e-15);
  assertAlmostEquals(generalizedMean(r, -1), 4 / (5 + 2 + 1 / 0.7 + 1 / 0.95), 1e-15);
  // large |p| approaches the limits without overflow or underflow
  assertAlmostEquals(generalizedMean(r, -1e4), 0.2, 1e-3);
  assertAlmostEquals(generalizedMean(r, 1e4), 0.95, 1e-3);
  let previous = -Infinity;
  for (const p of [-Infinity, -50, -3, -1, -0.5, 0, 0.5, 1, 3, 50, Infinity]) {
    const m = generalizedMean(r, p);
    if (!(m >= previous)) throw new Error(`M_${p} = ${m} is below the previous ${previous}`);
    previous = m;
  }
});

Deno.test("generalizedMean: numerically careful with tiny recalls and many classes", () => {
  const tiny = new Float64Array(1000).fill(1e-300);
  tiny[0] = 1e-310; // subnormal: 1/r overflows to Infinity in a naive harmonic mean
  // H = 1000 / (1e310 + 999e300) = 1e-307 / (1 + 999e-10)
  assertAlmostEquals(harmonicMean(tiny) / (1e-307 / (1 + 999e-10)), 1, 1e-9);
  // the naive product 1e-500 underflows to 0; the mean of logs gives 1e-250
  assertAlmostEquals(Math.log10(geometricMean([1e-300, 1e-200])), -250, 1e-9);
});

Deno.test("generalizedMean: zeros and the zero floor", () => {
  assertEquals(harmonicMean([0, 1]), 0);
  assertEquals(geometricMean([0, 1]), 0);
  assertEquals(generalizedMean([0, 1], 1), 0.5);
  assertEquals(generalizedMean([0, 0], 2), 0);
  // with the papers' floor the zero becomes 1e-3
  assertAlmostEquals(harmonicMean([0, 1], { zeroFloor: 1e-3 }), 2 / (1000 + 1), 1e-15);
  assertAlmostEquals(geometricMean([0, 1], { zeroFloor: 1e-3 }), Math.sqrt(1e-3), 1e-15);
  assertEquals(lowestRecall([0, 1], { zeroFloor: 1e-3 }), 1e-3);
  // values above the floor are untouched
  assertAlmostEquals(harmonicMean([0.1, 0.9], { zeroFloor: 1e-3 }), 0.18, 1e-15);
});

Deno.test("generalizedMean: the floor replaces exact zeros only, unless floorMode is below", () => {
  const r = [0, 5e-4, 1];
  // the papers': only the zero becomes 1e-3; 5e-4 stays 5e-4
  assertAlmostEquals(harmonicMean(r, { zeroFloor: 1e-3 }), 3 / (1000 + 2000 + 1), 1e-15);
  assertAlmostEquals(
    harmonicMean(r, { zeroFloor: 1e-3, floorMode: "zeros" }),
    3 / (1000 + 2000 + 1),
    1e-15,
  );
  assertAlmostEquals(geometricMean(r, { zeroFloor: 1e-3 }), Math.cbrt(1e-3 * 5e-4), 1e-15);
  assertEquals(lowestRecall(r, { zeroFloor: 1e-3 }), 5e-4);
  // the earlier behaviour: every value below the floor is raised to it
  assertAlmostEquals(
    harmonicMean(r, { zeroFloor: 1e-3, floorMode: "below" }),
    3 / (1000 + 1000 + 1),
    1e-15,
  );
  assertEquals(lowestRecall(r, { zeroFloor: 1e-3, floorMode: "below" }), 1e-3);
  // the two agree whenever no recall lies strictly between 0 and the floor
  for (const v of [[0, 0.01, 1], [0.5, 0.25], [0, 0]]) {
    assertEquals(
      harmonicMean(v, { zeroFloor: 1e-3 }),
      harmonicMean(v, { zeroFloor: 1e-3, floorMode: "below" }),
    );
  }
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => harmonicMean(r, { zeroFloor: 1e-3, floorMode: "clip" as any }),
    RangeError,
    'floorMode "clip"',
  );
});

Deno.test("generalizedMean: bad input is an error naming the value", () => {
  assertThrows(() => harmonicMean([]), RangeError, "empty");
  assertThrows(() => harmonicMean([0.5, NaN]), RangeError, "value NaN at index 1");
  assertThrows(() => geometricMean([0.5, 1.2]), RangeError, "value 1.2 at index 1");
  assertThrows(() => geometricMean([-0.1]), RangeError, "value -0.1 at index 0");
  assertThrows(() => generalizedMean([0.5], NaN), RangeError, "power NaN");
  assertThrows(() => harmonicMean([0.5], { zeroFloor: 2 }), RangeError, "zeroFloor 2");
});
