import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { recallByTrainCount } from "../../../lib/experiments/analysis/recall_by_train_count.ts";

Deno.test("classes are sorted by training count, ties by index, and recalls follow", () => {
  const counts = [5, 50, 20, 50, 1];
  const r = recallByTrainCount({ a: [0.1, 0.2, 0.3, 0.4, 0.5], b: [1, 0, 1, 0, 1] }, counts);
  assertEquals(r.order, [1, 3, 2, 0, 4]);
  assertEquals(r.counts, [50, 50, 20, 5, 1]);
  assertEquals(r.recalls.a, [0.2, 0.4, 0.3, 0.1, 0.5]);
  assertEquals(r.recalls.b, [0, 0, 1, 1, 1]);
});

Deno.test("the tail is the ceil(20%) classes with the fewest images, the head as many from the top", () => {
  const counts = Array.from({ length: 11 }, (_, i) => 100 - i); // class 10 has the fewest
  const recalls = Array.from({ length: 11 }, (_, i) => i / 10);
  const r = recallByTrainCount({ m: recalls }, counts);
  assertEquals(r.tail.size, 3);
  assertEquals(r.tail.classes, [8, 9, 10]);
  assertAlmostEquals(r.tail.meanRecall.m, 0.9, 1e-12);
  assertEquals(r.head.classes, [0, 1, 2]);
  assertAlmostEquals(r.head.meanRecall.m, 0.1, 1e-12);
  assertEquals(recallByTrainCount({ m: recalls }, counts, { tailFraction: 0.5 }).tail.size, 6);
});

Deno.test("recallByTrainCount names the input that is wrong", () => {
  assertThrows(() => recallByTrainCount({ m: [0.5] }, []), RangeError, "no train counts");
  assertThrows(
    () => recallByTrainCount({ m: [0.5, 0.5] }, [3]),
    RangeError,
    '"m": it has 2 classes',
  );
  assertThrows(() => recallByTrainCount({ m: [1.5] }, [3]), RangeError, "recall 1.5 of class 0");
  assertThrows(() => recallByTrainCount({ m: [0.5] }, [2.5]), RangeError, "count 2.5 of class 0");
  assertThrows(() => recallByTrainCount({}, [3]), RangeError, "no models");
  assertThrows(
    () => recallByTrainCount({ m: [0.5] }, [3], { tailFraction: 0 }),
    RangeError,
    "tail of 0",
  );
});
