/**
 * The BTM paper's published numbers as validated, read-only data.
 *
 * The numbers live in `data/paper/btm.json`, transcribed from the paper (never
 * computed or guessed). A table that could not be read from a stored copy of
 * the paper carries an `unavailable` reason and no rows, so a notebook can say
 * "paper value not available" instead of showing an invented one.
 *
 * @module
 */

import data from "../../data/paper/btm.json" with { type: "json" };

/** Where the shipped document comes from, as named in error messages. */
const SHIPPED_ORIGIN = "data/paper/btm.json";

/** Unit of every number in a table; the papers print percentages (41.2 means 41.2 %). */
export type PaperUnit = "percent";

/** A section of the paper that could not be read, and why. */
export interface Unavailable {
  /** Sentence saying why the content is missing (which copies were tried). */
  unavailable: string;
}

/** One printed row of a paper table. */
export interface PaperRow {
  /** Method name as printed (e.g. "BTM", "PaCo"); unique within its table. */
  method: string;
  /** Column name → printed number (in the table's unit), or null where the cell is empty or "-". */
  values: Record<string, number | null>;
  /** Anything uncertain about this row (optional). */
  notes?: string;
}

/** Where a table was read. */
export interface PaperSource {
  /** Address of the copy the numbers were read from. */
  url: string;
  /** The paper's own label, e.g. "Table 2". */
  table: string;
}

/** One table (or figure with printed numbers) of the paper. */
export interface PaperTable {
  /** Stable id: `table<N>` or `figure<N>`. */
  id: string;
  /** Caption, verbatim or close; null when it could not be read. */
  caption: string | null;
  /** Dataset as the paper names it (e.g. "Places-LT"); null when unknown. */
  dataset: string | null;
  /** Backbone as the paper names it (e.g. "ResNet-152"); null when unknown. */
  backbone: string | null;
  /** Unit of every value. */
  unit: PaperUnit;
  /** Column names as the paper labels them (H-Mean, G-Mean, …); empty when unavailable. */
  columns: string[];
  /** Every printed row, in print order; empty when unavailable. */
  rows: PaperRow[];
  /** Where it was read. */
  source: PaperSource;
  /** Remarks on anything uncertain. */
  notes: string[];
  /** Present when the table could not be transcribed: the reason. Then `rows` is empty. */
  unavailable?: string;
}

/** A short verbatim sentence of the paper, with where it was read. */
export interface PaperClaim {
  /** The words as printed. */
  quote: string;
  /** What the claim is about, in our words. */
  subject: string;
  /** Address and section where it was read. */
  source: string;
}

/** The whole validated document of `data/paper/btm.json`. */
export interface PaperDocument {
  /** Bibliographic identity of the paper. */
  paper: { title: string; authors: string[]; arxiv: string; url: string; code: string };
  /** Unit of every table value. */
  unit: PaperUnit;
  /** How the copies were searched and what could not be found. */
  retrieval: Record<string, string>;
  /** Every table, ids unique. */
  tables: PaperTable[];
  /**
   * Hyperparameters: `paper` as printed in the paper (or unavailable), and
   * `officialCode` as found in the authors' repository (labelled as such).
   */
  hyperparameters: {
    paper: Unavailable | Record<string, unknown>;
    officialCode: Record<string, unknown>;
  };
  /** Section 3.1's generalized-mean examples, or why they are missing. */
  workedExamples: Unavailable | Record<string, unknown>;
  /** Observations 1–4 (verbatim), or why they are missing. */
  observations: Unavailable | Record<string, unknown>;
  /** Verbatim claims read in the copies that could be reached. */
  abstractClaims: PaperClaim[];
}

/** Options of {@linkcode validatePaperDocument}. */
export interface ValidatePaperDocumentOptions {
  /**
   * Name of the document's origin, used in error messages so a failure says
   * which file is wrong. Default "data/paper/btm.json".
   */
  origin?: string;
}

/**
 * Checks a raw JSON value against the paper-document contract and returns it
 * typed and deeply frozen (a copy; the input is not changed).
 *
 * Rules: table ids are unique and look like `table<N>`/`figure<N>`; a table
 * either has an `unavailable` reason and no rows, or at least one column and
 * one row; column names are unique; every row names every column and no other;
 * method names are unique within a table; every value is null or a finite
 * number in [0, 100] (percent).
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
  const origin = options.origin ?? SHIPPED_ORIGIN;
  const fail = (what: string): never => {
    throw new Error(`Invalid paper document ${origin}: ${what}`);
  };
  const doc = asObject(raw, "the document", fail);
  const paper = asObject(doc.paper, '"paper"', fail);
  for (const key of ["title", "arxiv", "url", "code"]) asText(paper[key], `paper.${key}`, fail);
  if (!Array.isArray(paper.authors) || paper.authors.length === 0) {
    fail(`paper.authors is ${JSON.stringify(paper.authors)}, not a non-empty list`);
  }
  if (doc.unit !== "percent") fail(`unit is ${JSON.stringify(doc.unit)}, expected "percent"`);
  const retrieval = asObject(doc.retrieval, '"retrieval"', fail);
  for (const [k, v] of Object.entries(retrieval)) asText(v, `retrieval.${k}`, fail);
  if (!Array.isArray(doc.tables)) fail(`"tables" is ${JSON.stringify(doc.tables)}, not a list`);
  const seen = new Set<string>();
  for (const [i, t] of (doc.tables as unknown[]).entries()) {
    const id = checkTable(t, i, fail);
    if (seen.has(id)) fail(`table id "${id}" appears more than once`);
    seen.add(id);
  }
  const hyper = asObject(doc.hyperparameters, '"hyperparameters"', fail);
  checkSection(hyper.paper, "hyperparameters.paper", fail);
  asObject(hyper.officialCode, "hyperparameters.officialCode", fail);
  checkSection(doc.workedExamples, "workedExamples", fail);
  checkSection(doc.observations, "observations", fail);
  if (!Array.isArray(doc.abstractClaims)) fail(`"abstractClaims" is not a list`);
  for (const [i, c] of (doc.abstractClaims as unknown[]).entries()) {
    const claim = asObject(c, `abstractClaims[${i}]`, fail);
    for (const key of ["quote", "subject", "source"]) {
      asText(claim[key], `abstractClaims[${i}].${key}`, fail);
    }
  }
  return deepFreeze(structuredClone(raw)) as PaperDocument;
}

const SHIPPED: PaperDocument = validatePaperDocument(data);

/**
 * The validated, read-only paper document (tables, hyperparameters, claims).
 *
 * @example
 * ```ts
 * import { paperDocument } from "./paper_tables.ts";
 * if (paperDocument().paper.arxiv !== "2401.16811") throw new Error("wrong paper");
 * ```
 */
export function paperDocument(): PaperDocument {
  return SHIPPED;
}

/**
 * Ids of every table in the shipped document, in file order.
 *
 * @example
 * ```ts
 * import { paperTableIds } from "./paper_tables.ts";
 * if (paperTableIds().length === 0) throw new Error("no tables");
 * ```
 */
export function paperTableIds(): string[] {
  return SHIPPED.tables.map((t) => t.id);
}

/**
 * One table of the paper, read-only. Check `unavailable` before using `rows`:
 * a table that could not be transcribed has a reason there and no rows.
 *
 * @param id e.g. "table2".
 * @throws Error listing the valid ids when `id` is unknown.
 *
 * @example
 * ```ts
 * import { paperTable } from "./paper_tables.ts";
 * const t = paperTable("table2");
 * const shown = t.unavailable ? "paper value not available" : `${t.rows.length} rows`;
 * if (shown.length === 0) throw new Error("unreachable");
 * ```
 */
export function paperTable(id: string): PaperTable {
  const table = SHIPPED.tables.find((t) => t.id === id);
  if (table === undefined) {
    throw new Error(
      `No paper table with id ${JSON.stringify(id)}; valid ids: ${paperTableIds().join(", ")}`,
    );
  }
  return table;
}

type Fail = (what: string) => never;

function checkTable(raw: unknown, index: number, fail: Fail): string {
  const t = asObject(raw, `tables[${index}]`, fail);
  const id = asText(t.id, `tables[${index}].id`, fail);
  if (!/^(table|figure)\d+$/.test(id)) {
    fail(`table id ${JSON.stringify(id)} is not of the form table<N> or figure<N>`);
  }
  const where = `table "${id}"`;
  for (const key of ["caption", "dataset", "backbone"]) {
    if (t[key] !== null) asText(t[key], `${where} ${key}`, fail);
  }
  if (t.unit !== "percent") fail(`${where} has unit ${JSON.stringify(t.unit)}, expected "percent"`);
  const source = asObject(t.source, `${where} source`, fail);
  asText(source.url, `${where} source.url`, fail);
  asText(source.table, `${where} source.table`, fail);
  if (!Array.isArray(t.notes) || t.notes.some((n) => typeof n !== "string")) {
    fail(`${where} notes must be a list of strings`);
  }
  if (!Array.isArray(t.columns) || !Array.isArray(t.rows)) {
    fail(`${where} needs "columns" and "rows" lists`);
  }
  const columns = t.columns as unknown[];
  const rows = t.rows as unknown[];
  if (t.unavailable !== undefined) {
    asText(t.unavailable, `${where} unavailable`, fail);
    if (rows.length > 0) {
      fail(
        `${where} is marked unavailable but has ${rows.length} rows: every number needs a source`,
      );
    }
    return id;
  }
  if (columns.length === 0) fail(`${where} has no columns and no "unavailable" reason`);
  if (rows.length === 0) fail(`${where} has no rows and no "unavailable" reason`);
  const names = columns.map((c, j) => asText(c, `${where} column ${j}`, fail));
  if (new Set(names).size !== names.length) {
    fail(`${where} repeats a column name: ${names.join(", ")}`);
  }
  const methods = new Set<string>();
  for (const [r, rawRow] of rows.entries()) {
    const row = asObject(rawRow, `${where} row ${r}`, fail);
    const method = asText(row.method, `${where} row ${r} method`, fail);
    if (methods.has(method)) fail(`${where} lists method "${method}" twice`);
    methods.add(method);
    const values = asObject(row.values, `${where} row "${method}" values`, fail);
    for (const key of Object.keys(values)) {
      if (!names.includes(key)) {
        fail(
          `${where} row "${method}" has value for "${key}", which is not a column (${
            names.join(", ")
          })`,
        );
      }
    }
    for (const name of names) {
      if (!(name in values)) fail(`${where} row "${method}" has no value for column "${name}"`);
      const v = values[name];
      if (v !== null && (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100)) {
        fail(
          `${where} row "${method}" column "${name}" is ${JSON.stringify(v)}, ` +
            "not null or a percentage in [0, 100]",
        );
      }
    }
    if (row.notes !== undefined) asText(row.notes, `${where} row "${method}" notes`, fail);
  }
  return id;
}

function checkSection(raw: unknown, what: string, fail: Fail): void {
  const section = asObject(raw, what, fail);
  if ("unavailable" in section) asText(section.unavailable, `${what}.unavailable`, fail);
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
