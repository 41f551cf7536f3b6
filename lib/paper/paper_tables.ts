/**
 * The papers' tables as validated, read-only data, for showing beside our
 * results: every table of the BTM paper (Tables 1-14) and of the GML paper
 * (Tables 1, 3-9 and appendix Table 1), every row and every printed number.
 *
 * The numbers live in `data/paper/btm.json` and `data/paper/gml.json`,
 * transcribed from the vendored paper texts (see {@linkcode paperLines}). The
 * validator holds each table to its text: every row names the line it is
 * printed on, and the numbers printed there must be the row's values; for
 * BTM every row is read a second time in the HTML extract. A number that is
 * not on its cited line makes loading fail, so a typo cannot ship.
 *
 * @module
 */

import btmData from "../../data/paper/btm.json" with { type: "json" };
import gmlData from "../../data/paper/gml.json" with { type: "json" };
import { isPaperFile, joinedLines, type PaperFile, paperLines } from "./paper_text.ts";
import { printedNumbers } from "./_printed_numbers.ts";

/**
 * Unit of a table's numbers: "percent" (41.2 means 41.2 %, as printed),
 * "count" (a number of classes or images) or "ratio" (a dimensionless
 * quotient, e.g. BTM Table 1's imbalance ratio).
 */
export type PaperUnit = "percent" | "count" | "ratio";

/** The metric a column reports, whatever the paper calls it ("H-Mean", "Harmonic Mean", …). */
export type PaperMetric = "hMean" | "gMean" | "lowestRecall" | "accuracy";

/** Which paper: "btm" (*Reviving Undersampling…*) or "gml" (*No One Left Behind*). */
export type PaperId = "btm" | "gml";

/** One printed row of a paper table. */
export interface PaperRow {
  /**
   * Method name as printed, citation brackets dropped ("BSCE [25]" → "BSCE");
   * where the printed name is not unique in its table, or the row is defined by
   * a setting printed in other columns, the label adds it ("Average Merging:
   * Merge", "N_D = 2, N_C = 10", "t_old = 1, t_new = 2"). Unique within its table.
   */
  method: string;
  /** Column name → printed number (in the table's unit), or null where the cell is empty or "-". */
  values: Record<string, number | null>;
  /** The group heading printed above the row, when there is one ("Original Model", "Balanced Training", …). */
  group?: string;
  /** 1-based line of the table's source file where this row's numbers are printed. */
  line: number;
  /** 1-based line of the table's cross-check file where the same row is printed (BTM tables). */
  crossCheckLine?: number;
  /** Columns whose value is printed with an asterisk (GML: computed with the 10⁻³ floor for zero recalls). */
  asterisked?: string[];
  /** Anything a reader of this row should know (uncertain labels, floored values). */
  notes?: string;
}

/** Where a table was read: the file of `shared/papers/` and the lines holding it. */
export interface PaperSource {
  /** The text file, named as in `shared/papers/` (vendored in `data/paper/sources/`). */
  file: PaperFile;
  /** First and last line (1-based, inclusive): the header row through the caption. */
  lines: [number, number];
  /** The paper's own label, e.g. "Table 7" (for GML's appendix, "Table 1" of gml_appendix.txt). */
  table: string;
}

/** A second extract in which every row was read again. */
export interface PaperCrossCheck {
  /** The other text file. */
  file: PaperFile;
  /** First and last line of the table there (1-based, inclusive). */
  lines: [number, number];
}

/** One table of a paper. */
export interface PaperTable {
  /** Stable id: `table<N>` (BTM), `gml-table<N>`, `gml-appendix-table<N>`. */
  id: string;
  /** The paper it belongs to. */
  paper: PaperId;
  /** Caption as printed, without its "Table N." label (checked verbatim against the source). */
  caption: string;
  /** Dataset as the paper names it (e.g. "Places-LT"); null where the rows are datasets (BTM Table 1). */
  dataset: string | null;
  /** Backbone as the paper states it for this table (Section 4.1 / 4.2); null where none applies. */
  backbone: string | null;
  /** Unit of every value unless `columnUnits` says otherwise. */
  unit: PaperUnit;
  /** Units of the columns whose unit is not `unit` (BTM Table 1: "Imbalance Ratio" is a ratio). */
  columnUnits?: Record<string, PaperUnit>;
  /** Column names as printed (H-Mean, Geometric Mean, Acc., …), setting columns excluded. */
  columns: string[];
  /** Column → the metric it reports, for every metric column. */
  metrics?: Record<string, PaperMetric>;
  /** Every printed row, in print order. */
  rows: PaperRow[];
  /** Where it was read. */
  source: PaperSource;
  /** Where every row was read a second time (BTM: the HTML extract). */
  crossCheck?: PaperCrossCheck;
  /** Remarks: differences between extracts, uncertain cells, rows equal to other tables' rows. */
  notes: string[];
}

/** A paper's bibliographic identity. */
export interface PaperBibliography {
  /** Which paper. */
  id: PaperId;
  /** Title as printed. */
  title: string;
  /** Authors in print order. */
  authors: string[];
  /** Venue where known (e.g. "CVPR 2023"). */
  venue?: string;
  /** arXiv identifier. */
  arxiv: string;
  /** Address of the paper. */
  url: string;
  /** The authors' code repository as the paper names it, or null when it names none. */
  code: string | null;
}

/** The whole validated document of `data/paper/<paper>.json`. */
export interface PaperDocument {
  /** Bibliographic identity of the paper. */
  paper: PaperBibliography;
  /** The text files its tables were read from (vendored in `data/paper/sources/`). */
  sources: PaperFile[];
  /** How the tables were transcribed, and what applies to all of them. */
  notes: string[];
  /** Every table, ids unique, in the paper's order. */
  tables: PaperTable[];
}

/** Options of {@linkcode validatePaperDocument}. */
export interface ValidatePaperDocumentOptions {
  /**
   * Name of the document's origin, used in error messages so a failure says
   * which file is wrong. Default "data/paper/<paper id>.json".
   */
  origin?: string;
}

/** The table ids each paper has, in the paper's order. */
const TABLE_IDS: Record<PaperId, readonly string[]> = {
  btm: Array.from({ length: 14 }, (_, i) => `table${i + 1}`),
  gml: [
    "gml-table1",
    ...Array.from({ length: 7 }, (_, i) => `gml-table${i + 3}`),
    "gml-appendix-table1",
  ],
};

const UNITS: readonly PaperUnit[] = ["percent", "count", "ratio"];
const METRICS: readonly PaperMetric[] = ["hMean", "gMean", "lowestRecall", "accuracy"];

/**
 * Checks a raw JSON value against the paper-document contract and returns it
 * typed and deeply frozen (a copy; the input is not changed).
 *
 * Structure: the paper is "btm" or "gml"; table ids are that paper's known ids
 * (`table1`…`table14`; `gml-table1`, `gml-table3`…`gml-table9`,
 * `gml-appendix-table1`), unique, and each names its own label and file
 * (`table7` is "Table 7" of btm_paper.txt); columns are unique; every row has
 * a unique method and a value for every column and no other; every value is
 * null or a finite number in its unit's range (percent: [0, 100]; count: a
 * non-negative integer; ratio: positive).
 *
 * Against the text: the source's line range lies inside its file, the caption
 * is printed there after its label, every row's line lies in the range (in
 * print order), and the numbers printed on that line (after dropping citation
 * brackets, HTML tags and parenthesised gains) end with the row's non-null
 * values in column order, with no other decimal number before them; a value
 * printed with an asterisk must be listed in `asterisked` and vice versa;
 * every line of the range that prints a decimal number is some row's line (no
 * row left out). A cross-check file is held to the same rules at
 * `crossCheckLine`.
 *
 * @param raw the parsed JSON.
 * @throws Error naming the origin, the table, the row and the offending value.
 *
 * @example
 * ```ts
 * import { validatePaperDocument } from "./paper_tables.ts";
 * let failed = false;
 * try {
 *   validatePaperDocument({ tables: "not a list" }, { origin: "example" });
 * } catch { failed = true; }
 * if (!failed) throw new Error("a malformed document was accepted");
 * ```
 */
export function validatePaperDocument(
  raw: unknown,
  options: ValidatePaperDocumentOptions = {},
): PaperDocument {
  let origin = options.origin;
  const fail = (what: string): never => {
    throw new Error(`Invalid paper document ${origin ?? "(no origin given)"}: ${what}`);
  };
  const doc = asObject(raw, "the document", fail);
  const paper = asObject(doc.paper, '"paper"', fail);
  if (paper.id !== "btm" && paper.id !== "gml") {
    fail(`paper.id is ${JSON.stringify(paper.id)}, expected "btm" or "gml"`);
  }
  const paperId = paper.id as PaperId;
  origin ??= `data/paper/${paperId}.json`;
  for (const key of ["title", "arxiv", "url"]) asText(paper[key], `paper.${key}`, fail);
  if (paper.venue !== undefined) asText(paper.venue, "paper.venue", fail);
  if (paper.code !== null) asText(paper.code, "paper.code", fail);
  if (
    !Array.isArray(paper.authors) || paper.authors.length === 0 ||
    paper.authors.some((a) => typeof a !== "string" || a.trim() === "")
  ) {
    fail(`paper.authors is ${JSON.stringify(paper.authors)}, not a non-empty list of names`);
  }
  if (!Array.isArray(doc.sources) || doc.sources.length === 0) {
    fail(`"sources" is ${JSON.stringify(doc.sources)}, not a non-empty list of paper files`);
  }
  const sources = doc.sources as unknown[];
  for (const s of sources) {
    if (!isPaperFile(s)) fail(`"sources" names ${JSON.stringify(s)}, which is not a paper file`);
  }
  checkNotes(doc.notes, '"notes"', fail);
  if (!Array.isArray(doc.tables) || doc.tables.length === 0) {
    fail(`"tables" is ${JSON.stringify(doc.tables)}, not a non-empty list`);
  }
  const seen = new Set<string>();
  for (const [i, t] of (doc.tables as unknown[]).entries()) {
    const id = checkTable(t, i, paperId, sources as PaperFile[], fail);
    if (seen.has(id)) fail(`table id "${id}" appears more than once`);
    seen.add(id);
  }
  return deepFreeze(structuredClone(raw)) as PaperDocument;
}

const SHIPPED: Record<PaperId, PaperDocument> = {
  btm: loadShipped(btmData, "btm"),
  gml: loadShipped(gmlData, "gml"),
};

/**
 * The validated, read-only document of one paper (bibliography, notes, tables).
 *
 * @param paper "btm" or "gml".
 * @throws Error when `paper` is neither.
 *
 * @example
 * ```ts
 * import { paperDocument } from "./paper_tables.ts";
 * if (paperDocument("btm").paper.arxiv !== "2401.16811") throw new Error("wrong paper");
 * ```
 */
export function paperDocument(paper: PaperId): PaperDocument {
  const doc = SHIPPED[paper];
  if (doc === undefined) {
    throw new Error(`No paper ${JSON.stringify(paper)}; valid papers: btm, gml`);
  }
  return doc;
}

/**
 * Ids of every shipped table (BTM's, then GML's, in the papers' order), or
 * of one paper's.
 *
 * @param paper restrict to one paper; default both.
 *
 * @example
 * ```ts
 * import { paperTableIds } from "./paper_tables.ts";
 * if (paperTableIds().length !== 23 || paperTableIds("gml")[1] !== "gml-table3") {
 *   throw new Error("ids changed");
 * }
 * ```
 */
export function paperTableIds(paper?: PaperId): string[] {
  const papers: PaperId[] = paper === undefined ? ["btm", "gml"] : [paper];
  return papers.flatMap((p) => paperDocument(p).tables.map((t) => t.id));
}

/**
 * One table of either paper, read-only.
 *
 * @param id e.g. "table2", "gml-table7", "gml-appendix-table1".
 * @throws Error listing the valid ids when `id` is unknown.
 *
 * @example
 * ```ts
 * import { paperTable } from "./paper_tables.ts";
 * const t = paperTable("table2");
 * const btm = t.rows.find((r) => r.method === "MiSLAS + BTM");
 * if (btm?.values["H-Mean"] !== 29.8) throw new Error("Table 2 changed");
 * ```
 */
export function paperTable(id: string): PaperTable {
  for (const doc of Object.values(SHIPPED)) {
    const table = doc.tables.find((t) => t.id === id);
    if (table !== undefined) return table;
  }
  throw new Error(
    `No paper table with id ${JSON.stringify(id)}; valid ids: ${paperTableIds().join(", ")}`,
  );
}

/**
 * One row of a shipped table, by its method label.
 *
 * @param id table id, e.g. "table5".
 * @param method the row's `method`, e.g. "Post-train".
 * @throws Error listing the table's methods when there is no such row.
 *
 * @example
 * ```ts
 * import { paperRow } from "./paper_tables.ts";
 * if (paperRow("table5", "Stage1").values["Harmonic Mean"] !== 1.47) throw new Error("changed");
 * ```
 */
export function paperRow(id: string, method: string): PaperRow {
  const table = paperTable(id);
  const row = table.rows.find((r) => r.method === method);
  if (row === undefined) {
    throw new Error(
      `Paper table "${id}" has no row ${JSON.stringify(method)}; its rows: ${
        table.rows.map((r) => r.method).join(", ")
      }`,
    );
  }
  return row;
}

type Fail = (what: string) => never;

function loadShipped(raw: unknown, paper: PaperId): PaperDocument {
  const origin = `data/paper/${paper}.json`;
  const doc = validatePaperDocument(raw, { origin });
  if (doc.paper.id !== paper) {
    throw new Error(`Invalid paper document ${origin}: paper.id is "${doc.paper.id}"`);
  }
  const ids = doc.tables.map((t) => t.id);
  const expected = TABLE_IDS[paper];
  if (ids.join(",") !== expected.join(",")) {
    throw new Error(
      `Invalid paper document ${origin}: tables are ${ids.join(", ")}; expected ${
        expected.join(", ")
      }`,
    );
  }
  return doc;
}

/** The file and label an id stands for: `table7` → Table 7 of btm_paper.txt. */
function expectedPlace(id: string): { file: PaperFile; table: string } {
  const m = /^(table|gml-table|gml-appendix-table)(\d+)$/.exec(id)!;
  const file: PaperFile = m[1] === "table"
    ? "btm_paper.txt"
    : m[1] === "gml-table"
    ? "gml_paper.txt"
    : "gml_appendix.txt";
  return { file, table: `Table ${m[2]}` };
}

function checkTable(
  raw: unknown,
  index: number,
  paper: PaperId,
  sources: PaperFile[],
  fail: Fail,
): string {
  const t = asObject(raw, `tables[${index}]`, fail);
  const id = asText(t.id, `tables[${index}].id`, fail);
  if (!TABLE_IDS[paper].includes(id)) {
    fail(
      `table id ${JSON.stringify(id)} is not a table of the ${paper} paper; valid ids: ${
        TABLE_IDS[paper].join(", ")
      }`,
    );
  }
  const where = `table "${id}"`;
  if (t.paper !== paper) fail(`${where} has paper ${JSON.stringify(t.paper)}, expected "${paper}"`);
  const caption = asText(t.caption, `${where} caption`, fail);
  for (const key of ["dataset", "backbone"]) {
    if (t[key] !== null) asText(t[key], `${where} ${key}`, fail);
  }
  const unit = asUnit(t.unit, `${where} unit`, fail);
  checkNotes(t.notes, `${where} notes`, fail);

  if (!Array.isArray(t.columns) || t.columns.length === 0) {
    fail(`${where} has no columns`);
  }
  const columns = (t.columns as unknown[]).map((c, j) => asText(c, `${where} column ${j}`, fail));
  if (new Set(columns).size !== columns.length) {
    fail(`${where} repeats a column name: ${columns.join(", ")}`);
  }
  const units: Record<string, PaperUnit> = Object.fromEntries(columns.map((c) => [c, unit]));
  if (t.columnUnits !== undefined) {
    const cu = asObject(t.columnUnits, `${where} columnUnits`, fail);
    for (const [c, u] of Object.entries(cu)) {
      if (!columns.includes(c)) fail(`${where} columnUnits names "${c}", which is not a column`);
      units[c] = asUnit(u, `${where} columnUnits "${c}"`, fail);
    }
  }
  if (t.metrics !== undefined) {
    const metrics = asObject(t.metrics, `${where} metrics`, fail);
    const used = new Set<unknown>();
    for (const [c, m] of Object.entries(metrics)) {
      if (!columns.includes(c)) fail(`${where} metrics names "${c}", which is not a column`);
      if (!METRICS.includes(m as PaperMetric)) {
        fail(`${where} metrics "${c}" is ${JSON.stringify(m)}; valid: ${METRICS.join(", ")}`);
      }
      if (used.has(m)) fail(`${where} maps two columns to metric "${m}"`);
      used.add(m);
    }
  }

  // Where it was read.
  const expected = expectedPlace(id);
  const source = asObject(t.source, `${where} source`, fail);
  if (source.file !== expected.file) {
    fail(`${where} source.file is ${JSON.stringify(source.file)}, expected "${expected.file}"`);
  }
  if (source.table !== expected.table) {
    fail(`${where} source.table is ${JSON.stringify(source.table)}, expected "${expected.table}"`);
  }
  const file = expected.file;
  if (!sources.includes(file)) fail(`${where} cites ${file}, which "sources" does not list`);
  const range = asRange(source.lines, file, `${where} source.lines`, fail);
  const printedCaption = `${expected.table}. ${caption}`;
  if (!joinedLines(file, range[0], range[1]).includes(printedCaption)) {
    fail(
      `${where} caption is not printed in ${file}:${range[0]}-${range[1]} ` +
        `(lines joined with one space): ${JSON.stringify(printedCaption.slice(0, 80))}`,
    );
  }
  let cross: { file: PaperFile; range: [number, number] } | undefined;
  if (t.crossCheck !== undefined) {
    const cc = asObject(t.crossCheck, `${where} crossCheck`, fail);
    if (!isPaperFile(cc.file) || cc.file === file || !sources.includes(cc.file)) {
      fail(
        `${where} crossCheck.file is ${JSON.stringify(cc.file)}: it must be another file ` +
          `that "sources" lists`,
      );
    }
    const ccFile = cc.file as PaperFile;
    cross = { file: ccFile, range: asRange(cc.lines, ccFile, `${where} crossCheck.lines`, fail) };
  }

  // Rows.
  if (!Array.isArray(t.rows) || t.rows.length === 0) fail(`${where} has no rows`);
  const methods = new Set<string>();
  const rowLines: number[] = [];
  const crossLines: number[] = [];
  for (const [r, rawRow] of (t.rows as unknown[]).entries()) {
    const row = asObject(rawRow, `${where} row ${r}`, fail);
    const method = asText(row.method, `${where} row ${r} method`, fail);
    if (methods.has(method)) fail(`${where} lists method "${method}" twice`);
    methods.add(method);
    const what = `${where} row "${method}"`;
    const values = asObject(row.values, `${what} values`, fail);
    for (const key of Object.keys(values)) {
      if (!columns.includes(key)) {
        fail(`${what} has value for "${key}", which is not a column (${columns.join(", ")})`);
      }
    }
    for (const name of columns) {
      if (!(name in values)) fail(`${what} has no value for column "${name}"`);
      checkValue(values[name], units[name], `${what} column "${name}"`, fail);
    }
    if (row.group !== undefined) asText(row.group, `${what} group`, fail);
    if (row.notes !== undefined) asText(row.notes, `${what} notes`, fail);
    let asterisked: string[] = [];
    if (row.asterisked !== undefined) {
      if (!Array.isArray(row.asterisked) || row.asterisked.length === 0) {
        fail(`${what} asterisked must be a non-empty list of columns`);
      }
      asterisked = (row.asterisked as unknown[]).map((c) => {
        if (typeof c !== "string" || !columns.includes(c)) {
          fail(`${what} asterisked names ${JSON.stringify(c)}, which is not a column`);
        }
        return c as string;
      });
      if (row.notes === undefined) fail(`${what} has asterisked values but no notes saying why`);
    }
    const line = asLine(row.line, range, file, `${what} line`, fail);
    if (rowLines.length > 0 && line <= rowLines[rowLines.length - 1]) {
      fail(`${what} line ${line} is not after the previous row's line (rows are in print order)`);
    }
    rowLines.push(line);
    checkPrinted(file, line, columns, values, asterisked, what, fail);
    if (cross !== undefined) {
      const cl = asLine(
        row.crossCheckLine,
        cross.range,
        cross.file,
        `${what} crossCheckLine`,
        fail,
      );
      if (crossLines.length > 0 && cl <= crossLines[crossLines.length - 1]) {
        fail(`${what} crossCheckLine ${cl} is not after the previous row's`);
      }
      crossLines.push(cl);
      checkPrinted(cross.file, cl, columns, values, null, what, fail);
    } else if (row.crossCheckLine !== undefined) {
      fail(`${what} has a crossCheckLine but the table has no crossCheck`);
    }
  }
  checkNoRowLeftOut(file, range, rowLines, where, fail);
  if (cross !== undefined) checkNoRowLeftOut(cross.file, cross.range, crossLines, where, fail);
  return id;
}

/**
 * The numbers printed on `line` must end with the row's non-null values in
 * column order, with no decimal number before them; asterisks must match.
 * `asterisked` null: do not compare asterisks (a cross-check extract).
 */
function checkPrinted(
  file: PaperFile,
  line: number,
  columns: string[],
  values: Record<string, unknown>,
  asterisked: string[] | null,
  what: string,
  fail: Fail,
): void {
  const text = paperLines(file)[line - 1];
  const printed = printedNumbers(text);
  const cells = columns.filter((c) => values[c] !== null);
  const shown = JSON.stringify(text.slice(0, 120));
  if (printed.length < cells.length) {
    fail(
      `${what} has ${cells.length} values but ${file}:${line} prints only ${printed.length} numbers: ${shown}`,
    );
  }
  const tail = printed.slice(printed.length - cells.length);
  const before = printed.slice(0, printed.length - cells.length);
  const extra = before.find((p) => p.decimal);
  if (extra !== undefined) {
    fail(
      `${file}:${line} prints ${extra.text} before ${what}'s ${cells.length} values: ` +
        `a column is missing (${shown})`,
    );
  }
  for (const [k, column] of cells.entries()) {
    const p = tail[k];
    if (p.value !== values[column]) {
      fail(
        `${what} column "${column}" is ${JSON.stringify(values[column])}, ` +
          `but ${file}:${line} prints ${p.text} there: ${shown}`,
      );
    }
    if (asterisked !== null && p.asterisk !== asterisked.includes(column)) {
      fail(
        `${what} column "${column}" is printed ${p.asterisk ? "with" : "without"} an asterisk ` +
          `at ${file}:${line} but its "asterisked" list says otherwise: ${shown}`,
      );
    }
  }
}

/** Every line of the range that prints a decimal number must be a row's line. */
function checkNoRowLeftOut(
  file: PaperFile,
  range: [number, number],
  rowLines: number[],
  where: string,
  fail: Fail,
): void {
  const lines = paperLines(file);
  for (let n = range[0]; n <= range[1]; n++) {
    if (rowLines.includes(n)) continue;
    if (printedNumbers(lines[n - 1]).some((p) => p.decimal)) {
      fail(
        `${where}: ${file}:${n} prints numbers but no row cites it: ` +
          JSON.stringify(lines[n - 1].slice(0, 120)),
      );
    }
  }
}

function checkValue(v: unknown, unit: PaperUnit, what: string, fail: Fail): void {
  if (v === null) return;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    fail(`${what} is ${JSON.stringify(v) ?? String(v)}, not null or a finite number`);
  }
  const n = v as number;
  if (unit === "percent" && (n < 0 || n > 100)) {
    fail(`${what} is ${n}, not a percentage in [0, 100]`);
  }
  if (unit === "count" && (!Number.isInteger(n) || n < 0)) {
    fail(`${what} is ${n}, not a count (a non-negative integer)`);
  }
  if (unit === "ratio" && n <= 0) fail(`${what} is ${n}, not a positive ratio`);
}

function asUnit(raw: unknown, what: string, fail: Fail): PaperUnit {
  if (!UNITS.includes(raw as PaperUnit)) {
    fail(`${what} is ${JSON.stringify(raw)}; valid units: ${UNITS.join(", ")}`);
  }
  return raw as PaperUnit;
}

function asRange(raw: unknown, file: PaperFile, what: string, fail: Fail): [number, number] {
  const count = paperLines(file).length;
  if (
    !Array.isArray(raw) || raw.length !== 2 || !raw.every(Number.isInteger) ||
    raw[0] < 1 || raw[1] < raw[0] || raw[1] > count
  ) {
    fail(
      `${what} is ${
        JSON.stringify(raw)
      }, not a line range [start, end] inside ${file} (lines 1-${count})`,
    );
  }
  return raw as [number, number];
}

function asLine(
  raw: unknown,
  range: [number, number],
  file: PaperFile,
  what: string,
  fail: Fail,
): number {
  if (!Number.isInteger(raw) || (raw as number) < range[0] || (raw as number) > range[1]) {
    fail(`${what} is ${JSON.stringify(raw)}, not a line of ${file}:${range[0]}-${range[1]}`);
  }
  return raw as number;
}

function checkNotes(raw: unknown, what: string, fail: Fail): void {
  if (!Array.isArray(raw) || raw.some((n) => typeof n !== "string" || n.trim() === "")) {
    fail(`${what} must be a list of non-empty strings`);
  }
}

function asObject(raw: unknown, what: string, fail: Fail): Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail(`${what} is ${JSON.stringify(raw)}, not an object`);
  }
  return raw as Record<string, unknown>;
}

function asText(raw: unknown, what: string, fail: Fail): string {
  if (typeof raw !== "string" || raw.trim() === "") {
    fail(`${what} is ${JSON.stringify(raw)}, not a non-empty string`);
  }
  return raw as string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
