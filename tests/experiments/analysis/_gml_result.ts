/**
 * Hand-made `gml-tables` and `gml-ablations` results for the analysis tests (test helper): every model's summary
 * set from four numbers, and Table 7 grids.
 *
 * @module
 */
import type { RecallSummary } from "../../../lib/metrics/mod.ts";
import {
  GML_TABLES_MODELS,
  type GmlAblationModel,
  type GmlAblationsResult,
  type GmlBase,
  type GmlTablesEntry,
  type GmlTablesModel,
  type GmlTablesResult,
  type Table7Row,
} from "../../../lib/experiments/sections/gml_tables.ts";

/** A summary from H, G, lowest recall and accuracy (fractions). */
export function summary(h: number, g: number, low: number, acc: number): RecallSummary {
  return { harmonicMean: h, geometricMean: g, lowestRecall: low, accuracy: acc, zeroClasses: 0 };
}

/** The default numbers: every claim of notebook 11 holds on them. */
export const HOLDING: Record<GmlTablesModel, RecallSummary> = {
  ce: summary(0.05, 0.2, 0.0, 0.40),
  "ce+gml": summary(0.30, 0.36, 0.06, 0.41),
  "ce+gml-ensemble": summary(0.25, 0.33, 0.03, 0.42),
  "ce+gml-ensemble-val": summary(0.32, 0.37, 0.08, 0.41),
  bsce: summary(0.26, 0.35, 0.03, 0.42),
  "bsce+gml": summary(0.30, 0.36, 0.07, 0.42),
  "bsce+gml-ensemble": summary(0.29, 0.36, 0.05, 0.43),
  "bsce+gml-ensemble-val": summary(0.31, 0.37, 0.08, 0.42),
  mislas: summary(0.31, 0.40, 0.05, 0.47),
  "mislas+gml": summary(0.36, 0.41, 0.11, 0.46),
  "mislas+gml-ensemble": summary(0.35, 0.41, 0.09, 0.47),
  "mislas+gml-ensemble-val": summary(0.37, 0.42, 0.12, 0.465),
  "ce+gml-no-reweight": summary(0.05, 0.25, 0.0, 0.40),
  "ce+gml-no-reweight-resampled": summary(0.23, 0.32, 0.04, 0.40),
  "gml-scratch": summary(0.305, 0.365, 0.09, 0.40),
  "ce+ce-reweighted": summary(0.27, 0.35, 0.04, 0.41),
  "ce+ce-resampled": summary(0.18, 0.30, 0.02, 0.38),
};

/** Table 7 rows of one base: H at t_old (t_new = 1) and lowest recall falling with t_new. */
export function table7(): Table7Row[] {
  const rows: Table7Row[] = [];
  for (const tOld of [1, 2, 3]) {
    for (const tNew of [1, 2, 3]) {
      const h = 0.40 - 0.005 * (tOld - 1) - 0.02 * (tNew - 1);
      const low = 0.15 - 0.04 * (tNew - 1);
      const s = summary(h, 0.45, low, 0.5);
      rows.push({
        tOld,
        tNew,
        printed: !(tOld === 3 && tNew > 1),
        val: s,
        test: s,
        testRecalls: [],
      });
    }
  }
  return rows;
}

const ABLATION_MODELS: readonly GmlAblationModel[] = [
  "ce+gml",
  "mislas+gml",
  "ce+gml-no-reweight",
  "ce+gml-no-reweight-resampled",
  "gml-scratch",
  "ce+ce-reweighted",
  "ce+ce-resampled",
];

const DATA = { name: "synth100-16", numClasses: 100, trainCounts: [], sha256: {} };

/** A `gml-tables` result with `HOLDING`'s numbers, changed by `changes`, for seed `seed`. */
export function gmlResult(
  changes: Partial<Record<GmlTablesModel, RecallSummary>> = {},
  seed = 3,
): GmlTablesResult {
  const names = (Object.keys(GML_TABLES_MODELS) as GmlTablesModel[]).filter((n) =>
    !(ABLATION_MODELS as readonly string[]).includes(n) || n === "ce+gml" || n === "mislas+gml"
  );
  const models: Record<string, GmlTablesEntry> = Object.fromEntries(
    names.map((name) => [name, { summary: changes[name] ?? HOLDING[name], recalls: [] }]),
  );
  for (const base of ["ce", "bsce", "mislas"] as GmlBase[]) {
    models[`${base}+gml-ensemble`].temperatures = { tOld: 1, tNew: 1 };
    models[`${base}+gml-ensemble-val`].temperatures = { tOld: 2, tNew: 0.5 };
  }
  const selection = {
    split: "val" as const,
    metric: "harmonicMean" as const,
    grid: { tOld: [1, 2, 3], tNew: [1, 2, 3] },
    tOld: 2,
    tNew: 0.5,
    score: 0.3,
    summary: summary(0.3, 0.3, 0.1, 0.4),
    trail: [],
  };
  return {
    section: "gml-tables",
    preset: "smoke",
    seed,
    data: DATA,
    models,
    table7: { ce: table7(), bsce: table7(), mislas: table7() },
    temperatures: { ce: selection, bsce: selection, mislas: selection },
  } as unknown as GmlTablesResult;
}

/** A `gml-ablations` result with `HOLDING`'s numbers, changed by `changes`. */
export function ablationsResult(
  changes: Partial<Record<GmlTablesModel, RecallSummary>> = {},
): GmlAblationsResult {
  const models = Object.fromEntries(
    ABLATION_MODELS.map((name) => [name, { summary: changes[name] ?? HOLDING[name], recalls: [] }]),
  );
  return {
    section: "gml-ablations",
    preset: "smoke",
    seed: 0,
    data: DATA,
    models,
  } as unknown as GmlAblationsResult;
}
