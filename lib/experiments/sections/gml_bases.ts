/**
 * The definitions of the GML paper's tables section (`gml_tables.ts`) that its readers in
 * `analysis/` need without loading tfjs: the base methods, the model names, Table 7's grid.
 *
 * @module
 */
import type { TemperatureGrid } from "../../eval/temperature_trials.ts";
import type { GmlFinetuneLoss } from "../../train/gml_finetune.ts";

/** The base methods GML is plugged into (GML Tables 3 and 6). */
export type GmlBase = "ce" | "bsce" | "mislas";

/** One base method. */
export interface GmlBaseDef {
  /** Name as our tables print it. */
  label: string;
  /** The paper's row of the same method (GML Tables 3 and 6). */
  paperLabel: string;
  /** How we train it, in one sentence. */
  description: string;
  /** The loss of its GML fine-tune: `gml+las` for MiSLAS, as the paper does. */
  gmlLoss: GmlFinetuneLoss;
}

/** The base methods, in table order. */
export const GML_BASES: Readonly<Record<GmlBase, GmlBaseDef>> = {
  ce: {
    label: "CE",
    paperLabel: "CE",
    description:
      "Cross-entropy with an instance sampler on the long-tailed set: the pipelines' pre-trained model.",
    gmlLoss: "gml",
  },
  bsce: {
    label: "BSCE",
    paperLabel: "BSCE",
    description: "Balanced softmax (logits shifted by the log class priors) instead of CE.",
    gmlLoss: "gml",
  },
  mislas: {
    label: "MiSLAS-style",
    paperLabel: "MiSLAS",
    description:
      "Our MiSLAS-style two-stage model, the BTM sections' two-stage pipeline: the CE pre-train, then its classifier retrained with label-aware smoothing and a class-balanced sampler (batch-norm statistics re-estimated). GML on it trains with gml+las (λ·L_GML + L_LAS, λ = 1), as the paper plugs GML into MiSLAS.",
    gmlLoss: "gml+las",
  },
};

/** Every base in table order. */
export const GML_BASE_NAMES: readonly GmlBase[] = Object.keys(GML_BASES) as GmlBase[];

/** The models of the section, by name. */
export type GmlTablesModel =
  | GmlBase
  | `${GmlBase}+gml`
  | `${GmlBase}+gml-ensemble`
  | `${GmlBase}+gml-ensemble-val`
  | "ce+gml-no-reweight"
  | "ce+gml-no-reweight-resampled"
  | "gml-scratch"
  | "ce+ce-reweighted"
  | "ce+ce-resampled";

function baseModels(base: GmlBase, label: string): Record<string, string> {
  return {
    [base]: label,
    [`${base}+gml`]: `${label} → GML (classifier re-initialized and retrained, backbone frozen)`,
    [`${base}+gml-ensemble`]: `${label} + GML, ensembled with ${label} (config temperatures)`,
    [`${base}+gml-ensemble-val`]:
      `${label} + GML, ensembled with ${label} (temperatures chosen on val)`,
  };
}

/** Every {@linkcode GmlTablesModel} with how it is made, in table order. */
export const GML_TABLES_MODELS: Readonly<Record<GmlTablesModel, string>> = {
  ...baseModels("ce", "CE"),
  ...baseModels("bsce", "BSCE"),
  ...baseModels("mislas", "MiSLAS-style"),
  "ce+gml-no-reweight": "CE → GML without Eq. (3)'s re-weighting (Table 8)",
  "ce+gml-no-reweight-resampled":
    "CE → GML without re-weighting, with a class-balanced sampler (Table 8)",
  "gml-scratch": "the whole network trained with GML from scratch, pre-training budget (Table 9)",
  "ce+ce-reweighted":
    "CE → classifier retrained as GML's fine-tune with balanced softmax (appendix Table 1)",
  "ce+ce-resampled":
    "CE → classifier retrained as GML's fine-tune with CE and a class-balanced sampler (appendix Table 1)",
} as Record<GmlTablesModel, string>;

/** The temperature grid of the paper's Table 7 (it prints 7 of these 9 pairs). */
export const TABLE_7_TEMPERATURES: TemperatureGrid = { tOld: [1, 2, 3], tNew: [1, 2, 3] };

/** The pairs the paper's Table 7 prints, as `t_old/t_new` (`gml_paper.txt:294`–300). */
export const TABLE_7_PRINTED_PAIRS: readonly string[] = [
  "1/1",
  "1/2",
  "1/3",
  "2/1",
  "2/2",
  "2/3",
  "3/1",
];
