/**
 * Tables of results measured on several seeds, with the paper beside ours:
 * each row is one of our models (its metrics' mean ± standard deviation over
 * the seeds, and the number of classes at zero recall beside the H-mean) and
 * the paper row it stands for; methods we do not implement keep the paper's
 * numbers with "not implemented". No tfjs.
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";
import {
  type ComparisonColumn,
  type ComparisonRow,
  type ComparisonTable,
  comparisonTable,
  seedStats,
} from "../../report/mod.ts";
import { paperFractions, percentToFraction } from "./paper_verdict.ts";
import { SUMMARY_LABELS, type SummaryMetric } from "./summary_row.ts";

/** The seed of each result, in order. */
export function seedsOf(results: readonly { seed: number }[]): number[] {
  if (!Array.isArray(results) || results.length === 0) {
    throw new RangeError("Cannot read seeds of no results: give one result per seed");
  }
  return results.map((r) => r.seed);
}

/** `pick` of each result, in seed order: one value per seed for a verdict's side. */
export function perSeed<R>(results: readonly R[], pick: (r: R) => number): number[] {
  if (!Array.isArray(results) || results.length === 0) {
    throw new RangeError("Cannot read per-seed values of no results: give one result per seed");
  }
  return results.map(pick);
}

/** A paper table row: the table id and the row's `method` label. */
export interface PaperRowRef {
  /** Paper table id, e.g. `table5`. */
  table: string;
  /** Its row, as `paperTable(id).rows[].method`, e.g. `Stage2`. */
  row: string;
}

/** Numbers the paper states outside its tables (in its text), for a row that has no table row. */
export interface PaperValues {
  /** What the paper calls the model, and where it says it, e.g. `f^D (§3.2)`. */
  label: string;
  /** Its values in percent as printed, by our metric names. */
  values: Partial<Record<SummaryMetric, number>>;
}

/** One row of {@linkcode seedTable}: one of our models, on every seed, and the paper row it stands for. */
export interface SeedTableRow {
  /** Our row's name. */
  label: string;
  /** Its test summary on each seed, in seed order. */
  summaries: readonly RecallSummary[];
  /** The paper row it stands for (a table row, or numbers of its text); absent when the paper has none. */
  paper?: PaperRowRef | PaperValues;
  /** The paper row's name as shown in the "Paper row" column; default the row's (or the values' label). */
  paperLabel?: string;
}

function paperOf(ref: PaperRowRef | PaperValues): Partial<Record<SummaryMetric, number>> {
  if ("table" in ref) return paperFractions(ref.table, ref.row);
  return Object.fromEntries(
    Object.entries(ref.values).map(([k, v]) => [k, percentToFraction(v as number)]),
  );
}

/** A paper row we do not implement: the paper's numbers, "not implemented" on our side. */
export interface NotImplementedRow {
  /** The paper's row. */
  paper: PaperRowRef;
  /** Our row's name; default the paper's. */
  label?: string;
}

/** Options of {@linkcode seedTable}. */
export interface SeedTableOptions {
  /** Caption above the table (say what ran, on which stand-in). Required. */
  caption: string;
  /** Metric columns, in order; default H-mean, G-mean, lowest recall, accuracy (the paper's). */
  metrics?: readonly SummaryMetric[];
  /** A column "zero-recall classes" after the H-mean; default true (an H-mean with zero-recall classes is mostly that count). */
  zeroClasses?: boolean;
  /** Digits after the decimal point; default 2, as the papers print them. */
  digits?: number;
}

const DEFAULT_METRICS: readonly SummaryMetric[] = [
  "harmonicMean",
  "geometricMean",
  "lowestRecall",
  "accuracy",
];

/** The columns of {@linkcode seedTable}: the metrics, with the zero-recall count after the H-mean. */
export function seedColumns(
  metrics: readonly SummaryMetric[] = DEFAULT_METRICS,
  zeroClasses = true,
): ComparisonColumn[] {
  const out: ComparisonColumn[] = [];
  for (const m of metrics) {
    out.push({ key: m, label: SUMMARY_LABELS[m] });
    if (m === "harmonicMean" && zeroClasses) {
      out.push({ key: "zeroClasses", label: "zero-recall classes", kind: "count" });
    }
  }
  if (zeroClasses && !metrics.includes("harmonicMean")) {
    out.push({ key: "zeroClasses", label: "zero-recall classes", kind: "count" });
  }
  return out;
}

/**
 * A row of our metrics' means over seeds (and their standard deviations with
 * several seeds), with the paper row's values.
 */
export function seedRow(
  row: SeedTableRow,
  metrics: readonly SummaryMetric[] = DEFAULT_METRICS,
  zeroClasses = true,
): ComparisonRow {
  if (!Array.isArray(row.summaries) || row.summaries.length === 0) {
    throw new RangeError(`Cannot show row "${row.label}": it has no summary (one per seed)`);
  }
  const ours: Record<string, number> = {};
  const sd: Record<string, number> = {};
  const keys: (SummaryMetric | "zeroClasses")[] = [
    ...metrics,
    ...(zeroClasses ? ["zeroClasses" as const] : []),
  ];
  for (const k of keys) {
    const values = row.summaries.map((s) => s[k]).filter((v): v is number => typeof v === "number");
    if (values.length !== row.summaries.length) continue; // a metric some seeds lack: not shown
    const st = seedStats(values);
    ours[k] = st.mean;
    if (st.sd !== null) sd[k] = st.sd;
  }
  const out: ComparisonRow = { method: row.label, ours };
  if (Object.keys(sd).length > 0) out.oursSd = sd;
  if (row.paper) {
    const all = paperOf(row.paper);
    out.paper = Object.fromEntries(
      Object.entries(all).filter(([k]) => (metrics as readonly string[]).includes(k)),
    );
    out.paperMethod = row.paperLabel ?? ("table" in row.paper ? row.paper.row : row.paper.label);
  }
  return out;
}

/**
 * Our rows beside the paper's: each of our models (mean ± sd over seeds, the
 * zero-recall count beside the H-mean), the paper row it stands for, and the
 * paper rows we do not implement ("not implemented" on our side).
 *
 * @example
 * ```ts
 * import { seedTable } from "./seed_table.ts";
 * const s = (h: number) => ({ harmonicMean: h, geometricMean: h, lowestRecall: 0, accuracy: h, zeroClasses: 2 });
 * const t = seedTable([{ label: "f", summaries: [s(0.01), s(0.03)], paper: { table: "table5", row: "Stage1" } }], { caption: "x" });
 * if (!t.html.includes("<td>2.00 ± 1.41</td><td>1.47</td>")) throw new Error(t.html);
 * ```
 */
export function seedTable(
  rows: readonly (SeedTableRow | NotImplementedRow)[],
  options: SeedTableOptions,
): ComparisonTable {
  const metrics = options.metrics ?? DEFAULT_METRICS;
  const zero = options.zeroClasses ?? true;
  const out: ComparisonRow[] = rows.map((r) => {
    if ("summaries" in r) return seedRow(r, metrics, zero);
    const all = paperFractions(r.paper.table, r.paper.row);
    return {
      method: r.label ?? r.paper.row,
      ours: null,
      paper: Object.fromEntries(
        Object.entries(all).filter(([k]) => (metrics as readonly string[]).includes(k)),
      ),
      paperMethod: r.paper.row,
    };
  });
  const showPaper = rows.some((r) => r.paper !== undefined);
  return comparisonTable(out, {
    caption: options.caption,
    columns: seedColumns(metrics, zero),
    digits: options.digits ?? 2,
    showPaper,
    showDelta: showPaper,
  });
}

/** One row of {@linkcode changeTable}: our change from `from` to `to` on every seed, and the paper's. */
export interface ChangeRow {
  /** What changes, e.g. `MiSLAS → MiSLAS + BTM`. */
  label: string;
  /** The model before, on each seed. */
  from: readonly RecallSummary[];
  /** The model after, on each seed. */
  to: readonly RecallSummary[];
  /** The paper's rows before and after, when it prints them. */
  paper?: { from: PaperRowRef; to: PaperRowRef };
}

/**
 * Effects side by side: for each row, our change of each metric (after minus
 * before, mean ± sd over seeds, in points) beside the paper's change.
 */
export function changeTable(
  rows: readonly ChangeRow[],
  options: Omit<SeedTableOptions, "zeroClasses">,
): ComparisonTable {
  const metrics = options.metrics ?? DEFAULT_METRICS;
  const out: ComparisonRow[] = rows.map((r) => {
    if (r.from.length !== r.to.length || r.from.length === 0) {
      throw new RangeError(
        `Cannot show the change "${r.label}": ${r.from.length} seeds before, ${r.to.length} after`,
      );
    }
    const ours: Record<string, number> = {};
    const sd: Record<string, number> = {};
    for (const m of metrics) {
      const d: number[] = [];
      for (let i = 0; i < r.from.length; i++) {
        const a = r.from[i][m], b = r.to[i][m];
        if (typeof a === "number" && typeof b === "number") d.push(b - a);
      }
      if (d.length !== r.from.length) continue;
      const st = seedStats(d);
      ours[m] = st.mean;
      if (st.sd !== null) sd[m] = st.sd;
    }
    const row: ComparisonRow = { method: r.label, ours };
    if (Object.keys(sd).length > 0) row.oursSd = sd;
    if (r.paper) {
      const a = paperFractions(r.paper.from.table, r.paper.from.row);
      const b = paperFractions(r.paper.to.table, r.paper.to.row);
      const paper: Record<string, number> = {};
      for (const m of metrics) {
        if (a[m] !== undefined && b[m] !== undefined) {
          paper[m] = Number((b[m]! - a[m]!).toPrecision(12));
        }
      }
      row.paper = paper;
      row.paperMethod = `${r.paper.from.row} → ${r.paper.to.row}`;
    }
    return row;
  });
  const showPaper = rows.some((r) => r.paper !== undefined);
  return comparisonTable(out, {
    caption: options.caption,
    columns: metrics.map((m) => ({ key: m, label: `Δ ${SUMMARY_LABELS[m]}`, kind: "change" })),
    digits: options.digits ?? 2,
    showPaper,
    showDelta: false,
  });
}
