/**
 * The figures of the sections' results (no tfjs): metric curves along an
 * interpolation path (mean ± sd over seeds, with the paper's quoted points),
 * the generalized mean against p, Table 7's two arms, the members against
 * their merge (per seed, with the paper's Table 5), and per-class recall by
 * training count.
 *
 * @module
 */
import type { InterpolationPoint } from "../../eval/interpolation_curve.ts";
import type { RecallSummary } from "../../metrics/mod.ts";
import { paperNumber, paperTable } from "../../paper/mod.ts";
import {
  groupedBars,
  type GroupedBarsOptions,
  type PlotlyFigure,
  plotlyFigure,
  type PlotlyTrace,
  seedStats,
} from "../../report/mod.ts";
import type { BtmMembersResult } from "../sections/btm_members.ts";
import type { MergeStrategiesResult } from "../sections/merge_strategies.ts";
import type { SubsetGridResult } from "../sections/subset_grid.ts";
import { paperValue, percentToFraction } from "./paper_verdict.ts";
import type { PowerMeanCurve } from "./power_mean_curve.ts";
import type { RecallByTrainCount } from "./recall_by_train_count.ts";
import { crossCell } from "./subset_grid_claims.ts";
import { SUMMARY_LABELS, type SummaryMetric } from "./summary_row.ts";

/** The metrics a bar chart of summaries shows by default: the papers' headline four. */
const BAR_METRICS: readonly SummaryMetric[] = [
  "harmonicMean",
  "geometricMean",
  "lowestRecall",
  "accuracy",
];

/** Options of {@linkcode summaryBars}. */
export interface SummaryBarsOptions extends GroupedBarsOptions {
  /** Metrics shown, one bar each per model; default H-mean, G-mean, lowest recall, accuracy. */
  metrics?: readonly SummaryMetric[];
}

/** Models side by side on several metrics: one group per model, one bar per metric. */
export function summaryBars(
  summaries: Readonly<Record<string, RecallSummary>>,
  options: SummaryBarsOptions,
): PlotlyFigure {
  const names = Object.keys(summaries);
  const metrics = options.metrics ?? BAR_METRICS;
  return groupedBars(
    names,
    Object.fromEntries(
      metrics.map((k) => [SUMMARY_LABELS[k], names.map((n) => summaries[n][k] ?? null)]),
    ),
    options,
  );
}

/** The metrics drawn along a path, with plotly's first three colours. */
const PATH_METRICS: readonly [SummaryMetric, string][] = [
  ["harmonicMean", "#1f77b4"],
  ["geometricMean", "#ff7f0e"],
  ["accuracy", "#2ca02c"],
];

/** A model drawn as a level line across a path figure. */
export interface CurveReference {
  /** Legend name, e.g. `f^{D_A∪D_B}`. */
  name: string;
  /** Its test summary (one per seed: the line is drawn at their mean). */
  summary: RecallSummary | readonly RecallSummary[];
  /** Line style: `dash` or `dot`. */
  dash: "dash" | "dot";
}

/** A number the paper quotes for a point of the path, drawn as a marker. */
export interface PaperPoint {
  /** Where on the path (λ). */
  lambda: number;
  /** Which metric. */
  metric: "harmonicMean" | "geometricMean" | "accuracy";
  /** The paper's value, in percent as printed. */
  value: number;
  /** What the paper calls the model, e.g. `f^D`. */
  label: string;
}

/** Options of {@linkcode curveFigure}. */
export interface CurveFigureOptions {
  /** Title above the figure. */
  title: string;
  /** Models drawn as level lines of the same colours; default none (then legends name only the metric). */
  references?: readonly CurveReference[];
  /** The paper's quoted points, drawn as open diamonds of the metric's colour; default none. */
  paperPoints?: readonly PaperPoint[];
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * H-mean, G-mean and accuracy along an interpolation path (x = λ): one curve,
 * or one per seed drawn as their mean with ± one standard deviation as error
 * bars; as dashed or dotted level lines of the same colour, the same metrics
 * of reference models; and the paper's quoted points as open diamonds. The
 * H-mean's hover text gives the classes at zero recall.
 */
export function curveFigure(
  curves: readonly InterpolationPoint[] | readonly (readonly InterpolationPoint[])[],
  options: CurveFigureOptions,
): PlotlyFigure {
  const perSeed = (Array.isArray(curves[0]) ? curves : [curves]) as readonly (
    readonly InterpolationPoint[]
  )[];
  const lambdas = perSeed[0].map((p) => p.lambda);
  for (const c of perSeed) {
    if (c.length !== lambdas.length || c.some((p, i) => p.lambda !== lambdas[i])) {
      throw new RangeError("Cannot draw curves of different λ grids in one figure");
    }
  }
  const refs = options.references ?? [];
  const paper = options.paperPoints ?? [];
  const suffix = refs.length > 0 || paper.length > 0 ? ": path" : "";
  const seeds = perSeed.length;
  const traces: PlotlyTrace[] = PATH_METRICS.map(([key, color]) => {
    const stats = lambdas.map((_, i) => seedStats(perSeed.map((c) => c[i].summary[key] as number)));
    const zero = lambdas.map((_, i) => mean(perSeed.map((c) => c[i].summary.zeroClasses)));
    return {
      type: "scatter",
      mode: "lines+markers",
      name: `${SUMMARY_LABELS[key]}${suffix}${seeds > 1 ? ` (mean of ${seeds} seeds)` : ""}`,
      ...(refs.length > 0 || paper.length > 0 ? { line: { color } } : {}),
      x: lambdas,
      y: stats.map((st) => st.mean),
      ...(seeds > 1
        ? { error_y: { type: "data", array: stats.map((st) => st.sd), visible: true } }
        : {}),
      ...(key === "harmonicMean"
        ? {
          customdata: zero,
          hovertemplate:
            "λ %{x}: H-mean %{y:.2%} (%{customdata} classes at zero recall)<extra></extra>",
        }
        : {}),
    };
  });
  for (const ref of refs) {
    const summaries = (Array.isArray(ref.summary) ? ref.summary : [ref.summary]) as RecallSummary[];
    for (const [key, color] of PATH_METRICS) {
      const y = mean(summaries.map((s) => s[key] as number));
      traces.push({
        type: "scatter",
        mode: "lines",
        name: `${SUMMARY_LABELS[key]}: ${ref.name}`,
        line: { color, dash: ref.dash, ...(ref.dash === "dot" ? { width: 1 } : {}) },
        x: [0, 1],
        y: [y, y],
      });
    }
  }
  for (const [key, color] of PATH_METRICS) {
    const points = paper.filter((p) => p.metric === key);
    if (points.length === 0) continue;
    traces.push({
      type: "scatter",
      mode: "markers",
      name: `${SUMMARY_LABELS[key]}: paper`,
      marker: { symbol: "diamond-open", size: 12, color, line: { width: 2 } },
      x: points.map((p) => p.lambda),
      y: points.map((p) => percentToFraction(p.value)),
      text: points.map((p) => `paper, ${p.label}: ${p.value}%`),
      hovertemplate: "%{text}<extra></extra>",
    });
  }
  return plotlyFigure(traces, {
    title: options.title,
    layout: {
      xaxis: { title: { text: "λ" }, dtick: 0.1 },
      yaxis: { title: { text: "test metric" }, tickformat: ".0%", rangemode: "tozero" },
    },
  });
}

/**
 * The points the paper quotes on Figure 1 (`btm_paper.txt:325`): f (λ = 0)
 * H 1.47 / G 15.22 and f^D (λ = 1) H 26.37 / G 32.98, from `PAPER_CLAIMS`.
 */
export function figure1PaperPoints(): PaperPoint[] {
  const n = (name: string) => paperNumber("btm-obs1", name);
  return [
    { lambda: 0, metric: "harmonicMean", value: n("f.hMean"), label: "f" },
    { lambda: 0, metric: "geometricMean", value: n("f.gMean"), label: "f" },
    { lambda: 1, metric: "harmonicMean", value: n("fD.hMean"), label: "f^D" },
    { lambda: 1, metric: "geometricMean", value: n("fD.gMean"), label: "f^D" },
  ];
}

/**
 * The points the paper quotes on Figure 2 (`btm_paper.txt:416`): f^{D_A}
 * (λ = 1) 26.37 / 32.98, f^{D_B} (λ = 0) 15.54 / 26.37, λ = 0.5 26.56 / 33.53.
 */
export function figure2PaperPoints(): PaperPoint[] {
  const n = (name: string) => paperNumber("btm-obs4", name);
  const mid = n("lambda");
  return [
    { lambda: 1, metric: "harmonicMean", value: n("fDA.hMean"), label: "f^{D_A}" },
    { lambda: 1, metric: "geometricMean", value: n("fDA.gMean"), label: "f^{D_A}" },
    { lambda: 0, metric: "harmonicMean", value: n("fDB.hMean"), label: "f^{D_B}" },
    { lambda: 0, metric: "geometricMean", value: n("fDB.gMean"), label: "f^{D_B}" },
    { lambda: mid, metric: "harmonicMean", value: n("mid.hMean"), label: `λ = ${mid}` },
    { lambda: mid, metric: "geometricMean", value: n("mid.gMean"), label: `λ = ${mid}` },
  ];
}

/**
 * M_p against p for each named recall vector, with dotted lines at the
 * H-mean (p = −1), G-mean (p = 0) and accuracy (p = 1).
 */
export function powerMeanFigure(curves: Readonly<Record<string, PowerMeanCurve>>): PlotlyFigure {
  const marks: [number, string][] = [[-1, "H"], [0, "G"], [1, "A"]];
  return plotlyFigure(
    Object.entries(curves).map(([name, c]) => ({
      type: "scatter",
      mode: "lines",
      name,
      x: c.powers,
      y: c.means,
    })),
    {
      title: "Generalized mean M_p of per-class recall against p",
      layout: {
        xaxis: { title: { text: "p" } },
        yaxis: { title: { text: "M_p" }, range: [0, 1], tickformat: ".0%" },
        shapes: marks.map(([p]) => ({
          type: "line",
          x0: p,
          x1: p,
          yref: "paper",
          y0: 0,
          y1: 1,
          line: { dash: "dot", width: 1, color: "#888" },
        })),
        annotations: marks.map(([p, t]) => ({
          x: p,
          y: 1,
          yref: "paper",
          text: t,
          showarrow: false,
          yanchor: "bottom",
        })),
      },
    },
  );
}

/**
 * Table 7's two arms as lines, ours (mean ± sd over seeds) beside the
 * paper's (open diamonds): `metric` against N_D at the centre's N_C (bottom
 * axis), and against N_C at the centre's N_D (top axis).
 */
export function crossFigure(
  results: readonly Pick<
    SubsetGridResult,
    "center" | "subsetCounts" | "perClassValues" | "cells"
  >[],
  metric: "harmonicMean" | "geometricMean" | "accuracy",
  options: { title: string },
): PlotlyFigure {
  const { center, subsetCounts, perClassValues } = results[0];
  const nds = [...subsetCounts].sort((a, b) => a - b);
  const ncs = [...perClassValues].sort((a, b) => a - b);
  const arm = (values: number[], cellOf: (v: number) => [number, number]) =>
    values.map((v) =>
      seedStats(results.map((r) => crossCell(r, ...cellOf(v)).postTrained.summary[metric]))
    );
  const paper = (nD: number, nC: number) => {
    try {
      const v = paperValue("table7", `N_D = ${nD}, N_C = ${nC}`, metric);
      return v === null ? null : percentToFraction(v);
    } catch {
      return null; // a cell the paper does not print (the smoke preset's cross)
    }
  };
  const byNd = arm(nds, (n) => [n, center.perClass]);
  const byNc = arm(ncs, (n) => [center.subsets, n]);
  const err = (s: { sd: number | null }[]) =>
    results.length > 1
      ? { error_y: { type: "data", array: s.map((x) => x.sd), visible: true } }
      : {};
  return plotlyFigure([
    {
      type: "scatter",
      mode: "lines+markers",
      name: `ours, N_C = ${center.perClass}, over N_D (bottom axis)`,
      x: nds,
      y: byNd.map((s) => s.mean),
      line: { color: "#1f77b4" },
      ...err(byNd),
    },
    {
      type: "scatter",
      mode: "markers",
      name: `paper, N_C = ${center.perClass}`,
      x: nds,
      y: nds.map((n) => paper(n, center.perClass)),
      marker: { symbol: "diamond-open", size: 12, color: "#1f77b4" },
    },
    {
      type: "scatter",
      mode: "lines+markers",
      name: `ours, N_D = ${center.subsets}, over N_C (top axis)`,
      x: ncs,
      y: byNc.map((s) => s.mean),
      xaxis: "x2",
      line: { color: "#ff7f0e", dash: "dash" },
      ...err(byNc),
    },
    {
      type: "scatter",
      mode: "markers",
      name: `paper, N_D = ${center.subsets}`,
      x: ncs,
      y: ncs.map((n) => paper(center.subsets, n)),
      xaxis: "x2",
      marker: { symbol: "diamond-open", size: 12, color: "#ff7f0e" },
    },
  ], {
    title: options.title,
    height: 440,
    layout: {
      xaxis: { title: { text: "N_D (subsets merged)" }, type: "log", tickvals: nds },
      xaxis2: {
        title: { text: "N_C (images per class)" },
        overlaying: "x",
        side: "top",
        type: "log",
        tickvals: ncs,
      },
      yaxis: { title: { text: `test ${SUMMARY_LABELS[metric]}` }, tickformat: ".1%" },
      legend: { orientation: "h", y: -0.25 },
    },
  });
}

/**
 * Each member's test H-mean, their mean, the merge, the merge after
 * post-train and the two-stage model: one bar per seed, and the paper's
 * Table 5 (Places-LT) as open diamonds.
 */
export function membersFigure(
  results: readonly Pick<
    BtmMembersResult,
    "seed" | "data" | "members" | "memberMean" | "merge" | "mergePostTrain" | "twoStage"
  >[],
): PlotlyFigure {
  const n = results[0].members.length;
  const categories = [
    ...Array.from({ length: n }, (_, i) => `Member ${i + 1}`),
    "Mean of members",
    "Merge",
    "Merge + post-train",
    "Two-stage (no BTM)",
  ];
  const traces: PlotlyTrace[] = results.map((r) => ({
    type: "bar",
    name: `ours, seed ${r.seed}`,
    x: categories,
    y: [
      ...r.members.map((m) => m.summary.harmonicMean),
      r.memberMean.harmonicMean!,
      r.merge.summary.harmonicMean,
      r.mergePostTrain.summary.harmonicMean,
      r.twoStage.summary.harmonicMean,
    ],
    // Beside every H-mean, its classes at zero recall (the mean member: their mean).
    customdata: [
      ...r.members.map((m) => m.summary.zeroClasses),
      r.members.reduce((a, m) => a + m.summary.zeroClasses, 0) / r.members.length,
      r.merge.summary.zeroClasses,
      r.mergePostTrain.summary.zeroClasses,
      r.twoStage.summary.zeroClasses,
    ],
    hovertemplate: "%{x}: H-mean %{y:.2%} (%{customdata} zero-recall classes)<extra></extra>",
  }));
  const rows = paperTable("table5").rows.filter((r) => r.group === "Balanced Training");
  const p = (row: string) => percentToFraction(paperValue("table5", row, "harmonicMean")!);
  const paperMembers = rows.map((r) => p(r.method));
  traces.push({
    type: "scatter",
    mode: "markers",
    name: "paper, Table 5 (Places-LT)",
    marker: { symbol: "diamond-open", size: 11, color: "#333" },
    x: categories,
    y: [
      ...categories.slice(0, n).map((_, i) => paperMembers[i] ?? null),
      Number((paperMembers.reduce((a, b) => a + b, 0) / paperMembers.length).toPrecision(12)),
      p("Merge"),
      p("Post-train"),
      p("Stage2"),
    ],
  });
  return plotlyFigure(traces, {
    title: `Test H-mean of each balanced fine-tune, their merge, and the two-stage model (${
      results[0].data.name
    })`,
    layout: {
      barmode: "group",
      yaxis: { title: { text: "H-mean" }, tickformat: ".1%", rangemode: "tozero" },
    },
  });
}

/**
 * Per-class recall of each model as bars, classes sorted by training count
 * (head on the left), and the class's training images as a line on a
 * logarithmic right axis.
 */
export function recallByCountFigure(sorted: RecallByTrainCount, title: string): PlotlyFigure {
  const classLabels = sorted.order.map((c) => `class ${c}`);
  return plotlyFigure(
    [
      ...Object.entries(sorted.recalls).map(([name, recalls]) => ({
        type: "bar",
        name,
        x: classLabels,
        y: recalls,
      })),
      {
        type: "scatter",
        mode: "lines",
        name: "training images",
        x: classLabels,
        y: sorted.counts,
        yaxis: "y2",
        line: { color: "#555", width: 2 },
      },
    ],
    {
      title,
      height: 480,
      layout: {
        barmode: "group",
        bargap: 0.1,
        xaxis: {
          title: { text: `classes, most training images first (${sorted.order.length})` },
          showticklabels: false,
        },
        yaxis: { title: { text: "test recall" }, range: [0, 1], tickformat: ".0%" },
        yaxis2: { title: { text: "training images" }, overlaying: "y", side: "right", type: "log" },
        legend: { orientation: "h", y: -0.15 },
      },
    },
  );
}

/**
 * Table 6 as bars: each merge's test H-mean and G-mean before and after
 * post-train, mean over seeds with ± one standard deviation.
 */
export function mergeStrategiesFigure(
  results: readonly Pick<MergeStrategiesResult, "data" | "outcomes">[],
): PlotlyFigure {
  const names = results[0].outcomes.map((o) => o.name);
  const labels = results[0].outcomes.map((o) => o.def.label);
  const series: [string, "before" | "after", "harmonicMean" | "geometricMean"][] = [
    ["H-mean, merge", "before", "harmonicMean"],
    ["H-mean, + post-train", "after", "harmonicMean"],
    ["G-mean, merge", "before", "geometricMean"],
    ["G-mean, + post-train", "after", "geometricMean"],
  ];
  return plotlyFigure(
    series.map(([name, when, metric]) => {
      const stats = names.map((n) =>
        seedStats(results.map((r) => r.outcomes.find((o) => o.name === n)![when].test[metric]))
      );
      return {
        type: "bar",
        name,
        x: labels,
        y: stats.map((s) => s.mean),
        ...(results.length > 1
          ? { error_y: { type: "data", array: stats.map((s) => s.sd), visible: true } }
          : {}),
      };
    }),
    {
      title: `Merge strategies on test (${results[0].data.name}${
        results.length > 1 ? `, mean ± sd over ${results.length} seeds` : ""
      })`,
      layout: {
        barmode: "group",
        yaxis: { title: { text: "test metric" }, tickformat: ".1%", rangemode: "tozero" },
      },
    },
  );
}
