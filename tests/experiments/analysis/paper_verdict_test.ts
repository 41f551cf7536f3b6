import { assertEquals, assertThrows } from "@std/assert";
import {
  checkClaim,
  claimNotRun,
  paperFractions,
  paperTableMetrics,
  paperValue,
} from "../../../lib/experiments/analysis/paper_verdict.ts";
import { paperClaim } from "../../../lib/paper/mod.ts";

Deno.test("checkClaim takes the quote, cite, source and the paper's opposite from PAPER_CLAIMS", () => {
  const v = checkClaim("btm-obs1-accuracy", [{
    what: "accuracy",
    a: { label: "f^D", ours: [0.4] },
    b: { label: "f", ours: [0.3] },
  }], [7]).record;
  const c = paperClaim("btm-obs1-accuracy");
  assertEquals([v.quote, v.cite], [c.quote, c.cite]);
  assertEquals(v.source, "BTM paper, Section 3.2");
  assertEquals(v.contradicting[0].quote, paperClaim("btm-abstract-balanced-accuracy").quote);
  assertEquals(v.seeds, [7]);
  // A claim of ours carries the quote of the paper claim it builds on.
  const ours = checkClaim("ours-no-barrier", [{
    what: "H",
    a: { label: "a", ours: [0.2] },
    b: { label: "b", ours: [0.2] },
    margin: -0.01,
  }], [0]).record;
  assertEquals([ours.ourClaim, ours.quote], [true, paperClaim("btm-obs4").quote]);
  assertEquals(claimNotRun("btm-table10", "PaCo is not implemented").record.status, "not run");
  assertThrows(() => checkClaim("btm-nope", [], []), Error, "No registered claim");
});

Deno.test("paper values by our metric names, as printed and as fractions", () => {
  assertEquals(paperValue("table2", "MiSLAS", "lowestRecall"), 3);
  assertEquals(paperValue("table4", "MiSLAS", "lowestRecall"), null);
  assertEquals(paperFractions("table9", "MisLas + GML"), {
    harmonicMean: 0.2881,
    geometricMean: 0.3494,
    lowestRecall: 0.03,
    accuracy: 0.3968,
  });
  assertEquals(paperTableMetrics("table3"), ["harmonicMean", "geometricMean", "accuracy"]);
  assertThrows(() => paperValue("table5", "Model11", "harmonicMean"), Error, "no row");
});
