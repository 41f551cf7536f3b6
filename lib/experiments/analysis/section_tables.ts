/**
 * Each section's table as its notebook shows it: our rows (mean ± sd over
 * seeds, the zero-recall count beside every H-mean) beside the paper rows
 * they stand for, with the row mapping in the "Paper row" column and the
 * stand-in in the caption. No tfjs.
 *
 * @module
 */
import { paperNumber, paperTable } from "../../paper/mod.ts";
import {
  type ComparisonTable,
  type Displayable,
  displayable,
  escapeHtml,
} from "../../report/mod.ts";
import type { BtmGmlModel, BtmGmlResult } from "../sections/btm_gml.ts";
import type { BtmMembersResult } from "../sections/btm_members.ts";
import type { FinetuneTargetsResult } from "../sections/finetune_targets.ts";
import type { MergeStrategiesResult } from "../sections/merge_strategies.ts";
import type { Observations12Result } from "../sections/observations_1_2.ts";
import type { Observations34Result } from "../sections/observations_3_4.ts";
import type { SubsetGridResult } from "../sections/subset_grid.ts";
import type { ExperimentResult } from "../pipelines.ts";
import { type PaperMergeCount, paperMergeCounts } from "./btm_members_claims.ts";
import { TABLE_9_ROWS } from "./btm_gml_claims.ts";
import { pointAt } from "./curve_points.ts";
import { TABLE_8_ROWS } from "./finetune_targets_claims.ts";
import { TABLE_6_ROWS } from "./merge_strategies_claims.ts";
import { crossCell } from "./subset_grid_claims.ts";
import { changeTable, type NotImplementedRow, seedTable, type SeedTableRow } from "./seed_table.ts";
import type { SummaryMetric } from "./summary_row.ts";

/** The metrics of the papers' member tables (Tables 5–9): H, G, lowest recall, accuracy. */
const HEADLINE: readonly SummaryMetric[] = [
  "harmonicMean",
  "geometricMean",
  "lowestRecall",
  "accuracy",
];

function seedsText(results: readonly { seed: number }[]): string {
  return results.length === 1
    ? `seed ${results[0].seed}`
    : `mean ± sd over seeds ${results.map((r) => r.seed).join(", ")}`;
}

function on(results: readonly { data: { name: string } }[]): string {
  return results[0].data.name;
}

/** Figure 1's path: each λ, with the paper's numbers for f (λ = 0) and f^D (λ = 1). */
export function observations12Table(
  results: readonly Pick<Observations12Result, "seed" | "data" | "curve">[],
): ComparisonTable {
  const n = (name: string) => paperNumber("btm-obs1", name);
  const lambdas = results[0].curve.map((p) => p.lambda);
  const rows: SeedTableRow[] = lambdas.map((lambda) => ({
    label: lambda === 0 ? "λ = 0 (f)" : lambda === 1 ? "λ = 1 (f^D)" : `λ = ${lambda}`,
    summaries: results.map((r) => pointAt(r.curve, lambda).summary),
    ...(lambda === 0
      ? {
        paper: {
          label: "f (§3.2 text; Table 5 Stage1)",
          values: { harmonicMean: n("f.hMean"), geometricMean: n("f.gMean") },
        },
      }
      : lambda === 1
      ? {
        paper: {
          label: "f^D (§3.2 text)",
          values: { harmonicMean: n("fD.hMean"), geometricMean: n("fD.gMean") },
        },
      }
      : {}),
  }));
  return seedTable(rows, {
    caption: `Figure 1's path f_λ = λ·f^D + (1−λ)·f on ${on(results)}, test split (${
      seedsText(results)
    }); the paper quotes f and f^D only (Places-LT)`,
    metrics: HEADLINE,
  });
}

/** Figure 2's models: f, f^{D_A}, f^{D_B}, the λ = 0.5 merge and the union, with the paper's quoted numbers. */
export function observations34Table(
  results: readonly Pick<Observations34Result, "seed" | "data" | "curve" | "pretrain" | "union">[],
): ComparisonTable {
  const n = (name: string) => paperNumber("btm-obs4", name);
  const hg = (k: string) => ({ harmonicMean: n(`${k}.hMean`), geometricMean: n(`${k}.gMean`) });
  const mid = n("lambda");
  const at = (l: number) => results.map((r) => pointAt(r.curve, l).summary);
  const rows: SeedTableRow[] = [
    {
      label: "f (pre-trained)",
      summaries: results.map((r) => r.pretrain.summary),
      paper: { table: "table5", row: "Stage1" },
    },
    {
      label: "f^{D_A} (λ = 1)",
      summaries: at(1),
      paper: { label: "f^{D_A} (§3.2)", values: hg("fDA") },
    },
    {
      label: "f^{D_B} (λ = 0)",
      summaries: at(0),
      paper: { label: "f^{D_B} (§3.2)", values: hg("fDB") },
    },
    {
      label: `merge (λ = ${mid})`,
      summaries: at(mid),
      paper: { label: `λ = ${mid} (§3.2)`, values: hg("mid") },
    },
    { label: "f^{D_A∪D_B}", summaries: results.map((r) => r.union.summary) },
  ];
  return seedTable(rows, {
    caption: `Figure 2's models on ${on(results)}, test split (${
      seedsText(results)
    }); the paper prints no numbers for the union (Figure 2 only)`,
    metrics: HEADLINE,
  });
}

/** Table 5: stage 1, the two-stage model, each member, the merge and its post-train, beside the paper's Table 5. */
export function membersTable(
  results: readonly Pick<
    BtmMembersResult,
    "seed" | "data" | "pretrain" | "members" | "merge" | "mergePostTrain" | "twoStage"
  >[],
): ComparisonTable {
  const paperRows = new Set(paperTable("table5").rows.map((r) => r.method));
  const rows: SeedTableRow[] = [
    {
      label: "stage 1 (CE pre-train)",
      summaries: results.map((r) => r.pretrain.summary),
      paper: { table: "table5", row: "Stage1" },
    },
    {
      label: "two-stage (pre-train → post-train)",
      summaries: results.map((r) => r.twoStage.summary),
      paper: { table: "table5", row: "Stage2" },
    },
    ...results[0].members.map((m, i) => ({
      label: `member ${m.index + 1}`,
      summaries: results.map((r) => r.members[i].summary),
      ...(paperRows.has(`Model${m.index + 1}`)
        ? { paper: { table: "table5", row: `Model${m.index + 1}` } }
        : {}),
    })),
    {
      label: "merge",
      summaries: results.map((r) => r.merge.summary),
      paper: { table: "table5", row: "Merge" },
    },
    {
      label: "merge + post-train (BTM)",
      summaries: results.map((r) => r.mergePostTrain.summary),
      paper: { table: "table5", row: "Post-train" },
    },
  ];
  return seedTable(rows, {
    caption: `Table 5 (Places-LT, MiSLAS) beside ours on ${on(results)} (${
      seedsText(results)
    }): our two-stage pipeline (CE pre-train → label-aware-smoothing post-train) stands for MiSLAS`,
    metrics: HEADLINE,
  });
}

/** What BTM changes in Table 5's pipeline, ours beside the paper's. */
export function membersEffectTable(
  results: readonly Pick<
    BtmMembersResult,
    "data" | "pretrain" | "merge" | "mergePostTrain" | "twoStage"
  >[],
): ComparisonTable {
  return changeTable([
    {
      label: "two-stage → BTM (after post-train)",
      from: results.map((r) => r.twoStage.summary),
      to: results.map((r) => r.mergePostTrain.summary),
      paper: {
        from: { table: "table5", row: "Stage2" },
        to: { table: "table5", row: "Post-train" },
      },
    },
    {
      label: "stage 1 → merge (before post-train)",
      from: results.map((r) => r.pretrain.summary),
      to: results.map((r) => r.merge.summary),
      paper: { from: { table: "table5", row: "Stage1" }, to: { table: "table5", row: "Merge" } },
    },
  ], {
    caption: `Changes (after minus before), ours on ${on(results)} beside the paper's Table 5`,
    metrics: HEADLINE,
  });
}

/**
 * For each of the paper's Tables 5 and 11–14: how many balanced members its
 * merge beats on H and on G (the paper's numbers only: a table of the
 * paper's, not of ours).
 */
export function paperMergeCountsTable(
  counts: readonly PaperMergeCount[] = paperMergeCounts(),
): Displayable {
  const head = [
    "paper table",
    "dataset, method",
    "members",
    "merge beats on H",
    "merge beats on G",
  ];
  const rows = counts.map((c) => [
    c.table,
    c.what,
    String(c.members),
    String(c.harmonicMean),
    String(c.geometricMean),
  ]);
  const html = `<table class="btm-table"><caption>The paper's own Tables 5 and 11–14 ` +
    `(read from data/paper/btm.json): how many of the balanced members the merge beats</caption>` +
    `<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((x) => `<td>${escapeHtml(x)}</td>`).join("")}</tr>`).join("") +
    `</tbody></table>`;
  const text = [head, ...rows].map((r) => r.join("  ")).join("\n");
  return displayable({ "text/html": html, "text/plain": text });
}

/** Table 6: each merge before and after post-train, beside the paper's Table 6. */
export function mergeStrategiesTable(
  results: readonly Pick<MergeStrategiesResult, "seed" | "data" | "outcomes">[],
): ComparisonTable {
  const names = results[0].outcomes.map((o) => o.name);
  const rows: SeedTableRow[] = (["before", "after"] as const).flatMap((when) =>
    names.map((name) => {
      const o = results[0].outcomes.find((x) => x.name === name)!;
      const group = TABLE_6_ROWS[name];
      return {
        label: `${o.def.label}${when === "after" ? " + post-train" : ""}`,
        summaries: results.map((r) => r.outcomes.find((x) => x.name === name)![when].test),
        ...(group
          ? {
            paper: {
              table: "table6",
              row: `${group}: ${when === "before" ? "Merge" : "Post-train"}`,
            },
          }
          : {}),
      };
    })
  );
  return seedTable(rows, {
    caption: `Table 6 (Places-LT) beside ours on ${on(results)}, test split (${
      seedsText(results)
    }); every choice looked at the validation split only`,
    metrics: HEADLINE,
  });
}

/** Table 7's cross: the baseline without BTM, then every cell, beside the paper's rows. */
export function subsetGridTable(
  results: readonly Pick<SubsetGridResult, "seed" | "data" | "cells" | "baseline" | "pretrain">[],
  stage: "postTrained" | "merged" = "postTrained",
): ComparisonTable {
  const paperRows = new Set(paperTable("table7").rows.map((r) => r.method));
  const cells = results[0].cells.map((c) => [c.subsets, c.perClass] as const);
  const rows: SeedTableRow[] = [
    ...(stage === "postTrained"
      ? [{
        label: "no BTM: pre-train → post-train",
        summaries: results.map((r) => r.baseline.summary),
        paper: { table: "table2", row: "MiSLAS" },
      }]
      : [{ label: "pre-trained f", summaries: results.map((r) => r.pretrain.summary) }]),
    ...cells.map(([nD, nC]) => {
      const name = `N_D = ${nD}, N_C = ${nC}`;
      return {
        label: stage === "merged" ? `${name} (merge only)` : name,
        summaries: results.map((r) => crossCell(r, nD, nC)[stage].summary),
        ...(stage === "postTrained" && paperRows.has(name)
          ? { paper: { table: "table7", row: name } }
          : {}),
      };
    }),
  ];
  return seedTable(rows, {
    caption: stage === "postTrained"
      ? `Table 7 (Places-LT) beside ours on ${on(results)}: BTM merge + post-train (${
        seedsText(results)
      })`
      : `The same merges before post-training (ours, ${seedsText(results)}; the paper prints none)`,
    metrics: HEADLINE,
  });
}

/** Table 8: every variant's final model beside the paper's row, and the references. */
export function finetuneTargetsTable(
  results: readonly Pick<
    FinetuneTargetsResult,
    "seed" | "data" | "variants" | "twoStage" | "pretrain"
  >[],
): ComparisonTable {
  const rows: SeedTableRow[] = [
    {
      label: "pre-trained f (no BTM)",
      summaries: results.map((r) => r.pretrain.summary),
      paper: { table: "table5", row: "Stage1" },
    },
    {
      label: "two-stage (no BTM)",
      summaries: results.map((r) => r.twoStage.summary),
      paper: { table: "table5", row: "Stage2" },
    },
    ...results[0].variants.map((v, i) => ({
      label: v.name,
      summaries: results.map((r) => r.variants[i].final.summary),
      paper: { table: "table8", row: TABLE_8_ROWS[v.when][v.trainable] },
    })),
  ];
  return seedTable(rows, {
    caption: `Table 8 (Places-LT) beside ours on ${on(results)} (${
      seedsText(results)
    }): each variant's final model (between stages: the post-trained merge; after stage 2: the merge)`,
    metrics: HEADLINE,
  });
}

/** Tables 9: our models beside the paper's MiSLAS rows, then our other models. */
export function btmGmlTable(
  results: readonly Pick<BtmGmlResult, "seed" | "data" | "models">[],
  labels: Readonly<Record<BtmGmlModel, string>>,
): ComparisonTable {
  const names = Object.keys(results[0].models) as BtmGmlModel[];
  const rows: SeedTableRow[] = names.map((n) => ({
    label: labels[n] ?? n,
    summaries: results.map((r) => r.models[n].summary),
    ...(TABLE_9_ROWS[n] ? { paper: { table: "table9", row: TABLE_9_ROWS[n]! } } : {}),
  }));
  return seedTable(rows, {
    caption: `Table 9 (Places-LT, MiSLAS) beside ours on ${on(results)} (${seedsText(results)})`,
    metrics: HEADLINE,
  });
}

/** Table 10 (PaCo on ImageNet-LT): the paper's numbers, not implemented here. */
export function table10(): ComparisonTable {
  const rows: NotImplementedRow[] = paperTable("table10").rows.map((r) => ({
    paper: { table: "table10", row: r.method },
  }));
  return seedTable(rows, {
    caption: "Table 10 (ImageNet-LT, PaCo): PaCo is not implemented here",
    metrics: ["harmonicMean", "geometricMean", "accuracy"],
    zeroClasses: false,
  });
}

/** Figure 3's models: the two-stage baseline, the merge and BTM's final model, beside Table 2's MiSLAS rows. */
export function figure3Table(
  btm: Pick<ExperimentResult, "seed" | "data" | "models">,
  twoStage: Pick<ExperimentResult, "models">,
): ComparisonTable {
  const m = (r: Pick<ExperimentResult, "models">, name: string) =>
    r.models.find((x) => x.name === name)!.summary;
  return seedTable([
    {
      label: "pre-trained (CE)",
      summaries: [m(btm, "pretrain")],
      paper: { table: "table5", row: "Stage1" },
    },
    {
      label: "two-stage (pre-train → post-train)",
      summaries: [m(twoStage, "post-train")],
      paper: { table: "table2", row: "MiSLAS" },
    },
    { label: "BTM merge", summaries: [m(btm, "btm")], paper: { table: "table5", row: "Merge" } },
    {
      label: "BTM (merge + post-train)",
      summaries: [m(btm, "btm+post-train")],
      paper: { table: "table2", row: "MiSLAS + BTM" },
    },
  ], {
    caption:
      `Figure 3's models on ${btm.data.name} (seed ${btm.seed}) beside the paper's Places-LT rows`,
    metrics: HEADLINE,
  });
}
