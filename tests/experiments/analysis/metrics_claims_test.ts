import { assertAlmostEquals, assertEquals, assertStringIncludes } from "@std/assert";
import {
  FAR_MORE_FACTOR,
  metricsClaims,
  printedTolerance,
} from "../../../lib/experiments/analysis/metrics_claims.ts";
import { assertQuoted } from "./_fixtures.ts";

const c = metricsClaims();

Deno.test("the papers' worked examples recompute to their printed digits", () => {
  for (const v of [c.verdicts.workedExample, c.verdicts.gmlWorkedExample]) {
    assertEquals(v.record.status, "holds", v.record.sentence);
    assertEquals(v.record.seeds, []);
    assertQuoted(v.record);
  }
  assertStringIncludes(
    c.verdicts.workedExample.record.sentence,
    "H of {0.1, 0.9} 0.1800, equal to the paper's 0.18 within 0.005",
  );
  // GML prints H(0.01, 0.99) = 0.02; it is 0.0198, within half a unit of the last digit.
  assertStringIncludes(
    c.verdicts.gmlWorkedExample.record.sentence,
    "0.0198, equal to the paper's 0.02",
  );
  assertEquals(printedTolerance("0.02"), 0.005);
  assertEquals(printedTolerance("0.3"), 0.05);
  assertAlmostEquals(c.curves["{0.1, 0.9}"].named.harmonic, 0.18, 1e-12);
});

Deno.test("one bad class among ten: the H-mean's drop is far more than accuracy's (ours)", () => {
  const v = c.verdicts.oneBadClass.record;
  assertEquals(v.status, "holds", v.sentence);
  assertEquals(v.ourClaim, true);
  assertAlmostEquals(
    v.values["H-mean drop when one of ten classes falls from 0.9 to 0.1"],
    0.4,
    1e-12,
  );
  assertAlmostEquals(
    v.values[`${FAR_MORE_FACTOR} × accuracy drop when one of ten classes falls from 0.9 to 0.1`],
    0.24,
    1e-12,
  );
  assertEquals(
    c.oneBadClass,
    "accuracy drop 8.0 points, G-mean drop 17.8, H-mean drop 40.0 (5.0× accuracy's)",
  );
});

Deno.test("the zero floor: zeros count as 10⁻³, nothing else is raised, no floor gives zero", () => {
  const v = c.verdicts.zeroFloor.record;
  assertEquals(v.status, "holds", v.sentence);
  assertEquals(v.cite, { file: "btm_paper.txt", line: 576 });
  assertQuoted(v);
  const rows = Object.fromEntries(c.zeroFloorRows.map((r) => [r.method, r.ours]));
  assertEquals(rows["{0, 0.5, 1}, no floor"].harmonic, 0);
  assertAlmostEquals(
    rows["{0, 0.5, 1}, zeros → 10⁻³ (the papers')"].harmonic,
    3 / (1000 + 2 + 1),
    1e-15,
  );
  assertAlmostEquals(
    rows["{0.0005, 1}, zeros → 10⁻³ (the papers')"].harmonic,
    2 / (2000 + 1),
    1e-15,
  );
  assertAlmostEquals(rows["{0.0005, 1}, all below 10⁻³ → 10⁻³"].harmonic, 2 / (1000 + 1), 1e-15);
  assertEquals(rows["{0, 0.5, 1}, zeros → 10⁻³ (the papers')"].lowest, 0); // the true lowest recall
});
