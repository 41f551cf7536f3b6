import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import {
  basesByAccuracy,
  GML_TABLE_3_NOT_IMPLEMENTED,
  gmlAppendixTable1,
  gmlPaperValues,
  gmlTable1,
  gmlTable3,
  gmlTable6,
  gmlTable7,
  gmlTable8,
  gmlTable9,
  gmlUniversalityFigure,
} from "../../../lib/experiments/analysis/gml_paper_tables.ts";
import { JUPYTER_DISPLAY, TABLE_MIME } from "../../../lib/report/mod.ts";
import { ablationsResult, gmlResult } from "./_gml_result.ts";

type Row = { method: string; ours: Record<string, number> | null; paper?: Record<string, number> };
const rowsOf = (t: { [JUPYTER_DISPLAY]: () => Record<string, unknown> }) =>
  (t[JUPYTER_DISPLAY]()[TABLE_MIME] as { rows: Row[] }).rows;

Deno.test("gmlPaperValues reads a GML table row as fractions keyed by our metrics", () => {
  const v = gmlPaperValues("gml-table3", "PaCo + GML (Ensemble)");
  assertEquals(Object.keys(v).sort(), [
    "accuracy",
    "geometricMean",
    "harmonicMean",
    "lowestRecall",
  ]);
  assertAlmostEquals(v.accuracy!, 0.4982, 1e-12);
  assertAlmostEquals(v.lowestRecall!, 0.15, 1e-12);
});

Deno.test("GML Table 3: ours beside the paper's same method, then the paper's methods we do not implement", () => {
  const rows = rowsOf(gmlTable3([gmlResult()]));
  const by = new Map(rows.map((r) => [r.method, r]));
  assertAlmostEquals(by.get("CE")!.paper!.harmonicMean, 0.0205, 1e-12);
  assertAlmostEquals(by.get("CE + GML")!.paper!.accuracy, 0.4106, 1e-12);
  assertEquals(by.get("BSCE + GML")!.paper, undefined); // not in Table 3 (Table 6 only)
  assertAlmostEquals(by.get("MiSLAS-style")!.paper!.accuracy, 0.4705, 1e-12);
  assert(by.has("CE + GML (Ensemble, t = 1/1)"));
  assert(by.has("CE + GML (Ensemble, t = 2/0.5 chosen on val)"));
  for (const m of GML_TABLE_3_NOT_IMPLEMENTED) {
    const row = by.get(`${m} (not implemented)`)!;
    assertEquals(row.ours, null, m);
    assert(Object.keys(row.paper!).length === 4, m);
  }
  assertEquals(rows.length, 12 + GML_TABLE_3_NOT_IMPLEMENTED.length);
});

Deno.test("GML Tables 6, 1, 8, 9 and appendix 1 put the paper's rows beside ours", () => {
  const r = [gmlResult()];
  const a = ablationsResult();
  const t6 = new Map(rowsOf(gmlTable6(r)).map((x) => [x.method, x]));
  assertAlmostEquals(t6.get("MiSLAS-style + GML")!.paper!.lowestRecall, 0.11, 1e-12);
  assertEquals(t6.get("PaCo + GML (not implemented)")!.ours, null);
  // Table 1: our bases by accuracy (CE 40, BSCE 42, MiSLAS-style 47), then DiVE, RIDE, PaCo.
  assertEquals(basesByAccuracy(r), ["ce", "bsce", "mislas"]);
  const t1 = rowsOf(gmlTable1(r));
  assertEquals(t1.map((x) => x.method), [
    "CE",
    "BSCE",
    "MiSLAS-style",
    "DiVE (not implemented)",
    "RIDE (not implemented)",
    "PaCo (not implemented)",
  ]);
  assertEquals(t1[0].paper, undefined); // the paper's Table 1 has no CE row
  assertAlmostEquals(t1[1].paper!.accuracy, 0.4224, 1e-12);
  const t8 = rowsOf(gmlTable8(a));
  assertAlmostEquals(t8[1].paper!.harmonicMean, 0.0511, 1e-12);
  assertEquals(t8[2].ours!.harmonicMean, 0.23);
  const t9 = rowsOf(gmlTable9(a));
  assertEquals(t9.find((x) => x.method === "PaCo + GML (not implemented)")!.ours, null);
  assertAlmostEquals(t9[t9.length - 1].paper!.lowestRecall, 0.09, 1e-12);
  const a1 = rowsOf(gmlAppendixTable1(a));
  assertAlmostEquals(a1[2].paper!.harmonicMean, 0.1852, 1e-12);
});

Deno.test("GML Table 7: test rows with the paper's values for the 7 printed pairs, and the val rows", () => {
  const t = gmlTable7([gmlResult()]);
  const test = rowsOf(t.test);
  assertEquals(test.length, 9);
  assertEquals(test.filter((x) => x.paper !== undefined).length, 7);
  assertAlmostEquals(test[0].paper!.harmonicMean, 0.4102, 1e-12);
  assertEquals(test.find((x) => x.method === "t_old = 3, t_new = 3")!.paper, undefined);
  assert(t.val.text.includes("chosen per seed (max harmonicMean): 2/0.5"), t.val.text);
  assertEquals(rowsOf(t.val).every((x) => x.paper === undefined), true);
});

Deno.test("the universality figure has one group per base and four series", () => {
  const f = gmlUniversalityFigure([gmlResult()]);
  const bundle = f[JUPYTER_DISPLAY]();
  const spec = JSON.stringify(bundle);
  for (const s of ["+ GML", "+ GML ensemble (val)", "MiSLAS-style"]) assert(spec.includes(s), s);
});
