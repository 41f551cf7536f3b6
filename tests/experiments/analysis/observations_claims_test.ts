import { assertAlmostEquals, assertEquals, assertStringIncludes } from "@std/assert";
import {
  largestStepShare,
  MUCH_HIGHER,
  observations12Claims,
  observations34Claims,
  smallestStep,
} from "../../../lib/experiments/analysis/observations_claims.ts";
import { assertQuoted, curve, s } from "./_fixtures.ts";

// f (λ = 0): H 1%, G 5%, acc 30%; rising linearly to f^D (λ = 1): H 21%, G 30%, acc 39%.
const rising = curve((l) => [0.01 + 0.2 * l, 0.05 + 0.25 * l, 0.3 + 0.09 * l]);

Deno.test("Observations 1 and 2 hold on rising, smooth curves, with the paper's numbers beside ours", () => {
  const c = observations12Claims([{ seed: 0, curve: rising }, { seed: 1, curve: rising }]);
  for (const v of [c.obs1, c.accuracy, c.obs2]) {
    assertEquals(v.record.status, "holds", v.record.sentence);
    assertQuoted(v.record);
  }
  assertEquals(c.obs1.record.id, "btm-obs1");
  assertEquals(c.obs1.record.cite, { file: "btm_paper.txt", line: 329 });
  assertStringIncludes(
    c.obs1.record.sentence,
    "H-mean f^D 21.00 ± 0.00 (0 zero-recall classes) vs f 1.00 ± 0.00",
  );
  assertStringIncludes(c.obs1.record.sentence, "(paper 26.37 vs 1.47)");
  assertEquals(c.obs1.record.seeds, [0, 1]);
  // The accuracy claim quotes Section 3.2 and, as the paper's own opposite, the abstract.
  assertEquals(c.accuracy.record.cite, { file: "btm_paper.txt", line: 353 });
  assertEquals(c.accuracy.record.contradicting.map((q) => q.id), [
    "btm-abstract-balanced-accuracy",
  ]);
  assertStringIncludes(c.accuracy.record.contradicting[0].quote, "but lower average accuracy");
  assertStringIncludes(c.accuracy.record.sentence, "f^D's accuracy 9.09% higher");
});

Deno.test("Observation 1: a gain below the margin, or one seeds disagree on, does not hold", () => {
  const small = curve((l) => [0.01 + (MUCH_HIGHER / 2) * l, 0.05 + 0.2 * l, 0.3]);
  assertEquals(
    observations12Claims([{ seed: 0, curve: small }]).obs1.record.status,
    "does not hold",
  );
  // Seed 0 gains 3 points of H, seed 1 loses 2.5: the mean (+0.25 beyond the margin…) is noise.
  const up = curve((l) => [0.01 + 0.03 * l, 0.05 + 0.2 * l, 0.3]);
  const down = curve((l) => [0.035 - 0.025 * l, 0.05 + 0.2 * l, 0.3]);
  const c = observations12Claims([{ seed: 0, curve: up }, { seed: 1, curve: down }]);
  assertEquals(c.obs1.record.status, "within noise", c.obs1.record.sentence);
  // f^D less accurate than f: Section 3.2's claim does not hold (the abstract's would).
  const lessAccurate = curve((l) => [0.01 + 0.2 * l, 0.05 + 0.25 * l, 0.4 - 0.05 * l]);
  assertEquals(
    observations12Claims([{ seed: 0, curve: lessAccurate }]).accuracy.record.status,
    "does not hold",
  );
});

Deno.test("Observation 2: smooth is no step carrying over half the change; monotone allows half a point", () => {
  // All of the rise between λ = 0.4 and 0.5: monotone, not smooth.
  const jump = curve((l) => [l >= 0.5 ? 0.21 : 0.01, l >= 0.5 ? 0.3 : 0.05, 0.3]);
  assertEquals(largestStepShare(jump, "harmonicMean"), 1);
  const c = observations12Claims([{ seed: 0, curve: jump }]);
  assertEquals(c.obs2.record.status, "does not hold");
  assertStringIncludes(c.obs2.record.sentence, "[does not hold]");
  assertAlmostEquals(largestStepShare(rising, "geometricMean"), 0.1, 1e-9);
  // A dip of 0.3 points at λ = 0.6 is flat for "monotone"; a dip of 2 points is not.
  const dip = (d: number) =>
    curve((l) => [0.01 + 0.2 * l - (l === 0.6 ? d + 0.02 : 0), 0.05 + 0.25 * l, 0.3]);
  assertAlmostEquals(smallestStep(dip(0.003), "harmonicMean"), -0.003, 1e-9);
  assertEquals(observations12Claims([{ seed: 0, curve: dip(0.003) }]).obs2.record.status, "holds");
  assertEquals(
    observations12Claims([{ seed: 0, curve: dip(0.02) }]).obs2.record.status,
    "does not hold",
  );
});

// Figure 2: λ = 0 is f^{D_B} (H 15%), λ = 1 is f^{D_A} (H 25%), the middle above both.
const path = curve((l) => [
  0.15 + 0.1 * l + 0.3 * l * (1 - l),
  0.25 + 0.08 * l + 0.2 * l * (1 - l),
  0.38,
]);

Deno.test("Observations 3 and 4: both ends above the union; λ = 0.5 above both ends", () => {
  const union = { summary: s(0.12, 0.24) };
  const c = observations34Claims([{ seed: 0, curve: path, union }] as never);
  assertEquals(c.obs3.record.status, "holds", c.obs3.record.sentence);
  assertEquals(c.obs4.record.status, "holds", c.obs4.record.sentence);
  assertEquals(c.noBarrier.record.status, "holds");
  assertEquals(c.noBarrier.record.ourClaim, true);
  assertEquals(c.noBarrier.record.cite, { file: "btm_paper.txt", line: 401 }); // builds on Obs. 4
  assertStringIncludes(
    c.obs4.record.sentence,
    "H-mean λ = 0.5 27.50 (0 zero-recall classes) vs f^{D_A} 25.00",
  );
  assertStringIncludes(c.obs4.record.sentence, "(paper 26.56 vs 26.37)");
  assertEquals(c.obs3.record.parts.length, 4);
  // A union better than f^{D_B}: Observation 3 does not hold; a flat path: Observation 4 does not.
  const better = observations34Claims(
    [{ seed: 0, curve: path, union: { summary: s(0.16, 0.24) } }] as never,
  );
  assertEquals(better.obs3.record.status, "does not hold");
  const flat = curve(() => [0.2, 0.3, 0.38]);
  assertEquals(
    observations34Claims([{ seed: 0, curve: flat, union }] as never).obs4.record.status,
    "does not hold",
  );
});
