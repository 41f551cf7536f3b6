import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import {
  ACCURACY_ROUGHLY_KEPT,
  gmlBetterBaselinesClaim,
  gmlClaims,
  gmlEnsembleClaim,
  gmlLowestRecallClaim,
  gmlReweightingClaim,
  gmlScratchClaim,
  gmlTemperatureClaim,
  gmlUniversalityClaim,
  SCRATCH_COMPARABLE,
  T_OLD_LITTLE_EFFECT,
} from "../../../lib/experiments/analysis/gml_claims.ts";
import { paperClaim } from "../../../lib/paper/mod.ts";
import { gmlResult, summary, table7 } from "./_gml_result.ts";

Deno.test("every GML check holds on numbers that satisfy it, names a real PAPER_CLAIMS id, and carries its seed", () => {
  const claims = gmlClaims(gmlResult());
  for (const [name, c] of Object.entries(claims)) {
    // The fixture's ensembles at the config's 1/1 are below GML alone: that check fails on it.
    const expected = name !== "ensembleFixed";
    assertEquals(c.verdict.record.holds, expected, `${name}: ${c.verdict.record.evidence}`);
    assertEquals(paperClaim(c.id).id, c.id, name);
    assertEquals(c.seed, 3, name);
    assert(c.verdict.record.source!.startsWith("GML paper, "), name);
    assert(c.verdict.record.source!.includes(paperClaim(c.id).cite.file), name);
    assert(Object.keys(c.ours).length > 0 && Object.keys(c.paper).length > 0, name);
    for (const v of [...Object.values(c.ours), ...Object.values(c.paper)]) {
      assert(Number.isFinite(v), name);
    }
  }
  assertEquals(
    Object.values(claims).map((c) => c.id),
    [
      "gml-table1-lowest-recall",
      "gml-universality",
      "gml-table3",
      "gml-table3",
      "gml-table7-temperatures",
      "gml-table8-reweighting",
      "gml-table9-scratch",
      "gml-better-baselines",
    ],
  );
});

Deno.test("universality: GML must raise H, G and lowest recall of every base; the paper's Table 6 numbers beside", () => {
  const c = gmlUniversalityClaim(gmlResult());
  assertEquals(c.ours["BSCE + GML H-mean"], 0.30);
  assertAlmostEquals(c.paper["BSCE + GML H-mean"], 0.3088, 1e-12);
  assertAlmostEquals(c.paper["MiSLAS-style lowest recall"], 0.05, 1e-12);
  // BSCE + GML's lowest recall no higher than BSCE's: fails.
  const fails = gmlUniversalityClaim(gmlResult({ "bsce+gml": summary(0.30, 0.36, 0.03, 0.42) }));
  assertEquals(fails.verdict.record.holds, false);
  assert(fails.verdict.record.evidence.startsWith("1 of 9 comparisons fail"));
});

Deno.test("ensemble: above GML alone on H, G and lowest recall, accuracy within the allowance of the base", () => {
  const result = gmlResult();
  assertEquals(gmlEnsembleClaim(result, "val").verdict.record.holds, true);
  // At the config's 1/1 the CE ensemble is below CE + GML (H 25 < 30): fails.
  const fixed = gmlEnsembleClaim(result, "config");
  assertEquals(fixed.verdict.record.holds, false);
  assert(fixed.verdict.record.claim.includes("the config's temperatures"));
  // An accuracy drop of more than the allowance fails.
  const acc = 0.40 - ACCURACY_ROUGHLY_KEPT - 0.001;
  const dropped = gmlEnsembleClaim(
    gmlResult({ "ce+gml-ensemble-val": summary(0.32, 0.37, 0.08, acc) }),
  );
  assertEquals(dropped.verdict.record.holds, false);
  // The paper's PaCo rows: the ensemble's 1.42-point accuracy drop.
  assertAlmostEquals(fixed.paper["PaCo ensemble accuracy drop below PaCo"], 0.0142, 1e-12);
  assertAlmostEquals(fixed.paper["PaCo ensemble lowest recall"], 0.15, 1e-12);
});

Deno.test("Table 1: the lowest recall must gain fewer points than the accuracy, least to most accurate base", () => {
  const c = gmlLowestRecallClaim(gmlResult());
  // CE (40%) is the least accurate, MiSLAS-style (47%) the most: +7 accuracy, +5 lowest recall.
  assertAlmostEquals(c.ours["accuracy gain CE → MiSLAS-style (points)"], 7, 1e-9);
  assertAlmostEquals(c.ours["lowest-recall gain CE → MiSLAS-style (points)"], 5, 1e-9);
  assertAlmostEquals(c.paper["accuracy gain BSCE → PaCo (points)"], 9, 1e-9);
  assertAlmostEquals(c.paper["lowest-recall gain BSCE → PaCo (points)"], 2, 1e-9);
  const fails = gmlLowestRecallClaim(gmlResult({ mislas: summary(0.31, 0.40, 0.12, 0.47) }));
  assertEquals(fails.verdict.record.holds, false);
});

Deno.test("Table 7: t_old's H-mean spread within the allowance and lowest recall lower at t_new = 3", () => {
  const result = gmlResult();
  assertEquals(gmlTemperatureClaim(result).verdict.record.holds, true);
  // t_old moving H by more than the allowance fails.
  const rows = table7();
  rows.find((r) => r.tOld === 3 && r.tNew === 1)!.test = summary(
    0.40 - T_OLD_LITTLE_EFFECT - 0.01,
    0.45,
    0.15,
    0.5,
  );
  const moved = gmlTemperatureClaim({ ...result, table7: { ...result.table7, ce: rows } });
  assertEquals(moved.verdict.record.holds, false);
  assertAlmostEquals(moved.paper["PaCo ensemble lowest recall at 1/3"], 0.05, 1e-12);
  // and on another base
  assertEquals(gmlTemperatureClaim(result, "mislas").verdict.record.claim.includes("MiSLAS"), true);
});

Deno.test("Table 8, Table 9 and the better baselines each fail when their ordering is broken", () => {
  assertEquals(
    gmlReweightingClaim(
      gmlResult({ "ce+gml-no-reweight-resampled": summary(0.31, 0.37, 0.05, 0.4) }),
    )
      .verdict.record.holds,
    false,
  );
  const far = 0.30 + SCRATCH_COMPARABLE + 0.01;
  assertEquals(
    gmlScratchClaim(gmlResult({ "gml-scratch": summary(far, 0.36, 0.09, 0.4) })).verdict.record
      .holds,
    false,
  );
  assertEquals(
    gmlBetterBaselinesClaim(gmlResult({ "ce+ce-resampled": summary(0.18, 0.30, 0.06, 0.38) }))
      .verdict.record.holds,
    false,
  );
  const t9 = gmlScratchClaim(gmlResult());
  assertAlmostEquals(t9.paper["GML from scratch H-mean"], 0.3086, 1e-12);
  assertAlmostEquals(t9.paper["PaCo + GML H-mean"], 0.392, 1e-12);
});
