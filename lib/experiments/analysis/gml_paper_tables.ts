/**
 * How notebook 11 shows the GML paper's tables: each of our models beside the paper's row of the
 * same method (the paper's CIFAR100-LT numbers from `data/paper/gml.json`), the paper's methods
 * we do not implement with "not implemented", and a figure of the universality table. No tfjs.
 *
 * @module
 */
import { type PaperMetric, paperRow, paperTable } from "../../paper/mod.ts";
import {
  type ComparisonRow,
  type ComparisonTable,
  comparisonTable,
  groupedBars,
  type PlotlyFigure,
} from "../../report/mod.ts";
import {
  GML_BASE_NAMES,
  GML_BASES,
  type GmlBase,
  type GmlTablesModel,
} from "../sections/gml_bases.ts";
import type { GmlTablesResult } from "../sections/gml_tables.ts";
import { summaryColumns, type SummaryMetric } from "./summary_row.ts";

/** Our summary metric of each paper metric. */
const METRIC_OF: Readonly<Record<PaperMetric, SummaryMetric>> = {
  hMean: "harmonicMean",
  gMean: "geometricMean",
  lowestRecall: "lowestRecall",
  accuracy: "accuracy",
};

/**
 * The paper's values of one row of a GML table as fractions keyed by our summary metrics
 * (`harmonicMean`, …), read through the table's column → metric map.
 *
 * @example
 * ```ts
 * import { gmlPaperValues } from "./gml_paper_tables.ts";
 * const v = gmlPaperValues("gml-table6", "CE + GML");
 * if (Math.abs(v.harmonicMean! - 0.3126) > 1e-12) throw new Error();
 * ```
 */
export function gmlPaperValues(
  tableId: string,
  method: string,
): Partial<Record<SummaryMetric, number>> {
  const table = paperTable(tableId);
  const row = paperRow(tableId, method);
  const out: Partial<Record<SummaryMetric, number>> = {};
  for (const [column, metric] of Object.entries(table.metrics ?? {})) {
    const v = row.values[column];
    if (typeof v === "number") out[METRIC_OF[metric]] = v / 100;
  }
  return out;
}

function ours(
  summary: Partial<Record<SummaryMetric, number>>,
  metrics: readonly SummaryMetric[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metrics) {
    const v = summary[m];
    if (typeof v === "number") out[m] = v;
  }
  return out;
}

function restrict(
  values: Partial<Record<SummaryMetric, number>>,
  metrics: readonly SummaryMetric[],
): Record<string, number> {
  return ours(values, metrics);
}

/** A row of ours beside the paper's row `paperMethod` of `tableId` (none: ours only). */
function row(
  label: string,
  result: Pick<GmlTablesResult, "models">,
  model: GmlTablesModel,
  metrics: readonly SummaryMetric[],
  paper?: [tableId: string, method: string],
): ComparisonRow {
  return {
    method: label,
    ours: ours(result.models[model].summary, metrics),
    ...(paper ? { paper: restrict(gmlPaperValues(...paper), metrics) } : {}),
  };
}

/** Rows of the paper's methods we do not implement: the paper's numbers, ours "not implemented". */
function notImplemented(
  tableId: string,
  methods: readonly string[],
  metrics: readonly SummaryMetric[],
): ComparisonRow[] {
  return methods.map((method) => ({
    method,
    ours: null,
    paper: restrict(gmlPaperValues(tableId, method), metrics),
  }));
}

function table(
  caption: string,
  rows: ComparisonRow[],
  metrics: readonly SummaryMetric[],
): ComparisonTable {
  return comparisonTable(rows, {
    caption,
    columns: summaryColumns({ metrics }),
    showDelta: false,
    digits: 2,
  });
}

const pairText = (entry: { temperatures?: { tOld: number; tNew: number } }) =>
  entry.temperatures ? `${entry.temperatures.tOld}/${entry.temperatures.tNew}` : "?";

const where = (r: Pick<GmlTablesResult, "data">) =>
  `ours: ${r.data.name}, ${r.data.numClasses} classes, test split; paper: CIFAR100-LT`;

const T3_METRICS: readonly SummaryMetric[] = [
  "accuracy",
  "geometricMean",
  "harmonicMean",
  "lowestRecall",
];
const G_H_LOW: readonly SummaryMetric[] = ["geometricMean", "harmonicMean", "lowestRecall"];

/** Methods of the paper's Table 3 we do not implement. */
export const GML_TABLE_3_NOT_IMPLEMENTED: readonly string[] = [
  "LDAM",
  "LADE",
  "DiVE",
  "RIDE",
  "PaCo",
  "PaCo + GML",
  "PaCo + GML (Ensemble)",
];

/**
 * GML Table 3 (Accuracy, G, H, lowest recall): our three bases without GML, with GML and with
 * both ensembles, beside the paper's rows where it has the same method; then the paper's
 * methods we do not implement.
 */
export function gmlTable3(
  result: Pick<GmlTablesResult, "models" | "data" | "temperatures">,
): ComparisonTable {
  const rows: ComparisonRow[] = [];
  const paper3 = new Set(paperTable("gml-table3").rows.map((r) => r.method));
  for (const base of GML_BASE_NAMES) {
    const def = GML_BASES[base];
    const p = def.paperLabel;
    const t = result.temperatures[base];
    rows.push(
      row(def.label, result, base, T3_METRICS, paper3.has(p) ? ["gml-table3", p] : undefined),
      row(
        `${def.label} + GML`,
        result,
        `${base}+gml`,
        T3_METRICS,
        paper3.has(`${p} + GML`) ? ["gml-table3", `${p} + GML`] : undefined,
      ),
      row(
        `${def.label} + GML (Ensemble, t = ${pairText(result.models[`${base}+gml-ensemble`])})`,
        result,
        `${base}+gml-ensemble`,
        T3_METRICS,
      ),
      row(
        `${def.label} + GML (Ensemble, t = ${t.tOld}/${t.tNew} chosen on val)`,
        result,
        `${base}+gml-ensemble-val`,
        T3_METRICS,
      ),
    );
  }
  return table(
    `GML Table 3 (${where(result)}): each base method, + GML, and + GML's ensemble`,
    [...rows, ...notImplemented("gml-table3", GML_TABLE_3_NOT_IMPLEMENTED, T3_METRICS)],
    T3_METRICS,
  );
}

/** GML Table 6 (universality, no ensemble): each base and base + GML, beside the paper's. */
export function gmlTable6(result: Pick<GmlTablesResult, "models" | "data">): ComparisonTable {
  const rows: ComparisonRow[] = GML_BASE_NAMES.flatMap((base) => {
    const def = GML_BASES[base];
    return [
      row(def.label, result, base, G_H_LOW, ["gml-table6", def.paperLabel]),
      row(`${def.label} + GML`, result, `${base}+gml`, G_H_LOW, [
        "gml-table6",
        `${def.paperLabel} + GML`,
      ]),
    ];
  });
  return table(
    `GML Table 6 (${where(result)}): GML on each base method, no ensemble`,
    [...rows, ...notImplemented("gml-table6", ["PaCo", "PaCo + GML"], G_H_LOW)],
    G_H_LOW,
  );
}

/** Our base methods in the order of their test accuracy (lowest first), as GML Table 1 lists them. */
export function basesByAccuracy(result: Pick<GmlTablesResult, "models">): GmlBase[] {
  return [...GML_BASE_NAMES].sort((a, b) =>
    result.models[a].summary.accuracy - result.models[b].summary.accuracy
  );
}

/** GML Table 1: mean accuracy and lowest recall of our base methods, by accuracy, beside the paper's. */
export function gmlTable1(result: Pick<GmlTablesResult, "models" | "data">): ComparisonTable {
  const metrics: readonly SummaryMetric[] = ["accuracy", "lowestRecall"];
  const paper1 = new Set(paperTable("gml-table1").rows.map((r) => r.method));
  const rows = basesByAccuracy(result).map((base) => {
    const p = GML_BASES[base].paperLabel;
    return row(
      GML_BASES[base].label,
      result,
      base,
      metrics,
      paper1.has(p) ? ["gml-table1", p] : undefined,
    );
  });
  return table(
    `GML Table 1 (${where(result)}): lowest per-class recall against mean accuracy`,
    [...rows, ...notImplemented("gml-table1", ["DiVE", "RIDE", "PaCo"], metrics)],
    metrics,
  );
}

/**
 * GML Table 7 on one base's ensemble: G, H and lowest recall on the test split at each pair of
 * t_old, t_new ∈ {1, 2, 3}, beside the paper's (PaCo + GML) where it prints the pair; then the
 * same pairs' validation H-mean, on which the temperatures were chosen.
 */
export function gmlTable7(
  result: Pick<GmlTablesResult, "table7" | "data" | "temperatures">,
  base: GmlBase = "ce",
): { test: ComparisonTable; val: ComparisonTable } {
  const label = GML_BASES[base].label;
  const rows = result.table7[base];
  const testRows: ComparisonRow[] = rows.map((t) => {
    const method = `t_old = ${t.tOld}, t_new = ${t.tNew}`;
    return {
      method,
      ours: ours(t.test, G_H_LOW),
      ...(t.printed ? { paper: restrict(gmlPaperValues("gml-table7", method), G_H_LOW) } : {}),
    };
  });
  const chosen = result.temperatures[base];
  return {
    test: table(
      `GML Table 7 (${
        where(result)
      }): the ${label} + GML ensemble at each temperature pair, test split (paper: PaCo + GML; it prints 7 of the 9 pairs)`,
      testRows,
      G_H_LOW,
    ),
    val: table(
      `GML Table 7, validation split (${result.data.name}): the same pairs of the ${label} + GML ensemble, where t_old = ${chosen.tOld}, t_new = ${chosen.tNew} was chosen from the ${chosen.trail.length}-pair grid (max ${chosen.metric})`,
      rows.map((t) => ({
        method: `t_old = ${t.tOld}, t_new = ${t.tNew}`,
        ours: ours(t.val, G_H_LOW),
      })),
      G_H_LOW,
    ),
  };
}

/** GML Table 8: CE + GML, without re-weighting, and without re-weighting but re-sampled. */
export function gmlTable8(result: Pick<GmlTablesResult, "models" | "data">): ComparisonTable {
  return table(
    `GML Table 8 (${where(result)}): the re-weighting of Eq. (3)`,
    [
      row("CE + GML", result, "ce+gml", G_H_LOW, ["gml-table8", "CE + GML"]),
      row("CE + GML (w/o re-weighting)", result, "ce+gml-no-reweight", G_H_LOW, [
        "gml-table8",
        "CE + GML (w/o re-weighting)",
      ]),
      row(
        "CE + GML (w/o re-weighting, re-sampling)",
        result,
        "ce+gml-no-reweight-resampled",
        G_H_LOW,
        ["gml-table8", "CE + GML (w/o re-weighting, re-sampling)"],
      ),
    ],
    G_H_LOW,
  );
}

/** GML Table 9: GML from scratch against CE + GML; our MiSLAS-style + GML where the paper has PaCo + GML. */
export function gmlTable9(result: Pick<GmlTablesResult, "models" | "data">): ComparisonTable {
  return table(
    `GML Table 9 (${where(result)}): GML trained from scratch against GML as a fine-tune`,
    [
      row("CE + GML", result, "ce+gml", G_H_LOW, ["gml-table9", "CE + GML"]),
      row("MiSLAS-style + GML (ours; no paper row)", result, "mislas+gml", G_H_LOW),
      ...notImplemented("gml-table9", ["PaCo + GML"], G_H_LOW),
      row("GML (train from scratch)", result, "gml-scratch", G_H_LOW, [
        "gml-table9",
        "GML (train from scratch)",
      ]),
    ],
    G_H_LOW,
  );
}

/** GML appendix Table 1: GML against the classifier retrained with re-weighted CE or re-sampled CE. */
export function gmlAppendixTable1(
  result: Pick<GmlTablesResult, "models" | "data">,
): ComparisonTable {
  const id = "gml-appendix-table1";
  return table(
    `GML appendix Table 1 (${
      where(result)
    }): better baselines, the same fine-tune with another loss`,
    [
      row("CE + GML", result, "ce+gml", G_H_LOW, [id, "CE + GML"]),
      row("CE + CE (re-weighting: balanced softmax)", result, "ce+ce-reweighted", G_H_LOW, [
        id,
        "CE + CE (re-weighting)",
      ]),
      row("CE + CE (re-sampling: class-balanced)", result, "ce+ce-resampled", G_H_LOW, [
        id,
        "CE + CE (re-sampling)",
      ]),
    ],
    G_H_LOW,
  );
}

/** Test H-mean of each base, + GML and both ensembles: the figure of the universality table. */
export function gmlUniversalityFigure(
  result: Pick<GmlTablesResult, "models" | "data">,
): PlotlyFigure {
  const labels = GML_BASE_NAMES.map((b) => GML_BASES[b].label);
  const at = (suffix: string) =>
    GML_BASE_NAMES.map((b) =>
      result.models[`${b}${suffix}` as GmlTablesModel].summary.harmonicMean
    );
  return groupedBars(
    labels,
    {
      base: at(""),
      "+ GML": at("+gml"),
      "+ GML ensemble (config t)": at("+gml-ensemble"),
      "+ GML ensemble (val)": at("+gml-ensemble-val"),
    },
    {
      title: `Test H-mean of each base method without and with GML (${result.data.name})`,
      yTitle: "H-mean",
      yFormat: ".1%",
    },
  );
}
