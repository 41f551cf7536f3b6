/**
 * How notebook 11 shows the GML paper's tables: each of our models (mean ± sd over the seeds of
 * `gml-tables`, or the one seed of `gml-ablations`) beside the paper's row of the same method
 * (its CIFAR100-LT numbers from `data/paper/gml.json`), the paper's methods we do not implement
 * with "not implemented", and a figure of the universality table. No tfjs.
 *
 * @module
 */
import { type PaperMetric, paperRow, paperTable } from "../../paper/mod.ts";
import type { RecallSummary } from "../../metrics/mod.ts";
import { type ComparisonTable, groupedBars, type PlotlyFigure } from "../../report/mod.ts";
import { GML_BASE_NAMES, GML_BASES, type GmlBase } from "../sections/gml_bases.ts";
import type {
  GmlAblationModel,
  GmlAblationsResult,
  GmlBaseModel,
  GmlTablesResult,
} from "../sections/gml_tables.ts";
import { type NotImplementedRow, seedTable, type SeedTableRow } from "./seed_table.ts";
import type { SummaryMetric } from "./summary_row.ts";

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

type Results<M extends string> = readonly { models: Record<M, { summary: RecallSummary }> }[];

/** A row of ours (one summary per seed) beside the paper's row `paper` of `table`, if it has one. */
function ours<M extends string>(
  label: string,
  results: Results<M>,
  model: M,
  table?: string,
  paper?: string,
): SeedTableRow {
  const has = table !== undefined && paper !== undefined &&
    paperTable(table).rows.some((r) => r.method === paper);
  return {
    label,
    summaries: results.map((r) => r.models[model].summary),
    ...(has ? { paper: { table: table!, row: paper! } } : {}),
  };
}

/** Rows of the paper's methods we do not implement: the paper's numbers, ours "not implemented". */
function notImplemented(table: string, methods: readonly string[]): NotImplementedRow[] {
  return methods.map((row) => ({ paper: { table, row }, label: `${row} (not implemented)` }));
}

const where = (r: { data: { name: string; numClasses: number } }, seeds: number) =>
  `ours: ${r.data.name}, ${r.data.numClasses} classes, test split, ${seeds} seed${
    seeds === 1 ? "" : "s"
  }; paper: CIFAR100-LT`;

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

type TablesInput = Pick<GmlTablesResult, "models" | "data" | "temperatures">;

function pairs(results: readonly TablesInput[], base: GmlBase, model: GmlBaseModel): string {
  const seen = [
    ...new Set(results.map((r) => {
      const t = (r.models[model] as { temperatures?: { tOld: number; tNew: number } })
        .temperatures;
      return t
        ? `${t.tOld}/${t.tNew}`
        : `${r.temperatures[base].tOld}/${r.temperatures[base].tNew}`;
    })),
  ];
  return seen.join(", ");
}

/**
 * GML Table 3 (Accuracy, G, H, lowest recall): our three bases without GML, with GML and with
 * both ensembles (mean ± sd over seeds), beside the paper's rows where it has the same method;
 * then the paper's methods we do not implement.
 */
export function gmlTable3(results: readonly TablesInput[]): ComparisonTable {
  const rows: (SeedTableRow | NotImplementedRow)[] = [];
  for (const base of GML_BASE_NAMES) {
    const { label, paperLabel: p } = GML_BASES[base];
    const e = `${base}+gml-ensemble` as GmlBaseModel;
    const v = `${base}+gml-ensemble-val` as GmlBaseModel;
    rows.push(
      ours(label, results, base, "gml-table3", p),
      ours(`${label} + GML`, results, `${base}+gml` as GmlBaseModel, "gml-table3", `${p} + GML`),
      ours(`${label} + GML (Ensemble, t = ${pairs(results, base, e)})`, results, e),
      ours(
        `${label} + GML (Ensemble, t = ${pairs(results, base, v)} chosen on val)`,
        results,
        v,
      ),
    );
  }
  return seedTable([...rows, ...notImplemented("gml-table3", GML_TABLE_3_NOT_IMPLEMENTED)], {
    caption: `GML Table 3 (${
      where(results[0], results.length)
    }): each base method, + GML, and + GML's ensemble`,
    metrics: T3_METRICS,
  });
}

/** GML Table 6 (universality, no ensemble): each base and base + GML, beside the paper's. */
export function gmlTable6(results: readonly TablesInput[]): ComparisonTable {
  const rows = GML_BASE_NAMES.flatMap((base) => {
    const { label, paperLabel: p } = GML_BASES[base];
    return [
      ours(label, results, base, "gml-table6", p),
      ours(`${label} + GML`, results, `${base}+gml` as GmlBaseModel, "gml-table6", `${p} + GML`),
    ];
  });
  return seedTable([...rows, ...notImplemented("gml-table6", ["PaCo", "PaCo + GML"])], {
    caption: `GML Table 6 (${
      where(results[0], results.length)
    }): GML on each base method, no ensemble`,
    metrics: G_H_LOW,
  });
}

/** Our base methods in the order of their mean test accuracy (lowest first), as GML Table 1 lists them. */
export function basesByAccuracy(results: readonly Pick<GmlTablesResult, "models">[]): GmlBase[] {
  const mean = (b: GmlBase) =>
    results.reduce((s, r) => s + r.models[b].summary.accuracy, 0) / results.length;
  return [...GML_BASE_NAMES].sort((a, b) => mean(a) - mean(b));
}

/** GML Table 1: mean accuracy and lowest recall of our base methods, by accuracy, beside the paper's. */
export function gmlTable1(results: readonly TablesInput[]): ComparisonTable {
  const rows = basesByAccuracy(results).map((base) =>
    ours(GML_BASES[base].label, results, base, "gml-table1", GML_BASES[base].paperLabel)
  );
  return seedTable([...rows, ...notImplemented("gml-table1", ["DiVE", "RIDE", "PaCo"])], {
    caption: `GML Table 1 (${
      where(results[0], results.length)
    }): lowest per-class recall against mean accuracy`,
    metrics: ["accuracy", "lowestRecall"],
    zeroClasses: false,
  });
}

/**
 * GML Table 7 on one base's ensemble: G, H and lowest recall on the test split at each pair of
 * t_old, t_new ∈ {1, 2, 3} (mean ± sd over seeds), beside the paper's (PaCo + GML) where it
 * prints the pair; then the same pairs on the validation split, where the temperatures were
 * chosen.
 */
export function gmlTable7(
  results: readonly Pick<GmlTablesResult, "table7" | "data" | "temperatures">[],
  base: GmlBase = "ce",
): { test: ComparisonTable; val: ComparisonTable } {
  const label = GML_BASES[base].label;
  const grid = results[0].table7[base];
  const rowsOf = (split: "test" | "val") =>
    grid.map((t, i): SeedTableRow => {
      const method = `t_old = ${t.tOld}, t_new = ${t.tNew}`;
      return {
        label: method,
        summaries: results.map((r) => r.table7[base][i][split]),
        ...(split === "test" && t.printed ? { paper: { table: "gml-table7", row: method } } : {}),
      };
    });
  const chosen = [
    ...new Set(results.map((r) => `${r.temperatures[base].tOld}/${r.temperatures[base].tNew}`)),
  ];
  return {
    test: seedTable(rowsOf("test"), {
      caption: `GML Table 7 (${
        where(results[0], results.length)
      }): the ${label} + GML ensemble at each temperature pair, test split (paper: PaCo + GML; it prints 7 of the 9 pairs)`,
      metrics: G_H_LOW,
    }),
    val: seedTable(rowsOf("val"), {
      caption: `GML Table 7, validation split (${
        results[0].data.name
      }): the same pairs of the ${label} + GML ensemble; t_old/t_new chosen per seed (max ${
        results[0].temperatures[base].metric
      }): ${chosen.join(", ")}`,
      metrics: G_H_LOW,
    }),
  };
}

type AblationsInput = Pick<GmlAblationsResult, "models" | "data">;

function ablation(
  label: string,
  r: AblationsInput,
  model: GmlAblationModel,
  table?: string,
  paper?: string,
): SeedTableRow {
  return ours(label, [r], model, table, paper);
}

/** GML Table 8: CE + GML, without re-weighting, and without re-weighting but re-sampled. */
export function gmlTable8(result: AblationsInput): ComparisonTable {
  const t = "gml-table8";
  return seedTable([
    ablation("CE + GML", result, "ce+gml", t, "CE + GML"),
    ablation(
      "CE + GML (w/o re-weighting)",
      result,
      "ce+gml-no-reweight",
      t,
      "CE + GML (w/o re-weighting)",
    ),
    ablation(
      "CE + GML (w/o re-weighting, re-sampling)",
      result,
      "ce+gml-no-reweight-resampled",
      t,
      "CE + GML (w/o re-weighting, re-sampling)",
    ),
  ], {
    caption: `GML Table 8 (${where(result, 1)}): the re-weighting of Eq. (3)`,
    metrics: G_H_LOW,
  });
}

/** GML Table 9: GML from scratch against CE + GML; our MiSLAS-style + GML where the paper has PaCo + GML. */
export function gmlTable9(result: AblationsInput): ComparisonTable {
  const t = "gml-table9";
  return seedTable([
    ablation("CE + GML", result, "ce+gml", t, "CE + GML"),
    ablation("MiSLAS-style + GML (ours; no paper row)", result, "mislas+gml"),
    ...notImplemented(t, ["PaCo + GML"]),
    ablation("GML (train from scratch)", result, "gml-scratch", t, "GML (train from scratch)"),
  ], {
    caption: `GML Table 9 (${
      where(result, 1)
    }): GML trained from scratch against GML as a fine-tune`,
    metrics: G_H_LOW,
  });
}

/** GML appendix Table 1: GML against the classifier retrained with re-weighted CE or re-sampled CE. */
export function gmlAppendixTable1(result: AblationsInput): ComparisonTable {
  const t = "gml-appendix-table1";
  return seedTable([
    ablation("CE + GML", result, "ce+gml", t, "CE + GML"),
    ablation(
      "CE + CE (re-weighting: balanced softmax)",
      result,
      "ce+ce-reweighted",
      t,
      "CE + CE (re-weighting)",
    ),
    ablation(
      "CE + CE (re-sampling: class-balanced)",
      result,
      "ce+ce-resampled",
      t,
      "CE + CE (re-sampling)",
    ),
  ], {
    caption: `GML appendix Table 1 (${
      where(result, 1)
    }): better baselines, the same fine-tune with another loss`,
    metrics: G_H_LOW,
  });
}

/** Mean test H-mean over seeds of each base, + GML and both ensembles: the universality figure. */
export function gmlUniversalityFigure(
  results: readonly Pick<GmlTablesResult, "models" | "data">[],
): PlotlyFigure {
  const labels = GML_BASE_NAMES.map((b) => GML_BASES[b].label);
  const at = (suffix: string) =>
    GML_BASE_NAMES.map((b) =>
      results.reduce(
        (s, r) => s + r.models[`${b}${suffix}` as GmlBaseModel].summary.harmonicMean,
        0,
      ) / results.length
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
      title: `Test H-mean of each base method without and with GML (${
        results[0].data.name
      }, mean of ${results.length} seed${results.length === 1 ? "" : "s"})`,
      yTitle: "H-mean",
      yFormat: ".1%",
    },
  );
}
