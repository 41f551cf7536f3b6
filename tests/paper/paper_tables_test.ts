import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  paperDocument,
  paperRow,
  type PaperTable,
  paperTable,
  paperTableIds,
  validatePaperDocument,
} from "../../lib/paper/paper_tables.ts";
import { joinedLines, paperLine } from "../../lib/paper/paper_text.ts";

// deno-lint-ignore no-explicit-any
type AnyDoc = any;

/** An editable copy of a shipped document; tests break one thing at a time. */
function copyOf(paper: "btm" | "gml"): AnyDoc {
  return structuredClone(paperDocument(paper));
}

function rejects(paper: "btm" | "gml", edit: (d: AnyDoc) => void, ...expected: string[]): void {
  const d = copyOf(paper);
  edit(d);
  const err = assertThrows(() => validatePaperDocument(d, { origin: "fixture" }), Error);
  assertStringIncludes(err.message, "fixture");
  for (const e of expected) assertStringIncludes(err.message, e);
}

function tableOf(d: AnyDoc, id: string): AnyDoc {
  return d.tables.find((t: AnyDoc) => t.id === id);
}

/** Every table id, exactly as issue #12 names them. */
const IDS = [
  ...Array.from({ length: 14 }, (_, i) => `table${i + 1}`),
  "gml-table1",
  "gml-table3",
  "gml-table4",
  "gml-table5",
  "gml-table6",
  "gml-table7",
  "gml-table8",
  "gml-table9",
  "gml-appendix-table1",
];

/** [rows, columns] of every table, counted by hand in the text files. */
const SHAPES: Record<string, [number, number]> = {
  table1: [3, 4],
  table2: [7, 4],
  table3: [9, 3],
  table4: [5, 3],
  table5: [14, 4],
  table6: [10, 4],
  table7: [7, 4],
  table8: [6, 4],
  table9: [4, 4],
  table10: [4, 3],
  table11: [14, 3],
  table12: [14, 3],
  table13: [14, 3],
  table14: [14, 3],
  "gml-table1": [5, 2],
  "gml-table3": [11, 4],
  "gml-table4": [9, 4],
  "gml-table5": [7, 4],
  "gml-table6": [8, 3],
  "gml-table7": [7, 3],
  "gml-table8": [3, 3],
  "gml-table9": [3, 3],
  "gml-appendix-table1": [3, 3],
};

Deno.test("shipped: exactly the issue's table ids, BTM's then GML's", () => {
  assertEquals(paperTableIds(), IDS);
  assertEquals(paperTableIds("btm"), IDS.slice(0, 14));
  assertEquals(paperTableIds("gml"), IDS.slice(14));
});

Deno.test("shipped: every table's row and column counts", () => {
  for (const id of IDS) {
    const t = paperTable(id);
    assertEquals([t.rows.length, t.columns.length], SHAPES[id], id);
    for (const row of t.rows) assertEquals(Object.keys(row.values).sort(), [...t.columns].sort());
  }
});

/** How a value is printed in the PDF extract and the GML text: two decimals for percentages, thousands separators for counts. */
function printedForm(t: PaperTable, column: string, v: number): string {
  const unit = t.columnUnits?.[column] ?? t.unit;
  if (unit === "percent") return v.toFixed(2);
  return v.toLocaleString("en-US");
}

/** Whole numbers printed on a line (an independent reading, not the library's). */
function tokensOf(text: string): string[] {
  return text.match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? [];
}

/**
 * Values whose printed form the check below cannot find, with why. Empty:
 * every value of every table is found as printed on its row's line.
 */
const UNFOUND: Record<string, string> = {};

/**
 * Cells the cross-check extract (btm_paper_with_supplement.txt) prints
 * differently from btm_paper.txt, as printed there. Same values.
 */
const CROSS_FORMAT: Record<string, string> = {
  "table2/CE/H-Mean": "00.73",
  "table2/BSCE/H-Mean": "05.64",
  "table2/PaCo/H-Mean": "02.53",
  "table3/CE/H-Mean": "01.25",
};

Deno.test("shipped: every value is printed, as transcribed, on its row's cited line and within the table's cited range", () => {
  let checked = 0;
  for (const id of IDS) {
    const t = paperTable(id);
    const range = joinedLines(t.source.file, t.source.lines[0], t.source.lines[1]);
    const rangeTokens = new Set(tokensOf(range));
    for (const row of t.rows) {
      const lineTokens = tokensOf(paperLine(t.source.file, row.line));
      for (const column of t.columns) {
        const v = row.values[column];
        const key = `${id}/${row.method}/${column}`;
        if (v === null) continue;
        const printed = printedForm(t, column, v);
        const found = lineTokens.includes(printed) && rangeTokens.has(printed);
        if (!found) {
          assert(
            key in UNFOUND,
            `${key} = ${v}: "${printed}" is not on ${t.source.file}:${row.line}`,
          );
          continue;
        }
        checked++;
        if (t.crossCheck !== undefined) {
          const crossTokens = tokensOf(paperLine(t.crossCheck.file, row.crossCheckLine!));
          const crossPrinted = CROSS_FORMAT[key] ?? printed;
          assert(
            crossTokens.includes(crossPrinted),
            `${key} = ${v}: "${crossPrinted}" is not on ${t.crossCheck.file}:${row.crossCheckLine}`,
          );
          assertEquals(Number(crossPrinted.replace(/,/g, "")), v, key);
        }
      }
    }
  }
  assertEquals(checked, 616, "number of values checked");
});

Deno.test("shipped: spot values read by hand from the text files", () => {
  const spots: [string, string, string, number, string, number][] = [
    // table, method, column, value, file, line it is printed on
    ["table1", "Places-LT", "Imbalance Ratio", 996, "btm_paper.txt", 593],
    ["table1", "iNaturalist2018", "# Training Images", 437513, "btm_paper.txt", 594],
    ["table2", "GPaCo + BTM", "H-Mean", 29.36, "btm_paper.txt", 607],
    ["table2", "CE", "H-Mean", 0.73, "btm_paper.txt", 600],
    ["table3", "MiSLAS + BTM", "H-Mean", 21.11, "btm_paper.txt", 625],
    ["table4", "BBN", "G-Mean", 45.43, "btm_paper.txt", 652],
    ["table5", "Model6", "Harmonic Mean", 15.31, "btm_paper.txt", 711],
    ["table5", "Stage1", "Accuracy", 29.62, "btm_paper.txt", 701],
    [
      "table6",
      "Adaptive Ratio Based on G-Mean: Post-train",
      "Accuracy",
      40.46,
      "btm_paper.txt",
      737,
    ],
    ["table7", "N_D = 20, N_C = 10", "H-Mean", 15.17, "btm_paper.txt", 756],
    ["table7", "N_D = 10, N_C = 20", "L-Recall", 5, "btm_paper.txt", 759],
    ["table8", "After Stage2, backbone + classifier", "Harmonic Mean", 28.49, "btm_paper.txt", 806],
    ["table9", "MisLas + BTM + GML", "Harmonic Mean", 29.9, "btm_paper.txt", 816],
    ["table10", "PaCo + GML", "Accuracy", 55.61, "btm_paper.txt", 958],
    ["table11", "Merge", "Geometric Mean", 36.78, "btm_paper.txt", 1011],
    ["table12", "Model9", "Geometric Mean", 50.31, "btm_paper.txt", 1032],
    ["table13", "Model9", "Harmonic Mean", 7.87, "btm_paper.txt", 1057],
    ["table14", "Model4", "Harmonic Mean", 20.49, "btm_paper.txt", 1081],
    ["gml-table1", "MiSLAS", "Mean Accuracy", 47.05, "gml_paper.txt", 28],
    ["gml-table3", "PaCo + GML (Ensemble)", "Lowest Recall", 15, "gml_paper.txt", 235],
    ["gml-table4", "PaCo", "Accuracy", 58.53, "gml_paper.txt", 245],
    ["gml-table5", "CE + GML", "Harmonic Mean", 8, "gml_paper.txt", 275],
    ["gml-table6", "MiSLAS + GML", "Lowest Recall", 11, "gml_paper.txt", 287],
    ["gml-table7", "t_old = 2, t_new = 3", "Geometric Mean", 46.06, "gml_paper.txt", 299],
    ["gml-table8", "CE + GML (w/o re-weighting)", "H-Mean", 5.11, "gml_paper.txt", 310],
    ["gml-table9", "GML (train from scratch)", "G-Mean", 36.63, "gml_paper.txt", 318],
    ["gml-appendix-table1", "CE + CE (re-sampling)", "H-Mean", 18.52, "gml_appendix.txt", 29],
  ];
  for (const [id, method, column, value, file, line] of spots) {
    const row = paperRow(id, method);
    assertEquals(row.values[column], value, `${id} ${method} ${column}`);
    assertEquals(row.line, line, `${id} ${method} line`);
    assertEquals(paperTable(id).source.file, file);
    const printed = printedForm(paperTable(id), column, value);
    assertStringIncludes(paperLine(file, line), printed);
  }
});

Deno.test("shipped: asterisked GML values carry a note; BTM prints none", () => {
  const expected: Record<string, string[]> = {
    "gml-table3": ["CE"],
    "gml-table4": ["CE", "BSCE", "cRT", "DiVE", "RIDE", "PaCo"],
    "gml-table5": ["CE", "BSCE", "PaCo", "CE + GML"],
    "gml-table6": ["CE"],
  };
  for (const id of IDS) {
    const t = paperTable(id);
    const starred = t.rows.filter((r) => r.asterisked !== undefined);
    assertEquals(starred.map((r) => r.method), expected[id] ?? [], id);
    for (const r of starred) {
      assertStringIncludes(r.notes ?? "", "10^-3", `${id} ${r.method}`);
      for (const c of r.asterisked!) {
        assertStringIncludes(
          paperLine(t.source.file, r.line),
          `${printedForm(t, c, r.values[c]!)}*`,
        );
      }
    }
  }
});

Deno.test("shipped: settings that define a row are in its label, not in its values", () => {
  assertEquals(
    paperTable("table7").rows.map((r) => r.method),
    [
      "N_D = 2, N_C = 10",
      "N_D = 4, N_C = 10",
      "N_D = 8, N_C = 10",
      "N_D = 20, N_C = 10",
      "N_D = 10, N_C = 5",
      "N_D = 10, N_C = 10",
      "N_D = 10, N_C = 20",
    ],
  );
  assertEquals(paperTable("table7").columns, ["H-Mean", "G-Mean", "L-Recall", "Accuracy"]);
  assertEquals(paperTable("gml-table7").columns, [
    "Geometric Mean",
    "Harmonic Mean",
    "Lowest Recall",
  ]);
  assertEquals(paperTable("gml-table7").rows[5].method, "t_old = 2, t_new = 3");
  assertEquals(paperTable("table8").columns.length, 4);
  assert(
    paperTable("table8").rows.every((r) => /^(Between Stage1&2|After Stage2), /.test(r.method)),
  );
  // GML Table 6's bracketed gains are not transcribed.
  assertEquals(paperTable("gml-table6").columns, ["G-Mean", "H-Mean", "Lowest Recall"]);
});

Deno.test("shipped: GML Table 6's printed gains equal the transcribed differences", () => {
  // The gains are derived (not transcribed); reading them checks the rows they derive from.
  const t = paperTable("gml-table6");
  for (let i = 1; i < t.rows.length; i += 2) {
    const base = t.rows[i - 1];
    const plus = t.rows[i];
    assertEquals(plus.method, `${base.method} + GML`);
    const gains = [
      ...paperLine(t.source.file, plus.line).matchAll(/\((\d+\.\d+) \$\\uparrow\$ \)/g),
    ]
      .map((m) => Number(m[1]));
    assertEquals(gains.length, 3, plus.method);
    for (const [k, c] of t.columns.entries()) {
      const diff = Math.round((plus.values[c]! - base.values[c]!) * 100) / 100;
      assertEquals(diff, gains[k], `${plus.method} ${c}`);
    }
  }
});

Deno.test("shipped: rows the papers print twice agree (an independent check of the transcription)", () => {
  const same = (a: [string, string], b: [string, string], columns: [string, string][]) => {
    for (const [ca, cb] of columns) {
      assertEquals(
        paperRow(a[0], a[1]).values[ca],
        paperRow(b[0], b[1]).values[cb],
        `${a.join(" ")} ${ca} vs ${b.join(" ")} ${cb}`,
      );
    }
  };
  const HGLA: [string, string][] = [
    ["H-Mean", "Harmonic Mean"],
    ["G-Mean", "Geometric Mean"],
    ["L-Recall", "Lowest Recall"],
    ["Acc.", "Accuracy"],
  ];
  const HGA3: [string, string][] = [
    ["H-Mean", "Harmonic Mean"],
    ["G-Mean", "Geometric Mean"],
    ["Accuracy", "Accuracy"],
  ];
  same(["table2", "MiSLAS"], ["table5", "Stage2"], HGLA);
  same(["table2", "MiSLAS + BTM"], ["table5", "Post-train"], HGLA);
  same(["table2", "MiSLAS"], ["table9", "MisLas"], HGLA);
  same(["table2", "MiSLAS + BTM"], ["table9", "MisLas + BTM"], HGLA);
  same(["table3", "MiSLAS"], ["table11", "Stage2"], HGA3);
  same(["table3", "MiSLAS + BTM"], ["table11", "Post-train"], HGA3);
  same(["table4", "MiSLAS"], ["table12", "Stage2"], HGA3);
  same(["table4", "MiSLAS + BTM"], ["table12", "Post-train"], HGA3);
  same(["table3", "PaCo"], ["table13", "Pre-train"], HGA3);
  same(["table3", "PaCo + BTM"], ["table13", "Post-train"], HGA3);
  same(["table3", "PaCo"], ["table10", "PaCo"], [["H-Mean", "H-Mean"], ["G-Mean", "G-Mean"], [
    "Accuracy",
    "Accuracy",
  ]]);
  same(["table3", "PaCo + BTM"], ["table10", "PaCo + BTM"], [["H-Mean", "H-Mean"], [
    "G-Mean",
    "G-Mean",
  ]]);
  const H2A: [string, string][] = [["H-Mean", "Harmonic Mean"], ["G-Mean", "Geometric Mean"], [
    "Acc.",
    "Accuracy",
  ]];
  same(["table2", "GPaCo"], ["table14", "Pre-train"], H2A);
  same(["table2", "GPaCo + BTM"], ["table14", "Post-train"], H2A);
  const t5 = paperTable("table5").rows;
  for (const [i, r] of t5.slice(12).entries()) {
    // Table 6's Average Merging rows are Table 5's Merge and Post-train.
    assertEquals(paperTable("table6").rows[i].values, r.values);
  }
  assertEquals(paperRow("table7", "N_D = 10, N_C = 10").values["H-Mean"], 29.8);
  assertEquals(
    paperRow("table8", "Between Stage1&2, backbone + classifier").values["Harmonic Mean"],
    29.8,
  );
  // Observation 1's raw model f is Table 5's Stage1 (H 1.47, G 15.22).
  assertEquals(paperRow("table5", "Stage1").values["Harmonic Mean"], 1.47);
  assertEquals(paperRow("table5", "Stage1").values["Geometric Mean"], 15.22);
  // Across the papers: GML Table 5 has BTM Table 2's CE, BSCE and PaCo; GML Table 4 BTM Table 3's CE..RIDE.
  const GML4: [string, string][] = [["H-Mean", "Harmonic Mean"], ["G-Mean", "Geometric Mean"], [
    "Acc.",
    "Accuracy",
  ], ["L-Recall", "Lowest Recall"]];
  for (const m of ["CE", "BSCE", "PaCo"]) same(["table2", m], ["gml-table5", m], GML4);
  for (const m of ["CE", "BSCE", "cRT", "DiVE", "RIDE"]) {
    same([`table3`, m], ["gml-table4", m], [["H-Mean", "Harmonic Mean"], [
      "G-Mean",
      "Geometric Mean",
    ], ["Accuracy", "Accuracy"]]);
  }
  // Within GML: Table 1 repeats Table 3's accuracy and lowest recall; Tables 6, 8, 9 and appendix Table 1 its CE + GML.
  for (const r of paperTable("gml-table1").rows) {
    same(["gml-table1", r.method], ["gml-table3", r.method], [["Mean Accuracy", "Accuracy"], [
      "Lowest Recall",
      "Lowest Recall",
    ]]);
  }
  const GHL: [string, string][] = [["G-Mean", "Geometric Mean"], ["H-Mean", "Harmonic Mean"], [
    "Lowest Recall",
    "Lowest Recall",
  ]];
  for (const id of ["gml-table6", "gml-table8", "gml-table9", "gml-appendix-table1"]) {
    same([id, "CE + GML"], ["gml-table3", "CE + GML"], GHL);
  }
  same(["gml-table7", "t_old = 1, t_new = 1"], ["gml-table3", "PaCo + GML (Ensemble)"], [
    ["Geometric Mean", "Geometric Mean"],
    ["Harmonic Mean", "Harmonic Mean"],
    ["Lowest Recall", "Lowest Recall"],
  ]);
});

Deno.test("validatePaperDocument: the shipped documents pass and come back frozen copies", () => {
  for (const p of ["btm", "gml"] as const) {
    const raw = copyOf(p);
    const doc = validatePaperDocument(raw, { origin: "fixture" });
    assertEquals(doc.tables.length, p === "btm" ? 14 : 9);
    assert(Object.isFrozen(doc.tables[0].rows[0].values));
    assert(!Object.isFrozen(raw), "the input must not be frozen");
  }
});

Deno.test("validatePaperDocument: a planted wrong number is rejected, naming the printed one", () => {
  rejects(
    "btm",
    (d) => (tableOf(d, "table7").rows[3].values["H-Mean"] = 15.71),
    'row "N_D = 20, N_C = 10" column "H-Mean" is 15.71',
    "btm_paper.txt:756 prints 15.17",
  );
  // The second extract is held to the same rule: a row pointed at the wrong line there fails.
  rejects(
    "btm",
    (d) => (tableOf(d, "table5").rows[2].crossCheckLine = 211),
    "btm_paper_with_supplement.txt:211 prints 24.99",
  );
  rejects(
    "gml",
    (d) => (tableOf(d, "gml-table7").rows[0].values["Lowest Recall"] = 16),
    "gml_paper.txt:294 prints 15.00",
  );
  // Two values swapped between columns.
  rejects("btm", (d) => {
    const v = tableOf(d, "table2").rows[0].values;
    [v["H-Mean"], v["G-Mean"]] = [v["G-Mean"], v["H-Mean"]];
  }, "prints 0.73");
});

Deno.test("validatePaperDocument: rejects invented or malformed tables", () => {
  rejects(
    "btm",
    (d) => (tableOf(d, "table2").id = "table15"),
    '"table15" is not a table of the btm paper',
  );
  rejects("btm", (d) => (tableOf(d, "table2").id = "gml-table3"), "not a table of the btm paper");
  rejects(
    "btm",
    (d) => d.tables.push(structuredClone(tableOf(d, "table2"))),
    'table id "table2" appears more than once',
  );
  rejects(
    "btm",
    (d) => (tableOf(d, "table3").id = "table2"),
    'source.table is "Table 3", expected "Table 2"',
  );
  rejects("btm", (d) => (tableOf(d, "table2").rows[1].method = "CE"), 'method "CE" twice');
  rejects(
    "btm",
    (d) => (tableOf(d, "table2").rows[1].values["Acc."] = Infinity),
    "not null or a finite number",
  );
  rejects(
    "btm",
    (d) => (tableOf(d, "table2").rows[1].values["Acc."] = NaN),
    "not null or a finite number",
  );
  rejects("btm", (d) => (tableOf(d, "table2").rows[1].values["Acc."] = "37.18"), '"37.18"');
  rejects(
    "btm",
    (d) => (tableOf(d, "table2").rows[1].values["Acc."] = 137.18),
    "not a percentage in [0, 100]",
  );
  rejects(
    "btm",
    (d) => (tableOf(d, "table1").rows[0].values["# Categories"] = 1000.5),
    "not a count",
  );
  rejects(
    "btm",
    (d) => delete tableOf(d, "table2").rows[0].values["G-Mean"],
    'no value for column "G-Mean"',
  );
  rejects(
    "btm",
    (d) => (tableOf(d, "table2").rows[0].values["Lowest"] = 0),
    '"Lowest", which is not a column',
  );
  rejects("btm", (d) => (tableOf(d, "table2").columns[1] = "H-Mean"), "repeats a column");
  rejects("btm", (d) => (tableOf(d, "table2").rows = []), 'table "table2" has no rows');
  rejects("btm", (d) => (tableOf(d, "table2").unit = "fraction"), '"fraction"');
  rejects("btm", (d) => (tableOf(d, "table2").metrics["G-Mean"] = "hMean"), "two columns");
  rejects("btm", (d) => (d.tables = {}), '"tables"');
  rejects("btm", (d) => (d.paper.id = "survey"), "paper.id");
  rejects("btm", (d) => (tableOf(d, "table2").paper = "gml"), 'has paper "gml"');
});

Deno.test("validatePaperDocument: rejects sources that do not hold the table", () => {
  const t = (d: AnyDoc) => tableOf(d, "table2");
  rejects("btm", (d) => (t(d).source.lines = [598, 1200]), "not a line range", "lines 1-1096");
  rejects("btm", (d) => (t(d).source.lines = [0, 609]), "not a line range");
  rejects("btm", (d) => (t(d).source.lines = [609, 598]), "not a line range");
  rejects("btm", (d) => (t(d).source.file = "gml_paper.txt"), 'expected "btm_paper.txt"');
  rejects("btm", (d) => (t(d).source.table = "Table 3"), 'expected "Table 2"');
  // The range must hold the caption and every row's line.
  rejects("btm", (d) => (t(d).source.lines = [598, 607]), "caption is not printed");
  rejects(
    "btm",
    (d) => (t(d).caption = "Results on the ImageNet-LT dataset."),
    "caption is not printed",
  );
  rejects("btm", (d) => (t(d).rows[0].line = 590), "not a line of btm_paper.txt:598-609");
  // Rows in print order, each on its own line.
  rejects("btm", (d) => (t(d).rows[1].line = 600), "not after the previous row's line");
  // A printed row that no row cites.
  rejects(
    "btm",
    (d) => t(d).rows.splice(2, 1),
    "btm_paper.txt:602 prints numbers but no row cites it",
  );
  // A column left out of the transcription.
  rejects("btm", (d) => {
    t(d).columns = ["G-Mean", "L-Recall", "Acc."];
    delete t(d).metrics["H-Mean"];
    for (const r of t(d).rows) delete r.values["H-Mean"];
  }, "a column is missing");
  // The cross-check extract must be another cited file.
  rejects("btm", (d) => (t(d).crossCheck.file = "btm_paper.txt"), "crossCheck.file");
  rejects("btm", (d) => delete t(d).rows[0].crossCheckLine, "crossCheckLine is undefined");
});

Deno.test("validatePaperDocument: asterisks must match the print", () => {
  rejects(
    "gml",
    (d) => delete tableOf(d, "gml-table3").rows[0].asterisked,
    "printed with an asterisk",
  );
  rejects(
    "gml",
    (
      d,
    ) => (tableOf(d, "gml-table3").rows[1].asterisked = ["Harmonic Mean"],
      tableOf(d, "gml-table3").rows[1].notes = "x"),
    "printed without an asterisk",
  );
  rejects("gml", (d) => delete tableOf(d, "gml-table3").rows[0].notes, "no notes saying why");
});

Deno.test("paperTable / paperRow: unknown ids and methods throw errors listing the valid ones", () => {
  let err = assertThrows(() => paperTable("table99"), Error);
  assertStringIncludes(err.message, '"table99"');
  for (const id of IDS) assertStringIncludes(err.message, id);
  err = assertThrows(() => paperRow("table5", "Model11"), Error);
  assertStringIncludes(err.message, "Model10");
  assertThrows(() => paperDocument("survey" as "btm"), Error, "valid papers");
});

Deno.test("paperTable: the result is read-only", () => {
  const t = paperTable("table5");
  assertThrows(() => (t.notes as string[]).push("x"), TypeError);
  assertThrows(() => ((t.rows[0].values as Record<string, number>)["Accuracy"] = 1), TypeError);
});

Deno.test("shipped: bibliographic blocks", () => {
  const btm = paperDocument("btm").paper;
  assertEquals(btm.arxiv, "2401.16811");
  assertEquals(btm.authors, ["Hao Yu", "Yingxiao Du", "Jianxin Wu"]);
  assertStringIncludes(paperLine("btm_paper.txt", 24), btm.code!.replace("https://", ""));
  const gml = paperDocument("gml").paper;
  assertEquals(
    gml.title,
    "No One Left Behind: Improving the Worst Categories in Long-Tailed Learning",
  );
  assertStringIncludes(paperLine("gml_paper.txt", 3), gml.title);
  assertEquals(gml.authors, ["Yingxiao Du", "Jianxin Wu"]);
});
