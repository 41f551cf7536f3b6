import { assert, assertEquals, assertThrows } from "@std/assert";
import { longTailCounts } from "../../lib/data/long_tail_counts.ts";

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);

Deno.test("longTailCounts: CIFAR-100-LT (n_max 500, IR 100) has 10,847 images, 500 → 5", () => {
  const n = longTailCounts({ numClasses: 100, maxCount: 500, imbalanceRatio: 100 });
  assertEquals(n.length, 100);
  assertEquals(sum(n), 10847);
  assertEquals(n[0], 500);
  assertEquals(n[99], 5);
  for (let i = 1; i < 100; i++) assert(n[i] <= n[i - 1]);
  // The formula itself, class by class.
  for (let i = 0; i < 100; i++) assertEquals(n[i], Math.floor(500 * Math.pow(0.01, i / 99)));
});

Deno.test("longTailCounts: CIFAR-100-LT at IR 50 and 10 match the LDAM totals", () => {
  assertEquals(sum(longTailCounts({ numClasses: 100, maxCount: 500, imbalanceRatio: 50 })), 12608);
  assertEquals(sum(longTailCounts({ numClasses: 100, maxCount: 500, imbalanceRatio: 10 })), 19573);
  assertEquals(sum(longTailCounts({ numClasses: 10, maxCount: 5000, imbalanceRatio: 100 })), 12406);
});

Deno.test("longTailCounts: pareto pins n_max and n_min and decreases", () => {
  const n = longTailCounts({
    numClasses: 1000,
    maxCount: 1280,
    imbalanceRatio: 256,
    profile: "pareto",
  });
  assertEquals(n[0], 1280);
  assertEquals(n[999], 5);
  for (let i = 1; i < 1000; i++) assert(n[i] <= n[i - 1]);
  // A long, flat tail: more few-shot classes (< 20) than the exponential profile with the
  // same ends has.
  const e = longTailCounts({ numClasses: 1000, maxCount: 1280, imbalanceRatio: 256 });
  assert(n.filter((v) => v < 20).length > e.filter((v) => v < 20).length + 50);
  // Formula check at one interior class.
  const k = 999 / (Math.pow(256, 1 / 6) - 1);
  assertEquals(n[500], Math.floor(1280 * Math.pow(1 + 500 / k, -6) + 1e-9));
  // minCount overrides the tail end.
  const m = longTailCounts({
    numClasses: 50,
    maxCount: 100,
    imbalanceRatio: 10,
    profile: "pareto",
    minCount: 2,
  });
  assertEquals(m[49], 2);
});

Deno.test("longTailCounts: bad arguments are errors naming the value", () => {
  assertThrows(
    () => longTailCounts({ numClasses: 0, maxCount: 5, imbalanceRatio: 2 }),
    RangeError,
    "0 classes",
  );
  assertThrows(
    () => longTailCounts({ numClasses: 3, maxCount: 5, imbalanceRatio: 0.5 }),
    RangeError,
    "0.5",
  );
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => longTailCounts({ numClasses: 3, maxCount: 5, imbalanceRatio: 2, profile: "zipf" as any }),
    RangeError,
    '"zipf"',
  );
  assertEquals(longTailCounts({ numClasses: 1, maxCount: 7, imbalanceRatio: 10 }), [7]);
});
