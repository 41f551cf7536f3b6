import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  paperDocument,
  paperTable,
  paperTableIds,
  validatePaperDocument,
} from "../../lib/paper/paper_tables.ts";

/** A small valid document; tests break one thing at a time. */
function validDoc(): Record<string, unknown> {
  return {
    paper: { title: "T", authors: ["A"], arxiv: "0000.00000", url: "https://x", code: "https://y" },
    unit: "percent",
    retrieval: { summary: "read from a fixture" },
    tables: [
      {
        id: "table2",
        caption: "Fixture",
        dataset: "Places-LT",
        backbone: "ResNet-152",
        unit: "percent",
        columns: ["H-Mean", "G-Mean"],
        rows: [
          { method: "CE", values: { "H-Mean": 10.5, "G-Mean": null } },
          { method: "BTM", values: { "H-Mean": 0, "G-Mean": 100 } },
        ],
        source: { url: "https://x", table: "Table 2" },
        notes: [],
      },
      {
        id: "table3",
        caption: null,
        dataset: null,
        backbone: null,
        unit: "percent",
        columns: [],
        rows: [],
        source: { url: "https://x", table: "Table 3" },
        notes: [],
        unavailable: "not in the stored copy",
      },
    ],
    hyperparameters: { paper: { unavailable: "not read" }, officialCode: {} },
    workedExamples: { unavailable: "not read" },
    observations: { unavailable: "not read" },
    abstractClaims: [{ quote: "q", subject: "s", source: "https://x" }],
  };
}

// deno-lint-ignore no-explicit-any
type AnyDoc = any;

function rejects(edit: (d: AnyDoc) => void, expected: string): void {
  const d: AnyDoc = validDoc();
  edit(d);
  const err = assertThrows(() => validatePaperDocument(d, { origin: "fixture" }), Error);
  assertStringIncludes(err.message, "fixture");
  assertStringIncludes(err.message, expected);
}

Deno.test("validatePaperDocument: accepts a valid document and freezes a copy", () => {
  const raw = validDoc();
  const doc = validatePaperDocument(raw, { origin: "fixture" });
  assertEquals(doc.tables.map((t) => t.id), ["table2", "table3"]);
  assertEquals(doc.tables[0].rows[0].values["H-Mean"], 10.5);
  assert(Object.isFrozen(doc.tables[0].rows[0].values));
  assert(!Object.isFrozen(raw), "the input must not be frozen");
});

Deno.test("validatePaperDocument: rejects values that are not percentages or null", () => {
  rejects((d) => (d.tables[0].rows[0].values["H-Mean"] = 120), "120");
  rejects((d) => (d.tables[0].rows[0].values["H-Mean"] = -0.1), "-0.1");
  rejects((d) => (d.tables[0].rows[0].values["H-Mean"] = "41.2"), '"41.2"');
  rejects((d) => (d.tables[0].rows[1].values["G-Mean"] = Infinity), "G-Mean");
});

Deno.test("validatePaperDocument: rejects rows that do not match the columns", () => {
  rejects((d) => delete d.tables[0].rows[0].values["G-Mean"], 'no value for column "G-Mean"');
  rejects((d) => (d.tables[0].rows[0].values["Acc"] = 50), '"Acc", which is not a column');
  rejects((d) => (d.tables[0].columns = ["H-Mean", "H-Mean"]), "repeats a column");
  rejects((d) => (d.tables[0].rows[1].method = "CE"), 'method "CE" twice');
});

Deno.test("validatePaperDocument: a table needs rows or an unavailable reason, not both", () => {
  rejects((d) => (d.tables[0].rows = []), 'table "table2" has no rows');
  rejects((d) => (d.tables[0].columns = []), 'table "table2" has no columns');
  rejects(
    (d) => (d.tables[1].rows = [{ method: "CE", values: {} }]),
    'table "table3" is marked unavailable but has 1 rows',
  );
  rejects((d) => (d.tables[1].unavailable = ""), "unavailable");
});

Deno.test("validatePaperDocument: rejects duplicate or malformed ids and wrong units", () => {
  rejects((d) => (d.tables[1].id = "table2"), 'table id "table2" appears more than once');
  rejects((d) => (d.tables[1].id = "Table 3"), "not of the form");
  rejects((d) => (d.tables[0].unit = "fraction"), '"fraction"');
  rejects((d) => (d.unit = "fraction"), '"fraction"');
  rejects((d) => (d.tables = {}), '"tables"');
});

Deno.test("shipped document: ids unique, every table has rows and columns or a reason", () => {
  const ids = paperTableIds();
  assert(ids.length > 0);
  assertEquals(new Set(ids).size, ids.length);
  for (const id of ids) {
    const t = paperTable(id);
    assertEquals(t.id, id);
    if (t.unavailable === undefined) {
      assert(t.columns.length > 0, `${id} has no columns`);
      assert(t.rows.length > 0, `${id} has no rows`);
    } else {
      assert(t.unavailable.length > 0);
      assertEquals(t.rows.length, 0, `${id} is unavailable but has rows`);
    }
  }
});

Deno.test("shipped document: every value is null or a finite percentage", () => {
  for (const id of paperTableIds()) {
    const t = paperTable(id);
    assertEquals(t.unit, "percent");
    for (const row of t.rows) {
      for (const col of t.columns) {
        const v = row.values[col];
        assert(
          v === null || (Number.isFinite(v) && v >= 0 && v <= 100),
          `${id} ${row.method} ${col} = ${v}`,
        );
      }
    }
  }
});

Deno.test("paperTable: an unknown id throws an error listing the valid ids", () => {
  const err = assertThrows(() => paperTable("table99"), Error);
  assertStringIncludes(err.message, '"table99"');
  for (const id of paperTableIds()) assertStringIncludes(err.message, id);
});

Deno.test("paperTable: the result is read-only", () => {
  const t = paperTable(paperTableIds()[0]);
  assertThrows(() => (t.notes as string[]).push("x"), TypeError);
  assertThrows(() => ((t as { caption: string | null }).caption = "x"), TypeError);
});

Deno.test("shipped document: spot checks against the sources read twice", () => {
  const doc = paperDocument();
  assertEquals(doc.paper.arxiv, "2401.16811");
  // Abstract (ar5iv and sciencestack copies agree word for word).
  assertStringIncludes(
    doc.abstractClaims[0].quote,
    "much higher harmonic and geometric mean accuracy, and, but lower average accuracy",
  );
  assertStringIncludes(doc.abstractClaims[1].quote, "does not result in any additional overhead");
  // Official code configs (github.com/yuhao318/BTM @ 3c221ad), not the paper's text.
  // deno-lint-ignore no-explicit-any
  const code = doc.hyperparameters.officialCode as any;
  assertEquals(code.perDataset["Places-LT"].btmFineTune.epochs, 90);
  assertEquals(code.perDataset["ImageNet-LT"].btmFineTune.epochs, 180);
  assertEquals(code.perDataset["iNaturalist2018"].btmFineTune.weightDecay, 1e-4);
  assertEquals(code.perDataset["Places-LT"].classifierRetrain.smoothHead, 0.4);
  assertEquals(code.perDataset["Places-LT"].mergedModelsInMergePy, 10);
});
