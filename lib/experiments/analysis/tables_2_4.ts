/**
 * BTM Tables 2–4 in notebook 04, one per benchmark stand-in: the paper's
 * rows beside ours (our CE, BSCE, cRT and MiSLAS-style rows stand for the
 * paper's rows of those names; the methods we do not implement keep the
 * paper's numbers, "not implemented" on our side), BTM's effect on MiSLAS
 * beside the paper's, and the verdict of each table's claim as its text
 * words it. One seed (Tables 2–4 are not core sections). No tfjs.
 *
 * @module
 */
import { paperTable } from "../../paper/mod.ts";
import {
  type CheckPart,
  type ComparisonTable,
  groupedBars,
  type PlotlyFigure,
  type Verdict,
} from "../../report/mod.ts";
import type { MethodComparisonResult, MethodRun } from "../sections/method_comparison.ts";
import { ALMOST_INTACT_DROP } from "./btm_members_claims.ts";
import { checkClaim, paperTableMetrics, paperValue, percentToFraction } from "./paper_verdict.ts";
import { changeTable, type NotImplementedRow, seedTable, type SeedTableRow } from "./seed_table.ts";
import type { SummaryMetric } from "./summary_row.ts";

/** Which paper table each stand-in reproduces, and the claim its text makes. */
export const TABLES_2_4: Readonly<
  Record<"places" | "imagenet" | "inat", { table: string; claim: string; dataset: string }>
> = {
  places: { table: "table2", claim: "btm-table2", dataset: "Places-LT" },
  imagenet: { table: "table3", claim: "btm-table3", dataset: "ImageNet-LT" },
  inat: { table: "table4", claim: "btm-table4", dataset: "iNaturalist2018" },
};

/** Which of Tables 2–4. */
export type StandIn = keyof typeof TABLES_2_4;

/** A reference to one of Tables 2–4 (kept for callers of the first version). */
export interface TableRef {
  /** The table, e.g. `Table 2`. */
  table: string;
  /** Where the paper makes its claim, e.g. `BTM paper, Table 2 (Places-LT)`. */
  source: string;
}

function table(which: StandIn) {
  const t = TABLES_2_4[which];
  if (t === undefined) {
    throw new RangeError(
      `Unknown stand-in "${which}": valid are ${Object.keys(TABLES_2_4).join(", ")}`,
    );
  }
  return t;
}

function hasRow(tableId: string, label: string): boolean {
  return paperTable(tableId).rows.some((r) => r.method === label);
}

function run(result: MethodComparisonResult, label: string): MethodRun {
  const r = result.runs.find((x) => x.label === label);
  if (!r) {
    throw new Error(
      `The comparison on ${result.data.name} has no "${label}" row; it has ${
        result.runs.map((x) => x.label).join(", ")
      }`,
    );
  }
  return r;
}

/** What a method comparison ran on, its time, and each model's classes at zero recall, in one line. */
export function methodComparisonSummary(result: MethodComparisonResult): string {
  const c = result.config;
  return `${result.data.name}: pretrain ${c.pretrain.epochs} epochs; BTM N_D = ${c.btm.subsets}, ` +
    `N_C = ${c.btm.perClass}, ${c.btm.epochs} epochs; classifier stages ${c.postTrain.epochs} epochs; ` +
    `${result.timings.total.toFixed(0)} s; classes with zero test recall: ` +
    result.runs.map((r) => `${r.label} ${r.summary.zeroClasses}`).join(", ");
}

/**
 * The paper's table beside ours: each of our rows with the paper row of the
 * same name (when the paper's table has one), then the paper's rows we do
 * not implement; the paper's metric columns and the zero-recall count.
 */
export function methodComparisonTable(
  result: MethodComparisonResult,
  which: StandIn,
): ComparisonTable {
  const t = table(which);
  const ours: SeedTableRow[] = result.runs.map((r) => ({
    label: r.label,
    summaries: [r.summary],
    ...(hasRow(t.table, r.label) ? { paper: { table: t.table, row: r.label } } : {}),
  }));
  const mapped = new Set(result.runs.map((r) => r.label));
  const missing: NotImplementedRow[] = paperTable(t.table).rows
    .filter((r) => !mapped.has(r.method))
    .map((r) => ({ paper: { table: t.table, row: r.method } }));
  return seedTable([...ours, ...missing], {
    caption:
      `${paperTable(t.table).source.table} (${t.dataset}) beside ours on ${result.data.name} ` +
      `(${result.data.numClasses} classes; seed ${result.seed}): our MiSLAS is the MiSLAS-style ` +
      `pipeline (mixup stage 1, label-aware-smoothing stage 2), "+ BTM" inserts BTM between them`,
    metrics: paperTableMetrics(t.table),
  });
}

/** BTM's change to MiSLAS, ours beside the paper's, in points. */
export function methodComparisonEffect(
  result: MethodComparisonResult,
  which: StandIn,
): ComparisonTable {
  const t = table(which);
  return changeTable([{
    label: "MiSLAS → MiSLAS + BTM",
    from: [run(result, "MiSLAS").summary],
    to: [run(result, "MiSLAS + BTM").summary],
    paper: { from: { table: t.table, row: "MiSLAS" }, to: { table: t.table, row: "MiSLAS + BTM" } },
  }], {
    caption:
      `What BTM changes (after minus before), ours on ${result.data.name} beside the paper's on ${t.dataset}`,
    metrics: paperTableMetrics(t.table),
  });
}

/** Each of our methods' test H-mean beside the paper's row of the same name. */
export function methodComparisonFigure(
  result: MethodComparisonResult,
  which: StandIn,
): PlotlyFigure {
  const t = table(which);
  const labels = result.runs.map((r) => r.label);
  return groupedBars(labels, {
    [`paper (${t.dataset})`]: labels.map((l) => {
      const v = hasRow(t.table, l) ? paperValue(t.table, l, "harmonicMean") : null;
      return v === null ? null : percentToFraction(v);
    }),
    [`ours (${result.data.name})`]: result.runs.map((r) => r.summary.harmonicMean),
  }, {
    title: `Test H-mean, the paper's ${paperTable(t.table).source.table} beside ours`,
    yTitle: "H-mean",
    yFormat: ".1%",
  });
}

/**
 * The claim of each table's text on MiSLAS (the row we implement), as it
 * words it: Table 2 (`btm_paper_with_supplement.txt:174`) "for MiSLAS, the
 * conventional accuracy even increases along with harmonic and geometric
 * mean", the lowest recall too; Table 3 (205) H and G improved, accuracy
 * "almost unchanged" (within {@linkcode ALMOST_INTACT_DROP}), H improved more
 * than G; Table 4 (245) H and G improved, accuracy almost unchanged.
 */
export function methodComparisonVerdict(
  result: MethodComparisonResult,
  which: StandIn,
): Verdict {
  const t = table(which);
  const base = run(result, "MiSLAS");
  const btm = run(result, "MiSLAS + BTM");
  const side = (r: MethodRun, row: string, m: SummaryMetric) => ({
    label: row,
    ours: [r.summary[m] as number],
    ...(m === "harmonicMean" ? { zeroClasses: [r.summary.zeroClasses] } : {}),
    paper: paperValue(t.table, row, m),
  });
  const higher = (m: SummaryMetric, what: string): CheckPart => ({
    what,
    a: side(btm, "MiSLAS + BTM", m),
    b: side(base, "MiSLAS", m),
  });
  const unchanged: CheckPart = {
    what: "accuracy",
    a: side(btm, "MiSLAS + BTM", "accuracy"),
    b: side(base, "MiSLAS", "accuracy"),
    expect: "match",
    bound: ALMOST_INTACT_DROP,
    note: `"almost unchanged": within ${100 * ALMOST_INTACT_DROP} point`,
  };
  const gain = (m: "harmonicMean" | "geometricMean") => ({
    ours: [btm.summary[m] - base.summary[m]],
    paper: Number((paperValue(t.table, "MiSLAS + BTM", m)! - paperValue(t.table, "MiSLAS", m)!)
      .toFixed(2)),
  });
  const parts: CheckPart[] = which === "places"
    ? [
      higher("harmonicMean", "H-mean"),
      higher("geometricMean", "G-mean"),
      higher("accuracy", "accuracy"),
      higher("lowestRecall", "lowest recall"),
    ]
    : which === "imagenet"
    ? [
      higher("harmonicMean", "H-mean"),
      higher("geometricMean", "G-mean"),
      unchanged,
      {
        what: "gain",
        a: { label: "H-mean", ...gain("harmonicMean") },
        b: { label: "G-mean", ...gain("geometricMean") },
      },
    ]
    : [higher("harmonicMean", "H-mean"), higher("geometricMean", "G-mean"), unchanged];
  return checkClaim(t.claim, parts, [result.seed], { scope: result.data.name });
}
