/**
 * Grouped bar charts: one group per category, one bar per series — the
 * figure of "these models on these metrics" and "without and with BTM".
 *
 * @module
 */

import { type PlotlyFigure, plotlyFigure } from "./plotly_figure.ts";

/** Options of {@link groupedBars}. */
export interface GroupedBarsOptions {
  /** Title above the figure. Required: a figure says what it shows. */
  title: string;
  /** Title of the value axis; default none. */
  yTitle?: string;
  /**
   * d3 format of the value axis; default `.0%` (values are fractions). Use
   * `.2%` when the bars differ by tenths of points.
   */
  yFormat?: string;
  /** Start the value axis at zero; default true (bars are read by their length). */
  fromZero?: boolean;
  /** Height in CSS pixels; default 400 (`plotlyFigure`'s). */
  height?: number;
  /** Let long category names take the room they need under the axis; default false. */
  longCategories?: boolean;
}

/**
 * A grouped bar chart: `series[name][i]` is the bar of series `name` in
 * group `categories[i]`. Every series must have one value per category
 * (`null` leaves a gap).
 *
 * @example
 * ```ts
 * import { groupedBars } from "./grouped_bars.ts";
 * const fig = groupedBars(["CE", "cRT"], { "without BTM": [0.1, 0.2], "with BTM": [0.15, 0.25] }, {
 *   title: "H-mean",
 * });
 * if (fig.data.length !== 2 || fig.layout.barmode !== "group") throw new Error();
 * ```
 */
export function groupedBars(
  categories: readonly string[],
  series: Readonly<Record<string, readonly (number | null)[]>>,
  options: GroupedBarsOptions,
): PlotlyFigure {
  const names = Object.keys(series);
  if (names.length === 0) {
    throw new RangeError(`Cannot draw "${options.title}": give at least one series of bars`);
  }
  for (const name of names) {
    if (series[name].length !== categories.length) {
      throw new RangeError(
        `Cannot draw "${options.title}": series "${name}" has ${
          series[name].length
        } values for ${categories.length} categories`,
      );
    }
  }
  return plotlyFigure(
    names.map((name) => ({ type: "bar", name, x: [...categories], y: [...series[name]] })),
    {
      title: options.title,
      height: options.height,
      layout: {
        barmode: "group",
        ...(options.longCategories ? { xaxis: { automargin: true } } : {}),
        yaxis: {
          ...(options.yTitle ? { title: { text: options.yTitle } } : {}),
          tickformat: options.yFormat ?? ".0%",
          ...((options.fromZero ?? true) ? { rangemode: "tozero" } : {}),
        },
      },
    },
  );
}
