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
   * Our metrics as fractions in [0, 1], keyed by column key; `null` for a
   * method we do not implement (the row then says "not implemented"). A key
   * missing from the record shows as "—" (not measured).
   */
  ours: Record<string, number> | null;
  /** The paper's metrics as fractions in [0, 1] (45.7% → 0.457); missing keys show "—". */
  paper?: Record<string, number>;
}

/** A column of a {@link comparisonTable}. */
export interface ComparisonColumn {
  /** Key into the rows' `ours`/`paper` records. */
  key: string;
  /** Header text, e.g. `"H-mean"`. */
  label: string;
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
  const showDelta = options.showDelta ?? true;
  const keys = new Set(columns.map((c) => c.key));
  for (const row of rows) {
    for (const [side, record] of [["ours", row.ours], ["paper", row.paper]] as const) {
      for (const [key, value] of Object.entries(record ?? {})) {
        if (!keys.has(key)) {
          throw new RangeError(
            `Cannot render row "${row.method}": ${side} has metric "${key}", which is not a ` +
              `column (columns: ${[...keys].join(", ")})`,
          );
        }
        checkFraction(value, `${side} ${row.method}/${key}`);
      }
    }
  }
  const pct = (v: number | undefined) =>
    v === undefined ? MISSING : formatFraction(v, { digits, percentSign: false });
  const delta = (a: number | undefined, b: number | undefined) => {
    if (a === undefined || b === undefined) return MISSING;
    const d = (a - b) * 100;
    return (d > 0 ? "+" : d < 0 ? "−" : "±") + Math.abs(d).toFixed(digits);
  };
  const sub = showDelta ? ["ours", "paper", "Δ"] : ["ours", "paper"];

  // Cells as text, shared by the HTML and plain-text forms.
  const body = rows.map((row) => {
    const cells: string[] = [row.method];
    for (const c of columns) {
      const ours = row.ours === null ? undefined : row.ours[c.key];
      const paper = row.paper?.[c.key];
      cells.push(row.ours === null ? NOT_IMPLEMENTED : pct(ours), pct(paper));
      if (showDelta) cells.push(row.ours === null ? MISSING : delta(ours, paper));
    }
    return { cells, notImplemented: row.ours === null };
  });

  const head1 = `<tr><th rowspan="2">Method</th>` +
    columns.map((c) => `<th colspan="${sub.length}">${escapeHtml(c.label)} (%)</th>`).join("") +
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
