import { assertEquals, assertThrows } from "@std/assert";
import { classCounts } from "../../lib/samplers/class_counts.ts";

Deno.test("classCounts: counts the selected images per class", () => {
  const labels = [2, 0, 1, 1, 2, 2];
  assertEquals(classCounts(labels, [0, 1, 4, 5], 3), [1, 0, 3]);
  assertEquals(classCounts(labels, Int32Array.of(2, 2), 4), [0, 2, 0, 0]);
  assertEquals(classCounts(labels, [], 2), [0, 0]);
});

Deno.test("classCounts: bad input is an error naming the value", () => {
  assertThrows(() => classCounts([0, 1], [2], 2), RangeError, "index 2 at position 0");
  assertThrows(() => classCounts([0, 5], [1], 2), RangeError, "label 5 of image 1");
  assertThrows(() => classCounts([0], [0], 0), RangeError, "0 classes");
});
