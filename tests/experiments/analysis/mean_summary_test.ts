import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { meanSummary } from "../../../lib/experiments/analysis/mean_summary.ts";
import type { RecallSummary } from "../../../lib/metrics/mod.ts";

Deno.test("meanSummary averages each metric over the summaries that have it", () => {
  const s = (h: number, few?: number): RecallSummary => ({
    harmonicMean: h,
    geometricMean: 2 * h,
    accuracy: 0.5,
    lowestRecall: 0,
    zeroClasses: 0,
    ...(few === undefined ? {} : { few }),
  });
  const m = meanSummary([s(0.1, 0.2), s(0.3)]);
  assertAlmostEquals(m.harmonicMean!, 0.2, 1e-12);
  assertAlmostEquals(m.geometricMean!, 0.4, 1e-12);
  assertEquals(m.few, 0.2);
  assertEquals(m.many, undefined);
  assertThrows(() => meanSummary([]), RangeError, "at least one summary");
});
