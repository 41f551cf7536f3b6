/**
 * The figures of the sections' results (no tfjs): metric curves along an
 * interpolation path, the generalized mean against p, Table 7's heatmaps,
 * the members against their merge, and per-class recall by training count.
 *
 * @module
 */
import type { InterpolationPoint } from "../../eval/interpolation_curve.ts";
import type { RecallSummary } from "../../metrics/mod.ts";
import {
  groupedBars,
  type GroupedBarsOptions,
  type PlotlyFigure,
  plotlyFigure,
  type PlotlyTrace,
} from "../../report/mod.ts";
import type { BtmMembersResult } from "../sections/btm_members.ts";
import type { SubsetGridResult } from "../sections/subset_grid.ts";
import { gridMatrix } from "./grid_matrix.ts";
import type { PowerMeanCurve } from "./power_mean_curve.ts";
import type { RecallByTrainCount } from "./recall_by_train_count.ts";
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
  /** Its test summary. */
  summary: RecallSummary;
  /** Line style: `dash` or `dot`. */
  dash: "dash" | "dot";
}

/** Options of {@linkcode curveFigure}. */
export interface CurveFigureOptions {
  /** Title above the figure. */
  title: string;
  /** Models drawn as level lines of the same colours; default none (then legends name only the metric). */
  references?: readonly CurveReference[];
}

/**
 * H-mean, G-mean and accuracy along an interpolation path (x = λ), and, as
 * dashed or dotted level lines of the same colour, the same metrics of
 * reference models.
 */
export function curveFigure(
  curve: readonly InterpolationPoint[],
  options: CurveFigureOptions,
): PlotlyFigure {
  const refs = options.references ?? [];
  const suffix = refs.length > 0 ? ": path" : "";
  const traces: PlotlyTrace[] = PATH_METRICS.map(([key, color]) => ({
    type: "scatter",
    mode: "lines+markers",
    name: `${SUMMARY_LABELS[key]}${suffix}`,
    ...(refs.length > 0 ? { line: { color } } : {}),
    x: curve.map((p) => p.lambda),
    y: curve.map((p) => p.summary[key]),
  }));
  for (const ref of refs) {
    for (const [key, color] of PATH_METRICS) {
      traces.push({
        type: "scatter",
        mode: "lines",
        name: `${SUMMARY_LABELS[key]}: ${ref.name}`,
        line: { color, dash: ref.dash, ...(ref.dash === "dot" ? { width: 1 } : {}) },
        x: [0, 1],
        y: [ref.summary[key], ref.summary[key]],
      });
    }
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

/** Options of {@linkcode gridHeatmap}. */
export interface GridHeatmapOptions {
  /** Title above the figure. */
  title: string;
  /** Plotly colour scale; default `Viridis`. */
  colorscale?: string;
}

/** One metric of Table 7's post-trained cells as a heatmap: rows N_C, columns N_D. */
export function gridHeatmap(
  result: Pick<SubsetGridResult, "subsetCounts" | "perClassValues" | "cells">,
  metric: SummaryMetric,
  options: GridHeatmapOptions,
): PlotlyFigure {
  const label = metric === "accuracy" ? "accuracy" : SUMMARY_LABELS[metric];
  return plotlyFigure(
    [{
      type: "heatmap",
      x: result.subsetCounts.map((n) => `N_D = ${n}`),
      y: result.perClassValues.map((n) => `N_C = ${n}`),
      z: gridMatrix(result, metric),
      texttemplate: "%{z:.1%}",
      colorscale: options.colorscale ?? "Viridis",
      colorbar: { tickformat: ".0%" },
      hovertemplate: `%{x}, %{y}: ${label} %{z:.2%}<extra></extra>`,
    }],
    { title: options.title, height: 360 },
  );
}

/** Each member's test H-mean beside their mean, their uniform merge and the merge after post-training. */
export function membersFigure(result: BtmMembersResult): PlotlyFigure {
  const bar = (name: string, x: string[], y: number[]) => ({ type: "bar", name, x, y });
  return plotlyFigure(
    [
      bar(
        "members",
        result.members.map((m) => `Member ${m.index + 1}`),
        result.members.map((m) => m.summary.harmonicMean),
      ),
      bar("mean of members", ["Mean of members"], [result.memberMean.harmonicMean!]),
      bar("uniform merge", ["Uniform merge"], [result.merge.summary.harmonicMean]),
      bar("merge + post-train", ["Merge + post-train"], [
        result.mergePostTrain.summary.harmonicMean,
      ]),
    ],
    {
      title: `Test H-mean of each balanced fine-tune and of their merge (${result.data.name})`,
      layout: { yaxis: { title: { text: "H-mean" }, tickformat: ".2%", rangemode: "tozero" } },
    },
  );
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
