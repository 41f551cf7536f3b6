import { assertEquals, assertStringIncludes } from "@std/assert";
import { btmGmlClaims } from "../../../lib/experiments/analysis/btm_gml_claims.ts";
import { assertQuoted, s } from "./_fixtures.ts";

const models = (o: Record<string, [number, number, number]> = {}) => {
  const m: Record<string, [number, number, number]> = {
    "two-stage": [0.28, 0.35, 0.401],
    gml: [0.285, 0.345, 0.397],
    btm: [0.29, 0.356, 0.402],
    "btm+gml": [0.299, 0.354, 0.399],
    ...o,
  };
  return Object.fromEntries(
    Object.entries(m).map(([k, [h, g, a]]) => [k, { summary: s(h, g, a) }]),
  );
};

Deno.test("Table 9: GML raises H but costs accuracy, BTM does not; BTM + GML has the H, BTM the G", () => {
  const c = btmGmlClaims([{ seed: 0, models: models() }] as never);
  assertEquals(c.gmlVsBtm.record.status, "holds", c.gmlVsBtm.record.sentence);
  assertEquals(c.combined.record.status, "holds", c.combined.record.sentence);
  assertStringIncludes(c.gmlVsBtm.record.sentence, "(paper 28.81 vs 28.75)"); // MisLas + GML vs MisLas
  assertQuoted(c.gmlVsBtm.record);
  // GML without an accuracy cost: the first claim does not hold.
  const free = btmGmlClaims([{ seed: 0, models: models({ gml: [0.285, 0.345, 0.41] }) }] as never);
  assertEquals(free.gmlVsBtm.record.status, "does not hold");
  // Table 10 needs PaCo: not run, with the paper's numbers.
  assertEquals(c.table10.record.status, "not run");
  assertStringIncludes(c.table10.record.paperSummary, "PaCo + GML: H 31.06");
  assertQuoted(c.table10Combined.record);
});
