/**
 * Every claim the report checks, in the paper's order: its id (a
 * `PAPER_CLAIMS` id, or `ours-…` for a claim of ours), the notebook that
 * checks it, and the claim in a few words for the claims matrix. The quote
 * and cite of each verdict come from `PAPER_CLAIMS` by this id (for a claim
 * of ours, from the paper claim it builds on), never retyped.
 *
 * @module
 */
import { paperClaim } from "../../paper/mod.ts";

/** One claim the report checks. */
export interface ClaimCheck {
  /** `PAPER_CLAIMS` id (`btm-obs1`), or `ours-<name>` for a claim of ours. */
  id: string;
  /** The notebook that checks it (file name in notebooks/, without `.ipynb`). */
  notebook: string;
  /** The claim in a few words, as the claims matrix and the verdict print it. */
  claim: string;
  /** For a claim of ours: the paper claim it builds on (its quote is shown). */
  basis?: string;
}

const N = {
  metrics: "01_metrics",
  obs12: "02_observations_1_2",
  obs34: "03_observations_3_4",
  methods: "04_tables_2_4_methods",
  members: "05_table_5_11_14_members",
  merges: "06_table_6_merges",
  grid: "07_table_7_nd_nc",
  finetune: "08_table_8_what_to_finetune",
  gml: "09_tables_9_10_btm_gml",
  figure3: "10_figure_3",
  gmlTables: "11_gml_tables",
} as const;

/** The claims, in the report's order (by notebook, then as each notebook states them). */
export const CLAIM_CHECKS: readonly ClaimCheck[] = Object.freeze([
  {
    id: "btm-worked-example",
    notebook: N.metrics,
    claim: "§3.1 worked example: {0.1, 0.9} has A 0.5, G 0.3, H 0.18, H closest to the minimum",
  },
  {
    id: "gml-worked-example",
    notebook: N.metrics,
    claim: "GML §3.3 worked example: {0.01, 0.99} has A 0.5, H 0.02, G 0.10",
  },
  {
    id: "ours-one-bad-class",
    notebook: N.metrics,
    claim: "One bad class among ten lowers H far more than accuracy",
    basis: "btm-harmonic-preferred",
  },
  {
    id: "btm-zero-floor",
    notebook: N.metrics,
    claim: "A zero recall counts as 10⁻³ in H and G (only zeros), else H and G are zero",
  },
  {
    id: "btm-obs1",
    notebook: N.obs12,
    claim: "Obs. 1: the 5-shot balanced fine-tune f^D has much higher H and G than f",
  },
  {
    id: "btm-obs1-accuracy",
    notebook: N.obs12,
    claim: "§3.2: f^D's accuracy is higher than f's (the abstract says lower)",
  },
  {
    id: "btm-obs2",
    notebook: N.obs12,
    claim: "Obs. 2: H and G of f^D_λ are smooth and monotonic in λ",
  },
  {
    id: "btm-obs3",
    notebook: N.obs34,
    claim: "Obs. 3: f^{D_A} and f^{D_B} both have higher H and G than f^{D_A∪D_B}",
  },
  {
    id: "btm-obs4",
    notebook: N.obs34,
    claim: "Obs. 4: at λ = 0.5 the interpolation beats f^{D_A} and f^{D_B} on H and G",
  },
  {
    id: "ours-no-barrier",
    notebook: N.obs34,
    claim: "No point of the path f^{D_A} ↔ f^{D_B} is more than 1 point below the worse end (H)",
    basis: "btm-obs4",
  },
  {
    id: "btm-table2",
    notebook: N.methods,
    claim: "Table 2: BTM raises MiSLAS's H, G, accuracy and lowest recall",
  },
  {
    id: "btm-table3",
    notebook: N.methods,
    claim: "Table 3: BTM raises MiSLAS's H (more than G) and G, accuracy almost unchanged",
  },
  {
    id: "btm-table4",
    notebook: N.methods,
    claim: "Table 4: BTM raises MiSLAS's H and G, accuracy almost unchanged",
  },
  {
    id: "btm-headline",
    notebook: N.members,
    claim:
      "Headline: after post-train BTM has higher H and G than the two-stage pipeline, accuracy within 1 point",
  },
  {
    id: "btm-table5-members-beat-stage1",
    notebook: N.members,
    claim: "Table 5: every balanced member has higher H and G than stage 1",
  },
  {
    id: "btm-table5-merge-improves",
    notebook: N.members,
    claim: "Table 5: the merge has higher H and G than every member",
  },
  {
    id: "ours-merge-beats-mean-member",
    notebook: N.members,
    claim: "The merge has higher H and G than the average member",
    basis: "btm-table5-merge-improves",
  },
  {
    id: "btm-table5-post-train-even",
    notebook: N.members,
    claim:
      "Table 5: after post-train, recall is more even (H, G) than the original two-stage model's",
  },
  {
    id: "btm-tables11-14",
    notebook: N.members,
    claim: "Tables 11–14: the same conclusions on ImageNet-LT, iNaturalist, PaCo and GPaCo",
  },
  {
    id: "btm-table6-before-post-train",
    notebook: N.merges,
    claim: "Table 6: before post-train, adaptive and greedy merges beat averaging on H and G",
  },
  {
    id: "btm-table6-after-post-train",
    notebook: N.merges,
    claim: "Table 6: after post-train, plain averaging has the highest H and G",
  },
  {
    id: "btm-table7-nd",
    notebook: N.grid,
    claim: "Table 7: with N_C fixed, H and G first rise with N_D, then drop at the largest N_D",
  },
  {
    id: "btm-table7-nc",
    notebook: N.grid,
    claim: "Table 7: with N_D fixed, N_C changes H and G little",
  },
  {
    id: "ours-every-cell-beats-baseline",
    notebook: N.grid,
    claim: "Every cell of Table 7 has higher H than the same post-train without BTM",
    basis: "btm-headline",
  },
  {
    id: "btm-table8-whole-model",
    notebook: N.finetune,
    claim: "Table 8: backbone-only and classifier-only help, the whole model helps more",
  },
  {
    id: "btm-table8-when",
    notebook: N.finetune,
    claim: "Table 8: between stages 1 and 2 beats after stage 2, for each variant",
  },
  {
    id: "btm-table9-gml-vs-btm",
    notebook: N.gml,
    claim: "Table 9: GML raises H but costs accuracy; BTM costs little accuracy",
  },
  {
    id: "btm-table9-combined",
    notebook: N.gml,
    claim: "Table 9: BTM + GML beats GML alone on H; BTM alone keeps the higher G",
  },
  {
    id: "btm-table10",
    notebook: N.gml,
    claim: "Table 10: with PaCo, GML costs accuracy and BTM barely does",
  },
  {
    id: "btm-table10-combined",
    notebook: N.gml,
    claim: "Table 10: PaCo + BTM + GML beats PaCo + GML on H, G and accuracy",
  },
  {
    id: "btm-figure3",
    notebook: N.figure3,
    claim: "Figure 3: BTM's per-class recall is more uniform than the two-stage baseline's",
  },
  {
    id: "gml-universality",
    notebook: N.gmlTables,
    claim: "GML Table 6: GML (no ensemble) raises G, H and the lowest recall of every base method",
  },
  {
    id: "gml-table3",
    notebook: N.gmlTables,
    claim: "GML Table 3: the ensemble beats GML alone on G, H and lowest recall, accuracy kept",
  },
  {
    id: "gml-table1-lowest-recall",
    notebook: N.gmlTables,
    claim: "GML Table 1: more accurate methods barely raise the lowest recall",
  },
  {
    id: "gml-table7-temperatures",
    notebook: N.gmlTables,
    claim: "GML Table 7: t_old matters little; a higher t_new lowers the lowest recall",
  },
  {
    id: "gml-table8-reweighting",
    notebook: N.gmlTables,
    claim: "GML Table 8: re-weighting is essential; re-sampling helps but is inferior to it",
  },
  {
    id: "gml-table9-scratch",
    notebook: N.gmlTables,
    claim:
      "GML Table 9: GML from scratch is comparable to CE + GML and below GML on a stronger base",
  },
  {
    id: "gml-better-baselines",
    notebook: N.gmlTables,
    claim:
      "GML appendix Table 1: GML beats re-weighted CE and re-sampled CE on H and lowest recall",
  },
]);

/**
 * The registered claim `id`.
 *
 * @throws Error listing the registered ids when `id` is not one of them.
 *
 * @example
 * ```ts
 * import { claimCheck } from "./claim_registry.ts";
 * if (claimCheck("btm-obs1").notebook !== "02_observations_1_2") throw new Error();
 * ```
 */
export function claimCheck(id: string): ClaimCheck {
  const c = CLAIM_CHECKS.find((x) => x.id === id);
  if (c === undefined) {
    throw new Error(
      `No registered claim ${JSON.stringify(id)}; registered: ${
        CLAIM_CHECKS.map((x) => x.id).join(", ")
      }`,
    );
  }
  return c;
}

/**
 * Checks the registry against the paper's claims: ids unique; a paper id is a
 * `PAPER_CLAIMS` id; an `ours-…` id names a `basis` that is one. Returns the
 * registry. Run by the tests and by `deno task report`.
 */
export function validateClaimRegistry(
  checks: readonly ClaimCheck[] = CLAIM_CHECKS,
): readonly ClaimCheck[] {
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.id)) throw new Error(`Claim ${JSON.stringify(c.id)} is registered twice`);
    seen.add(c.id);
    if (c.id.startsWith("ours-")) {
      if (c.basis === undefined) {
        throw new Error(`Our claim ${JSON.stringify(c.id)} names no paper claim it builds on`);
      }
      paperClaim(c.basis);
    } else {
      paperClaim(c.id);
      if (c.basis !== undefined) {
        throw new Error(`The paper's claim ${JSON.stringify(c.id)} needs no basis`);
      }
    }
    if (!/^\d\d_[a-z0-9_]+$/.test(c.notebook)) {
      throw new Error(`Claim ${JSON.stringify(c.id)}: notebook ${JSON.stringify(c.notebook)}?`);
    }
  }
  return checks;
}
