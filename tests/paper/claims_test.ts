import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  PAPER_CLAIMS,
  type PaperClaim,
  paperClaim,
  paperClaimIds,
  paperNumber,
  validatePaperClaims,
} from "../../lib/paper/claims.ts";
import { paperRow, paperTable } from "../../lib/paper/paper_tables.ts";
import { paperLines } from "../../lib/paper/paper_text.ts";

/**
 * The matching rule, written again independently of lib/paper: the cited line
 * and the following lines joined with exactly one space; the quote must occur
 * there starting within the cited line.
 */
function startsAt(file: string, line: number, quote: string): boolean {
  const lines = paperLines(file);
  const first = lines[line - 1];
  const joined = lines.slice(line - 1).join(" ");
  const at = joined.indexOf(quote);
  return at >= 0 && at < first.length;
}

function allQuotes(c: PaperClaim) {
  return [{ quote: c.quote, cite: c.cite }, ...(c.support ?? [])];
}

/** The claims issue #12 §2 and issue #13 ask for, by our id. */
const REQUIRED = [
  "btm-abstract-balanced-accuracy",
  "btm-obs1",
  "btm-obs1-accuracy",
  "btm-obs2",
  "btm-obs3",
  "btm-obs4",
  "btm-headline",
  "btm-table2",
  "btm-table3",
  "btm-table4",
  "btm-table5-members-beat-stage1",
  "btm-table5-merge-improves",
  "btm-table5-post-train-even",
  "btm-tables11-14",
  "btm-table6-before-post-train",
  "btm-table6-after-post-train",
  "btm-table7-nd",
  "btm-table7-nc",
  "btm-table8-whole-model",
  "btm-table8-when",
  "btm-table9-gml-vs-btm",
  "btm-table9-combined",
  "btm-table10",
  "btm-figure3",
  "btm-zero-floor",
  "btm-worked-example",
  "btm-settings-finetune",
  "btm-settings-schedule",
  "gml-plug-in",
  "gml-loss",
  "gml-ensemble",
  "gml-temperatures",
  "gml-universality",
  "gml-table1-lowest-recall",
  "gml-table7-temperatures",
  "gml-table8-reweighting",
  "gml-table9-scratch",
  "gml-better-baselines",
  "gml-settings-cifar",
  "gml-settings-large",
  "gml-las",
];

Deno.test("claims: every required claim is in the catalog, ids unique", () => {
  const ids = paperClaimIds();
  assertEquals(new Set(ids).size, ids.length);
  for (const id of REQUIRED) assert(ids.includes(id), `missing claim ${id}`);
});

Deno.test("claims: every quote is found verbatim starting at its cited line", () => {
  let n = 0;
  for (const c of PAPER_CLAIMS) {
    for (const q of allQuotes(c)) {
      assert(
        q.quote.length > 0 && q.quote.length <= 320,
        `${c.id}: quote length ${q.quote.length}`,
      );
      assert(
        startsAt(q.cite.file, q.cite.line, q.quote),
        `${c.id}: not at ${q.cite.file}:${q.cite.line}`,
      );
      n++;
    }
  }
  assert(n >= 100, `only ${n} quotes`);
});

Deno.test("claims: cited where the issues say (the hints checked against the text)", () => {
  const at = (id: string) => `${paperClaim(id).cite.file}:${paperClaim(id).cite.line}`;
  assertEquals(at("btm-obs1"), "btm_paper.txt:329");
  assertEquals(at("btm-obs1-accuracy"), "btm_paper.txt:353");
  assertEquals(at("btm-obs2"), "btm_paper.txt:346");
  assertEquals(at("btm-obs3"), "btm_paper.txt:392");
  assertEquals(at("btm-obs4"), "btm_paper.txt:401");
  // "for categories that have zero accuracy" begins at the end of line 576.
  assertEquals(at("btm-zero-floor"), "btm_paper.txt:576");
  assertStringIncludes(
    paperClaim("btm-zero-floor").quote,
    "for categories that have zero accuracy, we substitute it with a small number (10−3)",
  );
  assertEquals(at("btm-settings-finetune"), "btm_paper_with_supplement.txt:333");
  assertEquals(at("gml-plug-in"), "gml_paper.txt:87");
  assertStringIncludes(paperClaim("gml-plug-in").quote, "re-initialize the last FC layer");
  assertEquals(at("gml-settings-cifar"), "gml_appendix.txt:22");
  assertEquals(at("gml-settings-large"), "gml_appendix.txt:33");
  assertEquals(at("gml-las"), "gml_appendix.txt:33");
  assertEquals(paperClaim("gml-ensemble").support?.[0].cite.line, 144);
  assertEquals(at("gml-table7-temperatures"), "gml_paper.txt:304");
  assertEquals(paperClaim("gml-temperatures").support?.[0].cite.line, 322);
  assertStringIncludes(
    paperClaim("btm-abstract-balanced-accuracy").quote,
    "but lower average accuracy",
  );
  assertEquals(paperClaim("btm-abstract-balanced-accuracy").contradicts, ["btm-obs1-accuracy"]);
  assertEquals(paperClaim("btm-obs1-accuracy").contradicts, ["btm-abstract-balanced-accuracy"]);
});

Deno.test("claims: the prose numbers the issue lists, as typed fields", () => {
  assertEquals(paperNumber("btm-obs1", "f.hMean"), 1.47);
  assertEquals(paperNumber("btm-obs1", "f.gMean"), 15.22);
  assertEquals(paperNumber("btm-obs1", "fD.hMean"), 26.37);
  assertEquals(paperNumber("btm-obs1", "fD.gMean"), 32.98);
  assertEquals(paperNumber("btm-obs4", "fDB.hMean"), 15.54);
  assertEquals(paperNumber("btm-obs4", "fDB.gMean"), 26.37);
  assertEquals(paperNumber("btm-obs4", "mid.hMean"), 26.56);
  assertEquals(paperNumber("btm-obs4", "mid.gMean"), 33.53);
  assertEquals(paperNumber("btm-obs4", "lambda"), 0.5);
  assertEquals(paperNumber("btm-obs1-accuracy", "fD.accuracyGain"), 9.09);
  assertEquals(paperNumber("btm-zero-floor", "floor"), 1e-3);
  assertEquals(paperNumber("btm-settings-finetune", "weightDecay"), 5e-4);
  assertEquals(paperNumber("btm-settings-finetune", "lr.placesLT"), 5e-3);
  assertEquals(paperNumber("btm-settings-schedule", "btmEpochs"), 30);
  assertEquals(paperNumber("gml-settings-cifar", "lr"), 0.05);
  assertEquals(paperNumber("gml-settings-large", "lrDropEpoch"), 20);
  assertEquals(paperNumber("gml-las", "lambda"), 1);
  assertThrows(() => paperNumber("btm-obs1", "g.hMean"), Error, "f.hMean");
  assertThrows(() => paperNumber("btm-obs2", "x"), Error, "none");
});

Deno.test("claims: every paper number is printed in one of its claim's quotes", () => {
  for (const c of PAPER_CLAIMS) {
    for (const n of c.paperNumbers ?? []) {
      assert(
        allQuotes(c).some((q) => q.quote.includes(n.printed)),
        `${c.id} ${n.name}: "${n.printed}" not quoted`,
      );
    }
  }
});

Deno.test("claims: the paper's prose numbers agree with its own tables", () => {
  const v = (t: string, m: string, c: string) => paperRow(t, m).values[c]!;
  const diff = (a: number, b: number) => Math.round((a - b) * 100) / 100;
  assertEquals(paperNumber("btm-obs1", "f.hMean"), v("table5", "Stage1", "Harmonic Mean"));
  assertEquals(paperNumber("btm-obs1", "f.gMean"), v("table5", "Stage1", "Geometric Mean"));
  assertEquals(paperNumber("btm-table2", "gpaco.hMean"), v("table2", "GPaCo", "H-Mean"));
  assertEquals(paperNumber("btm-table2", "gpacoBtm.hMean"), v("table2", "GPaCo + BTM", "H-Mean"));
  assertEquals(
    paperNumber("btm-table2", "gpaco.hMeanGain"),
    diff(v("table2", "GPaCo + BTM", "H-Mean"), v("table2", "GPaCo", "H-Mean")),
  );
  assertEquals(
    paperNumber("btm-table3", "paco.hMeanGain"),
    diff(v("table3", "PaCo + BTM", "H-Mean"), v("table3", "PaCo", "H-Mean")),
  );
  assertEquals(
    paperNumber("btm-table3", "mislas.hMeanGain"),
    diff(v("table3", "MiSLAS + BTM", "H-Mean"), v("table3", "MiSLAS", "H-Mean")),
  );
  assertEquals(
    paperNumber("btm-table3", "paco.gMeanGain"),
    diff(v("table3", "PaCo + BTM", "G-Mean"), v("table3", "PaCo", "G-Mean")),
  );
  assertEquals(
    paperNumber("btm-table3", "mislas.gMeanGain"),
    diff(v("table3", "MiSLAS + BTM", "G-Mean"), v("table3", "MiSLAS", "G-Mean")),
  );
  assertEquals(
    paperNumber("btm-table4", "hMeanGain"),
    diff(v("table4", "MiSLAS + BTM", "H-Mean"), v("table4", "MiSLAS", "H-Mean")),
  );
  assertEquals(
    paperNumber("btm-table4", "gMeanGain"),
    diff(v("table4", "MiSLAS + BTM", "G-Mean"), v("table4", "MiSLAS", "G-Mean")),
  );
  assertEquals(
    paperNumber("gml-table3", "ce.lowestRecall"),
    v("gml-table3", "CE", "Lowest Recall"),
  );
  assertEquals(
    paperNumber("gml-table3", "paco.lowestRecall"),
    v("gml-table3", "PaCo", "Lowest Recall"),
  );
  assertEquals(
    paperNumber("gml-table3", "ceGml.lowestRecall"),
    v("gml-table3", "CE + GML", "Lowest Recall"),
  );
  assertEquals(
    paperNumber("gml-table3", "pacoGml.lowestRecall"),
    v("gml-table3", "PaCo + GML", "Lowest Recall"),
  );
  assertEquals(
    paperNumber("gml-table3", "ensemble.lowestRecall"),
    v("gml-table3", "PaCo + GML (Ensemble)", "Lowest Recall"),
  );
  assertEquals(paperNumber("btm-table7-default", "nD"), 10);
  // The worked examples are right.
  assertEquals(Math.sqrt(0.1 * 0.9).toFixed(1), "0.3");
  assertEquals((2 / (1 / 0.1 + 1 / 0.9)).toFixed(2), "0.18");
  assertEquals((2 / (1 / 0.01 + 1 / 0.99)).toFixed(2), "0.02");
  assertEquals(Math.sqrt(0.01 * 0.99).toFixed(2), "0.10");
});

Deno.test("claims: what the summaries say the tables show, the tables show", () => {
  const t = (id: string) => paperTable(id);
  const col = (id: string, method: string, c: string) => paperRow(id, method).values[c]!;
  const members = (id: string) => t(id).rows.filter((r) => r.group === "Balanced Training");

  // btm-headline: every "+ BTM" row of Tables 2-4 beats its base on H and G; the largest accuracy drop is 0.96.
  const pairs: [string, string, string, string, string][] = [
    ["table2", "MiSLAS", "H-Mean", "G-Mean", "Acc."],
    ["table2", "GPaCo", "H-Mean", "G-Mean", "Acc."],
    ["table3", "PaCo", "H-Mean", "G-Mean", "Accuracy"],
    ["table3", "MiSLAS", "H-Mean", "G-Mean", "Accuracy"],
    ["table4", "MiSLAS", "H-Mean", "G-Mean", "Accuracy"],
  ];
  let worstDrop = 0;
  for (const [id, base, h, g, acc] of pairs) {
    assert(col(id, `${base} + BTM`, h) > col(id, base, h), `${id} ${base} H`);
    assert(col(id, `${base} + BTM`, g) > col(id, base, g), `${id} ${base} G`);
    worstDrop = Math.max(worstDrop, col(id, base, acc) - col(id, `${base} + BTM`, acc));
  }
  assertEquals(worstDrop.toFixed(2), "0.96");

  // btm-table5-*: members above Stage1; merge above every member; post-train above Stage2.
  for (const id of ["table5", "table11", "table12"]) {
    for (const m of members(id)) {
      assert(m.values["Harmonic Mean"]! > col(id, "Stage1", "Harmonic Mean"), `${id} ${m.method}`);
      assert(
        m.values["Geometric Mean"]! > col(id, "Stage1", "Geometric Mean"),
        `${id} ${m.method}`,
      );
    }
  }
  const beaten = (id: string, c: string) =>
    members(id).filter((m) => col(id, "Merge", c) > m.values[c]!).length;
  assertEquals(
    ["table5", "table11", "table12", "table13", "table14"].map((id) => beaten(id, "Harmonic Mean")),
    [10, 10, 10, 7, 6],
  );
  assertEquals(
    ["table5", "table11", "table12", "table13", "table14"].map((id) =>
      beaten(id, "Geometric Mean")
    ),
    [10, 10, 10, 10, 10],
  );
  for (const c of ["Harmonic Mean", "Geometric Mean", "Lowest Recall"]) {
    assert(col("table5", "Post-train", c) > col("table5", "Stage2", c), c);
  }
  // btm-tables11-14: PaCo/GPaCo members beat FC on H and G but not Pre-train on G.
  for (const id of ["table13", "table14"]) {
    for (const m of members(id)) {
      assert(m.values["Harmonic Mean"]! > col(id, "FC", "Harmonic Mean"));
      assert(m.values["Geometric Mean"]! > col(id, "FC", "Geometric Mean"));
      assert(m.values["Geometric Mean"]! < col(id, "Pre-train", "Geometric Mean"));
    }
  }

  // btm-table6-*: after merging, adaptive and greedy >= average (adaptive G only ties H); after post-train, average is highest.
  const t6 = (s: string, c: string) => col("table6", s, c);
  for (
    const s of [
      "Adaptive Ratio Based on H-Mean",
      "Greedy Soup Based on H-Mean",
      "Greedy Soup Based on G-Mean",
    ]
  ) {
    assert(t6(`${s}: Merge`, "Harmonic Mean") > t6("Average Merging: Merge", "Harmonic Mean"), s);
  }
  assertEquals(
    t6("Adaptive Ratio Based on G-Mean: Merge", "Harmonic Mean"),
    t6("Average Merging: Merge", "Harmonic Mean"),
  );
  for (const r of t("table6").rows.filter((r) => r.method.endsWith(": Merge"))) {
    assert(r.values["Geometric Mean"]! >= t6("Average Merging: Merge", "Geometric Mean"), r.method);
  }
  for (
    const r of t("table6").rows.filter((r) =>
      r.method.endsWith(": Post-train") && !r.method.startsWith("Average")
    )
  ) {
    assert(
      r.values["Harmonic Mean"]! < t6("Average Merging: Post-train", "Harmonic Mean"),
      r.method,
    );
    assert(
      r.values["Geometric Mean"]! < t6("Average Merging: Post-train", "Geometric Mean"),
      r.method,
    );
  }

  // btm-table7-*: the N_D sweep at N_C = 10 and the N_C sweep at N_D = 10.
  const h7 = (nd: number, nc: number) => col("table7", `N_D = ${nd}, N_C = ${nc}`, "H-Mean");
  assertEquals([2, 4, 8, 10, 20].map((nd) => h7(nd, 10)), [28.43, 29.11, 28.2, 29.8, 15.17]);
  assertEquals([5, 10, 20].map((nc) => h7(10, nc)), [28.48, 29.8, 29.59]);

  // btm-table8-*: whole model best between the stages, worst H after stage 2; between beats after on H for all three.
  const h8 = (w: string, p: string) => col("table8", `${w}, ${p}`, "Harmonic Mean");
  const g8 = (w: string, p: string) => col("table8", `${w}, ${p}`, "Geometric Mean");
  const parts = ["backbone only", "classifier only", "backbone + classifier"];
  for (const p of parts.slice(0, 2)) {
    assert(h8("Between Stage1&2", "backbone + classifier") > h8("Between Stage1&2", p));
    assert(h8("After Stage2", "backbone + classifier") < h8("After Stage2", p));
  }
  for (const p of parts) assert(h8("Between Stage1&2", p) > h8("After Stage2", p), p);
  assert(g8("Between Stage1&2", "backbone only") < g8("After Stage2", "backbone only"));
  assert(g8("Between Stage1&2", "backbone only") < col("table2", "MiSLAS", "G-Mean"));
  assert(g8("Between Stage1&2", "classifier only") > g8("After Stage2", "classifier only"));

  // btm-table9-* and btm-table10.
  assert(col("table9", "MisLas + GML", "Accuracy") < col("table9", "MisLas", "Accuracy"));
  const h9 = t("table9").rows.map((r) => r.values["Harmonic Mean"]!);
  assertEquals(Math.max(...h9), col("table9", "MisLas + BTM + GML", "Harmonic Mean"));
  assert(
    col("table9", "MisLas + BTM", "Geometric Mean") >
      col("table9", "MisLas + BTM + GML", "Geometric Mean"),
  );
  assert(col("table10", "PaCo + GML", "G-Mean") < col("table10", "PaCo", "G-Mean"));
  for (const c of ["H-Mean", "G-Mean", "Accuracy"]) {
    assert(col("table10", "PaCo + BTM + GML", c) > col("table10", "PaCo + GML", c), c);
  }

  // btm-zero-floor's inference: with a zero-recall class, a floor of 10^-3 percent caps H at 365 × 10^-3 = 0.365 %.
  assertEquals(col("table1", "Places-LT", "# Categories"), 365);
  assertEquals(col("table2", "CE", "L-Recall"), 0);
  assert(col("table2", "CE", "H-Mean") > 365 * 1e-3);

  // GML: Table 7's lowest recall at t_old = 1; Table 5's CE + GML still has a zero; Table 9's scratch lowest recall.
  assertEquals(
    [1, 2, 3].map((n) => col("gml-table7", `t_old = 1, t_new = ${n}`, "Lowest Recall")),
    [15, 8, 5],
  );
  assertEquals(col("gml-table5", "CE + GML", "Lowest Recall"), 0);
  assertEquals(
    col("gml-table9", "GML (train from scratch)", "Lowest Recall"),
    col("gml-table9", "PaCo + GML", "Lowest Recall"),
  );
  for (let i = 0; i < 8; i += 2) {
    const base = t("gml-table6").rows[i];
    const plus = t("gml-table6").rows[i + 1];
    for (const c of t("gml-table6").columns) {
      assert(plus.values[c]! > base.values[c]!, `${plus.method} ${c}`);
    }
  }
  assertEquals(
    t("gml-table1").rows.map((r) => r.values["Lowest Recall"]).every((x) => x! >= 2 && x! <= 5),
    true,
  );
});

// deno-lint-ignore no-explicit-any
function rejects(edit: (c: any) => void, expected: string): void {
  const claims = structuredClone(PAPER_CLAIMS) as PaperClaim[];
  edit(claims.find((c) => c.id === "btm-obs1"));
  const err = assertThrows(() => validatePaperClaims(claims), Error);
  assertStringIncludes(err.message, expected);
}

Deno.test("validatePaperClaims: rejects quotes that are not at their line, and bad numbers", () => {
  assertEquals(validatePaperClaims(PAPER_CLAIMS).length, PAPER_CLAIMS.length);
  rejects((c) => (c.cite.line = 330), "not found starting at btm_paper.txt:330");
  rejects((c) => (c.quote = c.quote.replace("first-stage", "first stage")), "not found");
  rejects(
    (c) => (c.support[1].quote = "mean of fD are 26.73% and 32.98%"),
    "not found starting at btm_paper.txt:325",
  );
  rejects((c) => (c.cite.file = "btm.pdf"), "not a paper file");
  rejects((c) => (c.cite.file = "gml_paper.txt"), "a file of the other paper");
  rejects((c) => (c.quote = "x".repeat(321)), "longer than 320");
  rejects((c) => (c.paperNumbers[0].value = 1.74), '"1.47%" reads as 1.47');
  rejects(
    (c) => (c.paperNumbers[0].value = 1.48, c.paperNumbers[0].printed = "1.48%"),
    '"1.48%" is in none of the claim\'s quotes',
  );
  rejects((c) => (c.paperNumbers[1].name = "f.hMean"), "appears twice");
  rejects((c) => (c.tables = ["table15"]), '"table15"');
  rejects((c) => (c.tables = ["gml-table3"]), "belongs to the other paper");
  rejects((c) => (c.contradicts = ["btm-nothing"]), 'contradicts "btm-nothing"');
  rejects((c) => (c.id = "btm-obs2"), "appears more than once");
  rejects((c) => (c.id = "Obs1"), "btm-<name>");
  rejects((c) => (c.claim = " "), '"claim" is empty');
});

Deno.test("paperClaim: unknown ids throw listing the valid ones; the catalog is read-only", () => {
  const err = assertThrows(() => paperClaim("btm-obs9"), Error);
  assertStringIncludes(err.message, "btm-obs4");
  assert(Object.isFrozen(PAPER_CLAIMS) && Object.isFrozen(paperClaim("btm-obs1").cite));
});
