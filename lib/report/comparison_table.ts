/**
 * Tables that put our numbers beside the paper's.
 *
 * @module
 */

import {
  type Displayable,
  JUPYTER_DISPLAY,
  type MimeBundle,
  TABLE_MIME,
} from "./display_bundle.ts";
import { escapeHtml } from "./escape_html.ts";
import { checkFraction, formatFraction } from "./format_fraction.ts";

/** One method's row: our metrics and the paper's, keyed by column key. */
export interface ComparisonRow {
  /** Method name as shown, e.g. `"BTM (N_D = 5)"`. */
  method: string;
  /**
   * Our metrics, keyed by column key, in the column's kind (fractions in
   * [0, 1] by default); `null` for a method we do not implement (the row then
   * says "not implemented"). A key missing from the record shows as "—" (not
   * measured). With several seeds: the mean over seeds.
   */
  ours: Record<string, number> | null;
  /** The seed-to-seed standard deviation of `ours`, same keys and kinds; shown as `mean ± sd`. */
  oursSd?: Record<string, number>;
  /** The paper's metrics as fractions in [0, 1] (45.7% → 0.457); missing keys show "—". */
  paper?: Record<string, number>;
  /**
   * The paper's row this row stands for, e.g. `"MiSLAS"` for our two-stage
   * pipeline; shown in a "Paper row" column when any row has one.
   */
  paperMethod?: string;
}

/**
 * What a column holds: `fraction` (a metric in [0, 1], shown as a
 * percentage), `change` (a difference of two metrics in [−1, 1], shown in
 * signed percentage points) or `count` (a non-negative integer, e.g. the
 * number of classes at zero recall, shown as is).
 */
export type ColumnKind = "fraction" | "change" | "count";

/** A column of a {@link comparisonTable}. */
export interface ComparisonColumn {
  /** Key into the rows' `ours`/`paper` records. */
  key: string;
  /** Header text, e.g. `"H-mean"`. */
  label: string;
  /** What the column holds; default `fraction`. */
  kind?: ColumnKind;
}

/** Options of {@link comparisonTable}. */
export interface ComparisonTableOptions {
  /** The metric columns, in order. Required: a table states what it compares. */
  columns: ComparisonColumn[];
  /** Caption above the table, e.g. `"Table 2: CIFAR-10-LT, imbalance 100"`. Default none. */
  caption?: string;
  /** Digits after the decimal point of percentages. Default 1, as the papers print them. */
  digits?: number;
  /** Show our minus the paper's value in percentage points. Default true. */
  showDelta?: boolean;
  /**
   * Show the paper's values beside ours. Default true; false for a table of
   * our numbers only (then `paper` values are an error, and no Δ is shown).
   */
  showPaper?: boolean;
}

/** A rendered comparison table; displayable by Deno's Jupyter kernel. */
export interface ComparisonTable extends Displayable {
  /** The table as HTML (a `<table class="btm-table">`). */
  readonly html: string;
  /** The table as aligned plain text. */
  readonly text: string;
}

/** Text our column shows for a method we do not implement. */
export const NOT_IMPLEMENTED = "not implemented";
const MISSING = "—";

/**
 * Renders rows as a table with, per metric, our value, the paper's value and
 * (optionally) the difference in percentage points. Values are fractions in
 * [0, 1] and are shown as percentages; anything else throws, naming the row
 * and column.
 *
 * @example
 * ```ts
 * import { comparisonTable } from "./comparison_table.ts";
 * const t = comparisonTable(
 *   [{ method: "CE", ours: { h: 0.41 }, paper: { h: 0.43 } }, { method: "LDAM", ours: null }],
 *   { columns: [{ key: "h", label: "H-mean" }] },
 * );
 * if (!t.html.includes("41.0") || !t.html.includes("not implemented")) throw new Error();
 * ```
 */
export function comparisonTable(
  rows: ComparisonRow[],
  options: ComparisonTableOptions,
): ComparisonTable {
  const { columns, caption } = options;
  if (!columns || columns.length === 0) {
    throw new TypeError("Cannot render a paper table without columns: give options.columns");
  }
  const digits = options.digits ?? 1;
  const showPaper = options.showPaper ?? true;
  const showDelta = showPaper && (options.showDelta ?? true);
  const kinds = new Map(columns.map((c) => [c.key, c.kind ?? "fraction"]));
  for (const [key, kind] of kinds) {
    if (!["fraction", "change", "count"].includes(kind)) {
      throw new RangeError(
        `Cannot render column "${key}": kind ${
          JSON.stringify(kind)
        } is not fraction, change or count`,
      );
    }
  }
  for (const row of rows) {
    if (!showPaper && row.paper !== undefined && Object.keys(row.paper).length > 0) {
      throw new RangeError(
        `Cannot render row "${row.method}" without paper columns: it has paper values`,
      );
    }
    for (
      const [side, record] of [["ours", row.ours], ["ours sd", row.oursSd], [
        "paper",
        row.paper,
      ]] as const
    ) {
      for (const [key, value] of Object.entries(record ?? {})) {
        const kind = kinds.get(key);
        if (kind === undefined) {
          throw new RangeError(
            `Cannot render row "${row.method}": ${side} has metric "${key}", which is not a ` +
              `column (columns: ${[...kinds.keys()].join(", ")})`,
          );
        }
        checkValue(value, kind, `${side} ${row.method}/${key}`);
      }
    }
  }
  const show = (v: number | undefined, kind: ColumnKind) => {
    if (v === undefined) return MISSING;
    if (kind === "count") return String(v);
    if (kind === "change") return signedPoints(v * 100, digits);
    return formatFraction(v, { digits, percentSign: false });
  };
  const spread = (v: number, kind: ColumnKind) =>
    kind === "count" ? v.toFixed(1) : (v * 100).toFixed(digits);
  const delta = (a: number | undefined, b: number | undefined, kind: ColumnKind) => {
    if (a === undefined || b === undefined) return MISSING;
    const d = kind === "count" ? a - b : (a - b) * 100;
    return (d > 0 ? "+" : d < 0 ? "−" : "±") + Math.abs(d).toFixed(kind === "count" ? 0 : digits);
  };
  const sub = showDelta ? ["ours", "paper", "Δ"] : showPaper ? ["ours", "paper"] : ["ours"];
  const mapped = rows.some((r) => r.paperMethod !== undefined);

  // Cells as text, shared by the HTML and plain-text forms.
  const body = rows.map((row) => {
    const cells: string[] = [row.method];
    if (mapped) cells.push(row.paperMethod ?? MISSING);
    for (const c of columns) {
      const kind = c.kind ?? "fraction";
      const ours = row.ours === null ? undefined : row.ours[c.key];
      const sd = row.oursSd?.[c.key];
      const paper = row.paper?.[c.key];
      const oursText = row.ours === null ? NOT_IMPLEMENTED : show(ours, kind) +
        (ours !== undefined && sd !== undefined ? ` ± ${spread(sd, kind)}` : "");
      cells.push(oursText);
      if (showPaper) cells.push(show(paper, kind));
      if (showDelta) cells.push(row.ours === null ? MISSING : delta(ours, paper, kind));
    }
    return { cells, notImplemented: row.ours === null };
  });

  const unit = (c: ComparisonColumn) =>
    (c.kind ?? "fraction") === "fraction" ? " (%)" : c.kind === "change" ? " (points)" : "";
  const head1 = `<tr><th rowspan="2">Method</th>` +
    (mapped ? `<th rowspan="2">Paper row</th>` : "") +
    columns.map((c) => `<th colspan="${sub.length}">${escapeHtml(c.label)}${unit(c)}</th>`).join(
      "",
    ) +
    `</tr>`;
  const head2 = `<tr>${columns.map(() => sub.map((s) => `<th>${s}</th>`).join("")).join("")}</tr>`;
  const trs = body.map(({ cells, notImplemented }) =>
    `<tr${notImplemented ? ' class="btm-not-implemented"' : ""}>` +
    cells.map((c, i) =>
      i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`
    )
      .join("") +
    `</tr>`
  );
  const html = `<table class="btm-table">` +
    (caption ? `<caption>${escapeHtml(caption)}</caption>` : "") +
    `<thead>${head1}${head2}</thead><tbody>${trs.join("")}</tbody></table>`;

  const header = [
    "Method",
    ...(mapped ? ["Paper row"] : []),
    ...columns.flatMap((c) => sub.map((s) => `${c.label} ${s}`)),
  ];
  const grid = [header, ...body.map((b) => b.cells)];
  const widths = header.map((_, i) => Math.max(...grid.map((r) => r[i].length)));
  const text = (caption ? caption + "\n" : "") +
    grid.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");

  const data = { caption: caption ?? null, columns, rows };
  return {
    html,
    text,
    [JUPYTER_DISPLAY]: (): MimeBundle => ({
      "text/html": html,
      "text/plain": text,
      [TABLE_MIME]: data,
    }),
  };
}

function signedPoints(points: number, digits: number): string {
  const text = Math.abs(points).toFixed(digits);
  if (Number(text) === 0) return `±${text}`;
  return (points > 0 ? "+" : "−") + text;
}

function checkValue(value: number, kind: ColumnKind, what: string): void {
  if (kind === "fraction") return checkFraction(value, what);
  if (kind === "change") {
    if (typeof value !== "number" || !Number.isFinite(value) || value < -1 || value > 1) {
      throw new RangeError(
        `Cannot show ${what} ${value} as a change: changes of metrics are fractions in [−1, 1] ` +
          `(write +2.3 points as 0.023)`,
      );
    }
    return;
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`Cannot show ${what} ${value} as a count: it must be a number >= 0`);
  }
}
