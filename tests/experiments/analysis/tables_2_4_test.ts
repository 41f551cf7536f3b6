import { assertEquals, assertStringIncludes } from "@std/assert";
import {
  methodComparisonEffect,
  methodComparisonFigure,
  methodComparisonSummary,
  methodComparisonTable,
  methodComparisonVerdict,
} from "../../../lib/experiments/analysis/tables_2_4.ts";
import { resolveConfig } from "../../../lib/experiments/config.ts";
import { assertQuoted, s } from "./_fixtures.ts";

const result = (btm = s(0.3, 0.356, 0.403, 0.04, 0)) => ({
  seed: 0,
  data: { name: "synth-places", numClasses: 120 },
  config: resolveConfig("default", { pretrain: { epochs: 4 } }),
  timings: { total: 12.3 },
  runs: [
    { label: "CE", summary: s(0.01, 0.12, 0.29, 0, 3) },
    { label: "BSCE", summary: s(0.05, 0.29, 0.37, 0, 1) },
    { label: "cRT", summary: s(0.1, 0.3, 0.38, 0, 1) },
    { label: "MiSLAS", summary: s(0.28, 0.35, 0.4, 0.03, 0) },
    { label: "MiSLAS + BTM", summary: btm },
  ],
});

Deno.test("Tables 2–4: the paper's rows beside ours, the unimplemented ones, BTM's change", () => {
  const r = result();
  assertStringIncludes(
    methodComparisonSummary(r as never),
    "classes with zero test recall: CE 3, BSCE 1, cRT 1, MiSLAS 0, MiSLAS + BTM 0",
  );
  const t = methodComparisonTable(r as never, "places");
  // Table 2 has no cRT row: the paper's column is empty there; PaCo and GPaCo are not implemented.
  assertStringIncludes(t.html, '<th scope="row">CE</th><td>CE</td><td>1.00</td><td>0.73</td>');
  assertStringIncludes(t.html, '<th scope="row">cRT</th><td>—</td>');
  assertStringIncludes(
    t.html,
    '<th scope="row">GPaCo + BTM</th><td>GPaCo + BTM</td><td>not implemented</td><td>29.36</td>',
  );
  assertStringIncludes(t.html, "zero-recall classes");
  const e = methodComparisonEffect(r as never, "places");
  // Ours +2.00 H points beside the paper's +1.05.
  assertStringIncludes(e.html, "<td>+2.00</td><td>+1.05</td>");
  const fig = methodComparisonFigure(r as never, "imagenet");
  assertEquals(fig.data[0].y, [0.0125, 0.1374, 0.1382, 0.1768, 0.2111]);
});

Deno.test("Tables 2–4's verdicts test each table's text on MiSLAS", () => {
  const v2 = methodComparisonVerdict(result() as never, "places").record;
  assertEquals([v2.id, v2.status, v2.scope], ["btm-table2", "holds", "synth-places"]);
  assertEquals(v2.parts.map((p) => p.what), ["H-mean", "G-mean", "accuracy", "lowest recall"]);
  assertQuoted(v2);
  // Table 3: accuracy almost unchanged (within 1 point) and H gains more than G.
  const v3 = methodComparisonVerdict(result() as never, "imagenet").record;
  assertEquals(v3.status, "holds", v3.sentence);
  assertStringIncludes(v3.sentence, "gain H-mean 2.00 vs G-mean 0.60 (paper 3.43 vs 0.07)");
  // Accuracy falling 2 points is not "almost unchanged".
  const drop = methodComparisonVerdict(result(s(0.3, 0.356, 0.38, 0.04)) as never, "inat").record;
  assertEquals(drop.status, "does not hold");
});
