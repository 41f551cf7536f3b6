/**
 * A model's recall summary as a row of a comparison table, and the columns
 * that go with it.
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";
import {
  type ComparisonColumn,
  type ComparisonRow,
  type ComparisonTable,
  comparisonTable,
} from "../../report/mod.ts";

/** The fraction-valued metrics of a {@linkcode RecallSummary}. */
export type SummaryMetric = Exclude<keyof RecallSummary, "zeroClasses">;

/** Column labels of the summary metrics, as the papers name them. */
export const SUMMARY_LABELS: Readonly<Record<SummaryMetric, string>> = {
  harmonicMean: "H-mean",
  geometricMean: "G-mean",
  accuracy: "Accuracy",
  lowestRecall: "Lowest recall",
  many: "Many",
  medium: "Medium",
  few: "Few",
};

/** Options of {@linkcode summaryRow} and {@linkcode summaryColumns}. */
export interface SummaryRowOptions {
  /**
   * Metrics to show, in order; default H-mean, G-mean, accuracy, lowest
   * recall (the papers' headline metrics).
   */
  metrics?: readonly SummaryMetric[];
  /** The paper's values for the row, fractions keyed by metric; default none (not in this build). */
  paper?: Partial<Record<SummaryMetric, number>>;
}

const DEFAULT_METRICS: readonly SummaryMetric[] = [
  "harmonicMean",
  "geometricMean",
  "accuracy",
  "lowestRecall",
];

/**
 * The columns of the papers' comparison tables (BTM Tables 2–6, 11–14): the
 * headline four in the tables' order, then the many/medium/few shot groups.
 */
export const TABLE_METRICS: readonly SummaryMetric[] = [
  "harmonicMean",
  "geometricMean",
  "lowestRecall",
  "accuracy",
  "many",
  "medium",
  "few",
];

/** Every summary metric in {@linkcode SUMMARY_LABELS} order: the headline four, then the shot groups. */
export const ALL_SUMMARY_METRICS: readonly SummaryMetric[] = Object.keys(
  SUMMARY_LABELS,
) as SummaryMetric[];

function checkMetrics(metrics: readonly SummaryMetric[]): void {
  for (const m of metrics) {
    if (!Object.hasOwn(SUMMARY_LABELS, m)) {
      throw new RangeError(
        `Unknown summary metric "${m}": valid metrics are ${
          Object.keys(SUMMARY_LABELS).join(", ")
        }`,
      );
    }
  }
}

/**
 * The row `{method, ours}` of `comparisonTable` with the chosen metrics of
 * `summary` (a metric the summary lacks, e.g. `many` without many-shot
 * classes, is left out and shows as "—").
 *
 * @example
 * ```ts
 * import { summaryRow } from "./summary_row.ts";
 * const s = { accuracy: 0.5, geometricMean: 0.3, harmonicMean: 0.18, lowestRecall: 0.1, zeroClasses: 0 };
 * if (summaryRow("f", s).ours!.harmonicMean !== 0.18) throw new Error();
 * ```
 */
export function summaryRow(
  method: string,
  summary: RecallSummary,
  options: SummaryRowOptions = {},
): ComparisonRow {
  const metrics = options.metrics ?? DEFAULT_METRICS;
  checkMetrics(metrics);
  const ours: Record<string, number> = {};
  for (const m of metrics) {
    const v = summary?.[m];
    if (v !== undefined) ours[m] = v;
  }
  return options.paper ? { method, ours, paper: options.paper } : { method, ours };
}

/** The columns matching {@linkcode summaryRow}'s metrics. */
export function summaryColumns(
  options: Pick<SummaryRowOptions, "metrics"> = {},
): ComparisonColumn[] {
  const metrics = options.metrics ?? DEFAULT_METRICS;
  checkMetrics(metrics);
  return metrics.map((key) => ({ key, label: SUMMARY_LABELS[key] }));
}

/** A row of {@linkcode summaryTable}: a ready row, or a label and the summary to show. */
export type SummaryTableRow = ComparisonRow | readonly [label: string, summary: RecallSummary];

/** Options of {@linkcode summaryTable}. */
export interface SummaryTableOptions {
  /** Caption above the table. Required: a table says what it shows. */
  caption: string;
  /** Metric columns, in order; default H-mean, G-mean, accuracy, lowest recall. */
  metrics?: readonly SummaryMetric[];
  /** Digits after the decimal point; default 1, as the papers print them. */
  digits?: number;
}

/**
 * A table of our numbers with the columns of `metrics` and no paper values:
 * the shape of every "ours only" table of the notebooks. A `[label,
 * summary]` row becomes `summaryRow(label, summary, { metrics })`.
 *
 * @example
 * ```ts
 * import { summaryTable } from "./summary_row.ts";
 * const s = { accuracy: 0.5, geometricMean: 0.3, harmonicMean: 0.18, lowestRecall: 0.1, zeroClasses: 0 };
 * if (!summaryTable([["f", s]], { caption: "ours" }).html.includes("<td>18.0</td>")) throw new Error();
 * ```
 */
export function summaryTable(
  rows: readonly SummaryTableRow[],
  options: SummaryTableOptions,
): ComparisonTable {
  const metrics = options.metrics;
  return comparisonTable(
    rows.map((r) => (Array.isArray(r) ? summaryRow(r[0], r[1], { metrics }) : r as ComparisonRow)),
    {
      caption: options.caption,
      columns: summaryColumns({ metrics }),
      showDelta: false,
      digits: options.digits,
    },
  );
}
