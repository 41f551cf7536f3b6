import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { summarizeRecalls } from "../../lib/metrics/summarize_recalls.ts";

Deno.test("summarizeRecalls: accuracy, G, H and lowest of the worked example", () => {
  const s = summarizeRecalls([0.1, 0.9]);
  assertAlmostEquals(s.accuracy, 0.5, 1e-15);
  assertAlmostEquals(s.geometricMean, 0.3, 1e-15);
  assertAlmostEquals(s.harmonicMean, 0.18, 1e-15);
  assertEquals(s.lowestRecall, 0.1);
  assertEquals(s.zeroClasses, 0);
  assertEquals("many" in s, false);
});

Deno.test("summarizeRecalls: the default 1e-3 floor acts on the means only", () => {
  const s = summarizeRecalls([0, 0.5, 1, 0]);
  assertEquals(s.zeroClasses, 2);
  assertEquals(s.lowestRecall, 0);
  assertAlmostEquals(s.accuracy, 0.375, 1e-15);
  assertAlmostEquals(s.harmonicMean, 4 / (1000 + 2 + 1 + 1000), 1e-15);
  assertAlmostEquals(s.geometricMean, Math.pow(1e-3 * 0.5 * 1 * 1e-3, 1 / 4), 1e-15);
  // only exact zeros are floored: a recall below 1e-3 that is not zero is kept (the papers')
  const tiny = summarizeRecalls([0, 5e-4, 1]);
  assertAlmostEquals(tiny.harmonicMean, 3 / (1000 + 2000 + 1), 1e-15);
  assertEquals(tiny.zeroClasses, 1);
  assertEquals(tiny.lowestRecall, 0);
  // the earlier behaviour, on request: every recall below 1e-3 raised to it
  const raised = summarizeRecalls([0, 5e-4, 1], { floorMode: "below" });
  assertAlmostEquals(raised.harmonicMean, 3 / (1000 + 1000 + 1), 1e-15);
  // without the floor both means collapse to zero
  const bare = summarizeRecalls([0, 0.5, 1, 0], { zeroFloor: 0 });
  assertEquals(bare.harmonicMean, 0);
  assertEquals(bare.geometricMean, 0);
});

Deno.test("summarizeRecalls: many / medium / few split at > 100 and < 20 training images", () => {
  const recalls = [0.9, 0.8, 0.6, 0.5, 0.4, 0.1, 0.0];
  const trainCounts = [500, 101, 100, 20, 19, 5, 1];
  const s = summarizeRecalls(recalls, { trainCounts });
  assertAlmostEquals(s.many!, 0.85, 1e-15);
  assertAlmostEquals(s.medium!, 0.55, 1e-15);
  assertAlmostEquals(s.few!, (0.4 + 0.1) / 3, 1e-15);
  const custom = summarizeRecalls(recalls, { trainCounts, manyThreshold: 400, fewThreshold: 6 });
  assertAlmostEquals(custom.many!, 0.9, 1e-15);
  assertAlmostEquals(custom.medium!, (0.8 + 0.6 + 0.5 + 0.4) / 4, 1e-15);
  assertAlmostEquals(custom.few!, 0.05, 1e-15);
  // an empty group is absent rather than NaN
  const noFew = summarizeRecalls([0.5, 0.7], { trainCounts: [200, 50] });
  assertEquals(noFew.few, undefined);
  assertEquals(noFew.many, 0.5);
});

Deno.test("summarizeRecalls: bad input is an error naming the value", () => {
  assertThrows(() => summarizeRecalls([]), RangeError, "empty");
  assertThrows(() => summarizeRecalls([0.5, 1.5]), RangeError, "value 1.5 at index 1");
  assertThrows(
    () => summarizeRecalls([0.5, 0.5], { trainCounts: [3] }),
    RangeError,
    "1 train counts for 2 recalls",
  );
  assertThrows(
    () => summarizeRecalls([0.5, 0.5], { trainCounts: [3, -1] }),
    RangeError,
    "train count -1 of class 1",
  );
  assertThrows(
    () => summarizeRecalls([0.5], { trainCounts: [3], fewThreshold: 200 }),
    RangeError,
    "fewThreshold 200",
  );
  assertThrows(() => summarizeRecalls([0.5], { zeroFloor: -1 }), RangeError, "zeroFloor -1");
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => summarizeRecalls([0.5], { floorMode: "all" as any }),
    RangeError,
    'floorMode "all"',
  );
});
