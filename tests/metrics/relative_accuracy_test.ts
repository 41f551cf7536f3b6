import { assertAlmostEquals, assertThrows } from "@std/assert";
import { relativeAccuracy } from "../../lib/metrics/relative_accuracy.ts";

Deno.test("relativeAccuracy: A_t / A_u", () => {
  assertAlmostEquals(relativeAccuracy(0.42, 0.6), 0.7, 1e-15);
  assertAlmostEquals(relativeAccuracy(0.66, 0.6), 1.1, 1e-15);
});

Deno.test("relativeAccuracy: bad input is an error naming the value", () => {
  assertThrows(() => relativeAccuracy(0.5, 0), RangeError, "upper reference 0");
  assertThrows(() => relativeAccuracy(42, 0.5), RangeError, "accuracy 42");
  assertThrows(() => relativeAccuracy(NaN, 0.5), RangeError, "accuracy NaN");
});
