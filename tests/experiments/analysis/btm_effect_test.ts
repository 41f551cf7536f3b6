import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { btmEffect } from "../../../lib/experiments/analysis/btm_effect.ts";
import type { RecallSummary } from "../../../lib/metrics/mod.ts";

const s = (h: number, g: number, acc: number, low = 0): RecallSummary => ({
  harmonicMean: h,
  geometricMean: g,
  accuracy: acc,
  lowestRecall: low,
  zeroClasses: 0,
});

Deno.test("btmEffect counts the methods BTM improves and finds its largest accuracy drop", () => {
  const e = btmEffect([
    { method: "CE", base: s(0.1, 0.2, 0.5), btm: s(0.2, 0.3, 0.48, 0.01) },
    { method: "cRT", base: s(0.2, 0.3, 0.5), btm: s(0.25, 0.29, 0.45) },
    { method: "GML", base: s(0.3, 0.4, 0.5), btm: s(0.3, 0.45, 0.52) },
  ]);
  assertEquals(e.methods, 3);
  assertEquals(e.harmonicRaised, 2); // GML's H-mean is equal: not raised
  assertEquals(e.geometricRaised, 2);
  assertEquals(e.lowestRecallRaised, 1);
  assertEquals(e.accuracyRaised, 1);
  assertAlmostEquals(e.largestAccuracyDrop, 0.05, 1e-12);
  assertEquals(e.largestAccuracyDropMethod, "cRT");
  assertAlmostEquals(e.perMethod[0].delta.harmonicMean, 0.1, 1e-12);
  assertAlmostEquals(e.perMethod[1].delta.geometricMean, -0.01, 1e-12);
});

Deno.test("btmEffect reports no drop when BTM raises every accuracy", () => {
  const e = btmEffect([{ method: "CE", base: s(0.1, 0.2, 0.5), btm: s(0.2, 0.3, 0.6) }]);
  assertEquals(e.largestAccuracyDrop, 0);
  assertEquals(e.largestAccuracyDropMethod, null);
});

Deno.test("btmEffect treats rounding noise as no change", () => {
  // 0.1 + 0.2 + 0.3 summed in two orders differ in the last bit.
  const a = (0.1 + 0.2 + 0.3) / 3, b = (0.3 + 0.2 + 0.1) / 3;
  assert(a !== b);
  const e = btmEffect([{ method: "CE", base: s(a, a, a), btm: s(b, b, b) }]);
  assertEquals(e.harmonicRaised + e.geometricRaised + e.accuracyRaised, 0);
  assertEquals(e.largestAccuracyDrop, 0);
  assertEquals(e.largestAccuracyDropMethod, null);
});

Deno.test("btmEffect names a method with a missing metric and refuses no methods", () => {
  assertThrows(
    () =>
      btmEffect([{
        method: "CE",
        base: s(0.1, 0.2, 0.5),
        btm: { ...s(0.2, 0.3, 0.6), accuracy: NaN },
      }]),
    RangeError,
    '"CE": its accuracy is 0.5 without BTM and NaN with it',
  );
  assertEquals(btmEffect([]).methods, 0); // no method ran with BTM: nothing to count
  assertThrows(() => btmEffect("CE" as never), RangeError, "give a list of methods");
});
