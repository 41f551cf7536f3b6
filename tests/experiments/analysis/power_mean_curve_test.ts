import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  DEFAULT_POWERS,
  powerMeanCurve,
} from "../../../lib/experiments/analysis/power_mean_curve.ts";

Deno.test("the named means of the worked examples", () => {
  const a = powerMeanCurve([0.1, 0.9]).named;
  assertAlmostEquals(a.arithmetic, 0.5, 1e-12);
  assertAlmostEquals(a.geometric, 0.3, 1e-12);
  assertAlmostEquals(a.harmonic, 0.18, 1e-12);
  assertEquals(a.lowest, 0.1);
  const b = powerMeanCurve([0.01, 0.99]).named;
  assertAlmostEquals(b.harmonic, 2 * 0.01 * 0.99, 1e-12);
  assertAlmostEquals(b.geometric, Math.sqrt(0.0099), 1e-12);
});

Deno.test("M_p is non-decreasing in p and lies between the lowest and highest recall", () => {
  const recalls = [0.05, 0.3, 0.6, 0.9, 0.95];
  const { powers, means } = powerMeanCurve(recalls);
  assertEquals(powers, [...DEFAULT_POWERS]);
  assertEquals(powers[0], -10);
  assertEquals(powers.at(-1), 3);
  for (let i = 1; i < means.length; i++) {
    assert(means[i] >= means[i - 1] - 1e-15, `p = ${powers[i]}`);
  }
  assert(means[0] >= 0.05 && means.at(-1)! <= 0.95);
  assertAlmostEquals(means[powers.indexOf(-1)], powerMeanCurve(recalls).named.harmonic, 1e-12);
});

Deno.test("a zero recall zeroes every M_p with p ≤ 0 unless floored", () => {
  const recalls = [0, 0.9, 0.9];
  const raw = powerMeanCurve(recalls, { powers: [-1, 0, 1] });
  assertEquals(raw.means.slice(0, 2), [0, 0]);
  assertAlmostEquals(raw.means[2], 0.6, 1e-12);
  const floored = powerMeanCurve(recalls, { powers: [0], zeroFloor: 1e-3 });
  assertAlmostEquals(floored.means[0], Math.cbrt(1e-3 * 0.81), 1e-12);
  assertEquals(floored.named.lowest, 1e-3);
});

Deno.test("powerMeanCurve rejects non-finite or missing powers", () => {
  assertThrows(() => powerMeanCurve([0.5], { powers: [] }), RangeError, "no powers");
  assertThrows(() => powerMeanCurve([0.5], { powers: [-Infinity] }), RangeError, "p = -Infinity");
});
