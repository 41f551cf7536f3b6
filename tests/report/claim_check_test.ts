import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  checkParts,
  combineStatuses,
  describePart,
  judgeEffect,
  seedStats,
} from "../../lib/report/claim_check.ts";

Deno.test("seedStats: mean and sample standard deviation; none with one seed", () => {
  const s = seedStats([0.1, 0.3]);
  assertAlmostEquals(s.mean, 0.2, 1e-15);
  assertAlmostEquals(s.sd!, Math.SQRT2 * 0.1, 1e-15);
  assertEquals(seedStats([0.4]).sd, null);
  assertThrows(() => seedStats([]), RangeError, "one value per seed");
  assertThrows(() => seedStats([0.1, NaN]), RangeError, "value NaN of seed number 1");
});

Deno.test("judgeEffect: fabricated per-seed effects give each of the three statuses", () => {
  // Consistent gains: mean 5 points, sd 1 point.
  assertEquals(judgeEffect([0.04, 0.05, 0.06]).status, "holds");
  // Consistent losses.
  assertEquals(judgeEffect([-0.04, -0.05, -0.06]).status, "does not hold");
  // Seeds disagree: mean +0.33 points, sd 4.5 points.
  assertEquals(judgeEffect([0.05, -0.04, 0]).status, "within noise");
  // A small but consistent gain holds; a large but noisy one does not.
  assertEquals(judgeEffect([0.002, 0.0021, 0.0019]).status, "holds");
  assertEquals(judgeEffect([0.3, -0.2, 0.1]).status, "within noise");
  // Exactly the spread: the mean is not smaller than its sd, so the sign decides.
  const edge = judgeEffect([0, 0.02]); // mean 0.01, sd 0.01414…
  assertEquals(edge.status, "within noise");
  assertEquals(judgeEffect([0.01, 0.01]).status, "holds"); // sd 0
  assertEquals(judgeEffect([0, 0]).status, "does not hold"); // no effect at all
  // One seed: no noise estimate, the sign decides.
  assertEquals(judgeEffect([0.001]).status, "holds");
  assertEquals(judgeEffect([-0.001]).status, "does not hold");
  assertEquals(judgeEffect([1e-12]).status, "does not hold"); // rounding noise is no gain
});

Deno.test("combineStatuses: one failing part fails the claim; noise otherwise wins over holds", () => {
  assertEquals(combineStatuses(["holds", "holds"]), "holds");
  assertEquals(combineStatuses(["holds", "within noise"]), "within noise");
  assertEquals(combineStatuses(["within noise", "does not hold", "holds"]), "does not hold");
  assertThrows(() => combineStatuses([]), RangeError, "no parts");
});

Deno.test("checkParts: effects per seed, net of margins and bounds, in the claim's direction", () => {
  const r = checkParts([
    {
      what: "H-mean",
      a: { label: "f^D", ours: [0.2, 0.22, 0.24], paper: 26.37 },
      b: { label: "f", ours: [0.01, 0.02, 0.03], paper: 1.47 },
      margin: 0.01,
    },
    {
      what: "accuracy drop",
      a: { label: "BTM", ours: [0.5, 0.49, 0.52], paper: 40.25 },
      b: { label: "two-stage", ours: [0.51, 0.5, 0.5], paper: 40.12 },
      expect: "lower",
    },
    {
      what: "largest step share",
      a: { label: "H-mean", ours: [0.2, 0.3, 0.25] },
      expect: "lower",
      bound: 0.5,
      unit: "number",
    },
  ]);
  assertEquals(r.seeds, 3);
  assertAlmostEquals(r.parts[0].effect.mean, 0.2 - 0.01, 1e-12);
  assertEquals(r.parts[0].effect.status, "holds");
  assertAlmostEquals(r.parts[0].paperEffect!, 26.37 - 1.47 - 1, 1e-12);
  // lower: b − a = +0.01, −0.01… : mean 0, sd 0.02 → within noise
  assertEquals(r.parts[1].effect.status, "within noise");
  assertAlmostEquals(r.parts[1].paperEffect!, 40.12 - 40.25, 1e-12);
  assertAlmostEquals(r.parts[2].effect.mean, 0.25, 1e-12);
  assertEquals(r.parts[2].paperEffect, null);
  assertEquals(r.status, "within noise");
  assertEquals(
    describePart(r.parts[0]),
    "H-mean f^D 22.00 ± 2.00 vs f 2.00 ± 1.00, difference +20.00 ± 1.00 " +
      "(the claim needs more than 1.00 points above) (paper 26.37 vs 1.47)",
  );
  assertEquals(
    describePart(r.parts[2]),
    "largest step share H-mean 0.25 ± 0.05, must be below 0.50",
  );
});

Deno.test("checkParts: sides of different seed counts and missing bounds are errors naming the part", () => {
  assertThrows(
    () =>
      checkParts([{
        what: "G-mean",
        a: { label: "a", ours: [0.1, 0.2] },
        b: { label: "b", ours: [0.1] },
      }]),
    RangeError,
    'part "G-mean": "b" has 1 per-seed values',
  );
  assertThrows(
    () => checkParts([{ what: "share", a: { label: "a", ours: [0.1] } }]),
    RangeError,
    "needs a finite bound",
  );
  assertThrows(() => checkParts([]), RangeError, "no parts");
});
