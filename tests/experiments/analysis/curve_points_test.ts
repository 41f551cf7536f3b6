import { assert, assertEquals, assertThrows } from "@std/assert";
import type { InterpolationPoint } from "../../../lib/eval/interpolation_curve.ts";
import { bestInteriorPoint, pointAt } from "../../../lib/experiments/analysis/curve_points.ts";

const point = (lambda: number, h: number): InterpolationPoint => ({
  lambda,
  recalls: [],
  summary: { accuracy: 1 - h, geometricMean: h, harmonicMean: h, lowestRecall: 0, zeroClasses: 0 },
});

Deno.test("bestInteriorPoint ignores the ends and breaks ties toward the smaller λ", () => {
  const curve = [point(0, 0.9), point(0.3, 0.5), point(0.6, 0.5), point(0.8, 0.2), point(1, 0.95)];
  assertEquals(bestInteriorPoint(curve, "harmonicMean").lambda, 0.3);
  assertEquals(bestInteriorPoint(curve, "accuracy").lambda, 0.8);
  assertThrows(() => bestInteriorPoint([point(0, 1), point(1, 1)], "harmonicMean"), Error, "0, 1");
});

Deno.test("pointAt finds a λ exactly or names the ones there are", () => {
  const curve = [point(0, 0.1), point(0.5, 0.2), point(1, 0.3)];
  assert(pointAt(curve, 0.5).summary.harmonicMean === 0.2);
  assertThrows(() => pointAt(curve, 0.4), Error, "0, 0.5, 1");
});
