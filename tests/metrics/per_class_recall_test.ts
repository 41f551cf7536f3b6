import { assertEquals, assertThrows } from "@std/assert";
import { perClassRecall } from "../../lib/metrics/per_class_recall.ts";

Deno.test("perClassRecall: counts hits per true class", () => {
  const labels = [0, 0, 0, 0, 1, 1, 2, 2, 2];
  const preds = [0, 1, 0, 2, 1, 1, 0, 0, 0];
  const r = perClassRecall(labels, preds, 3);
  assertEquals(r instanceof Float64Array, true);
  assertEquals([...r], [0.5, 1, 0]);
  // typed arrays are accepted as well
  assertEquals([...perClassRecall(Int32Array.from(labels), Uint8Array.from(preds), 3)], [
    0.5,
    1,
    0,
  ]);
});

Deno.test("perClassRecall: a class with no test sample is an error naming it", () => {
  assertThrows(() => perClassRecall([0, 2], [0, 2], 3), RangeError, "class 1 has no test sample");
});

Deno.test("perClassRecall: bad input is an error naming the value", () => {
  assertThrows(() => perClassRecall([0, 1], [0], 2), RangeError, "2 labels but 1 predictions");
  assertThrows(() => perClassRecall([], [], 2), RangeError, "empty");
  assertThrows(() => perClassRecall([0, 3], [0, 1], 2), RangeError, "label 3 at index 1");
  assertThrows(() => perClassRecall([0, 1], [0, -1], 2), RangeError, "prediction -1 at index 1");
  assertThrows(() => perClassRecall([0, 1.5], [0, 1], 2), RangeError, "label 1.5");
  assertThrows(() => perClassRecall([0, NaN], [0, 1], 2), RangeError, "label NaN");
  assertThrows(() => perClassRecall([0], [0], 0), RangeError, "0 classes");
});
