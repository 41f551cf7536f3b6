/**
 * How notebook 04 shows each of BTM Tables 2–4 (one per benchmark stand-in):
 * a line on what ran, the table, and H-mean without and with BTM (the
 * verdict is `btmEffectVerdict`).
 * No tfjs.
 *
 * @module
 */
import {
  type ComparisonTable,
  comparisonTable,
  groupedBars,
  type PlotlyFigure,
} from "../../report/mod.ts";
import type { MethodComparisonResult } from "../sections/method_comparison.ts";
import { summaryColumns, TABLE_METRICS } from "./summary_row.ts";

/** Which of the paper's tables a method comparison reproduces. */
export interface TableRef {
  /** The table, e.g. `Table 2`. */
  table: string;
  /** Where the paper makes its claim, e.g. `BTM paper, Table 2 (Places-LT)`. */
  source: string;
}

/** What a method comparison ran on, its time, and each model's classes at zero recall, in one line. */
export function methodComparisonSummary(result: MethodComparisonResult): string {
  const c = result.config;
  return `${result.data.name}: pretrain ${c.pretrain.epochs} epochs; BTM N_D = ${c.btm.subsets}, ` +
    `N_C = ${c.btm.perClass}, ${c.btm.epochs} epochs; classifier stages ${c.postTrain.epochs} epochs; ` +
    `${result.timings.total.toFixed(0)} s; classes with zero test recall: ` +
    result.runs.map((r) => `${r.label} ${r.summary.zeroClasses}`).join(", ");
}

/** The table of a method comparison: each method without and with BTM, then those not implemented. */
export function methodComparisonTable(
  result: MethodComparisonResult,
  paper: Pick<TableRef, "table">,
): ComparisonTable {
  return comparisonTable(result.table, {
    caption:
      `${paper.table} (ours, ${result.data.name}, ${result.data.numClasses} classes): test metrics without and with BTM (the paper's values are not in this build)`,
    columns: summaryColumns({ metrics: TABLE_METRICS }),
    showDelta: false,
    digits: 2,
  });
}

/** Each method's test H-mean without and with BTM. */
export function methodComparisonFigure(result: MethodComparisonResult): PlotlyFigure {
  const per = result.effect.perMethod;
  return groupedBars(
    per.map((m) => m.method),
    {
      "without BTM": per.map((m) => m.base.harmonicMean),
      "with BTM": per.map((m) => m.btm.harmonicMean),
    },
    {
      title: `Test H-mean without and with BTM (${result.data.name})`,
      yTitle: "H-mean",
      yFormat: ".2%",
      fromZero: false,
    },
  );
}
