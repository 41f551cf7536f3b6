/**
 * Plotly figures that show both in live Jupyter frontends and in the static
 * report, without ever putting plotly.js itself into a cell output.
 *
 * @module
 */

import {
  type Displayable,
  JUPYTER_DISPLAY,
  type MimeBundle,
  PLOTLY_MIME,
} from "./display_bundle.ts";
import { jsonForScript } from "./escape_html.ts";

/** One plotly trace (`{type: "bar", x, y, name}` etc.), as plotly.js takes it. */
export type PlotlyTrace = Record<string, unknown>;

/** Options of {@link plotlyFigure}. */
export interface PlotlyFigureOptions {
  /** Plotly layout (axes, legend, title…); merged over the defaults below. Default `{}`. */
  layout?: Record<string, unknown>;
  /** Plot title, shown above the figure and used as its text form. Default none. */
  title?: string;
  /** Height of the figure in CSS pixels. Default 400, readable on a laptop screen. */
  height?: number;
  /**
   * Plotly config. Default `{responsive: true, displaylogo: false}`: the
   * figure follows the page width and shows no link to plotly's site (the
   * report works offline).
   */
  config?: Record<string, unknown>;
}

/** A plotly figure as data, displayable by Deno's Jupyter kernel. */
export interface PlotlyFigure extends Displayable {
  /** The traces. */
  readonly data: PlotlyTrace[];
  /** The layout, defaults applied. */
  readonly layout: Record<string, unknown>;
  /** The plotly config, defaults applied. */
  readonly config: Record<string, unknown>;
}

/**
 * The AMD module id under which a figure asks the page's require.js for
 * plotly.js where no global `Plotly` is loaded: the classic Jupyter Notebook
 * (`./lab notebook` serves the pinned plotly.js there, from
 * `<base>/static/plotly.js`), as plotly's own notebook renderer does.
 */
export const PLOTLY_AMD_MODULE = "plotly";

const NO_AMD_PLOTLY = `(figure: this notebook server does not serve plotly.js as the module ` +
  `"${PLOTLY_AMD_MODULE}"; start it with ./lab notebook)`;

// Element ids must be unique within a page; a page is one notebook, executed
// by one kernel, so a counter plus a content hash is enough (no randomness).
let figureCounter = 0;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * A plotly figure whose display bundle holds
 * - `application/vnd.plotly.v1+json` (`{data, layout, config}`) for live
 *   frontends with a plotly renderer;
 * - `text/html`: a `<div>` and a short script that draws it with the page's
 *   global `Plotly` (the report's page template loads `assets/plotly.min.js`
 *   once in its `<head>`), else, on a page with require.js (the classic
 *   Jupyter Notebook), with the AMD module {@linkcode PLOTLY_AMD_MODULE}
 *   (`./lab notebook` serves the same pinned plotly.js under it); where
 *   neither is there the div says so;
 * - `text/plain`: the title and trace names.
 *
 * @example
 * ```ts
 * import { JUPYTER_DISPLAY } from "./display_bundle.ts";
 * import { plotlyFigure } from "./plotly_figure.ts";
 * const fig = plotlyFigure([{ type: "bar", x: ["a", "b"], y: [0.4, 0.6] }], { title: "Recall" });
 * const bundle = fig[JUPYTER_DISPLAY]();
 * if (!String(bundle["text/html"]).includes(".newPlot(el, fig.data")) throw new Error();
 * ```
 */
export function plotlyFigure(
  data: PlotlyTrace[],
  options: PlotlyFigureOptions = {},
): PlotlyFigure {
  if (!Array.isArray(data) || data.length === 0) {
    throw new TypeError(
      `Cannot make a figure from ${JSON.stringify(data)}: give at least one trace`,
    );
  }
  const height = options.height ?? 400;
  if (!(height > 0) || !Number.isFinite(height)) {
    throw new RangeError(`Cannot make a figure ${height} px high: the height must be positive`);
  }
  const layout: Record<string, unknown> = {
    height,
    margin: { t: options.title ? 48 : 24, r: 16, b: 48, l: 56 },
    ...(options.title ? { title: { text: options.title } } : {}),
    ...(options.layout ?? {}),
  };
  const config = { responsive: true, displaylogo: false, ...(options.config ?? {}) };
  const figure = { data, layout, config };
  return {
    data,
    layout,
    config,
    [JUPYTER_DISPLAY]: (): MimeBundle => ({
      [PLOTLY_MIME]: figure,
      "text/html": figureHtml(figure, height),
      "text/plain": figureText(data, options.title),
    }),
  };
}

function figureHtml(
  figure: { data: PlotlyTrace[]; layout: Record<string, unknown>; config: Record<string, unknown> },
  height: number,
): string {
  const json = jsonForScript(figure);
  const id = `btm-plot-${fnv1a(json)}-${++figureCounter}`;
  return `<div id="${id}" class="btm-plot" style="width:100%;min-height:${height}px"></div>\n` +
    `<script>(function () {\n` +
    `  var el = document.getElementById(${JSON.stringify(id)});\n` +
    `  var fig = ${json};\n` +
    `  function draw(P) { P.newPlot(el, fig.data, fig.layout, fig.config); }\n` +
    `  if (typeof Plotly !== "undefined") return draw(Plotly);\n` +
    `  if (typeof define === "function" && define.amd && typeof require === "function") {\n` +
    // plotly.js 3 defines no AMD module: loaded by require.js it sets window.Plotly.
    `    require(["${PLOTLY_AMD_MODULE}"], function (P) { draw(P || window.Plotly); }, function () {\n` +
    `      el.textContent = ${JSON.stringify(NO_AMD_PLOTLY)};\n` +
    `    });\n` +
    `    return;\n` +
    `  }\n` +
    `  el.textContent = "(figure: plotly.js is not loaded on this page; see the HTML report)";\n` +
    `})();</script>`;
}

function figureText(data: PlotlyTrace[], title?: string): string {
  const names = data.map((t, i) => String(t.name ?? `trace ${i + 1}`));
  return `${title ? title + ": " : ""}plotly figure (${names.join(", ")})`;
}
