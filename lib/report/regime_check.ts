/**
 * Regime checks: whether a measured number lies in the range the experiments
 * must reach for the paper's claims to be testable at all (a CE pre-train
 * with a few zero-recall classes, balanced fine-tunes that lift the H-mean).
 * They are not verdicts on the paper's claims; the report index lists them
 * apart, each with its number, its range and whether it is met.
 *
 * No tfjs, no I/O.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "./display_bundle.ts";
import { escapeHtml } from "./escape_html.ts";

/** MIME type of a regime check table (machine-readable, listed in the report index). */
export const REGIME_MIME = "application/vnd.btm-lab.regime+json";

/** One regime target measured: the number, its range, whether it lies in it. */
export interface RegimeRecord {
  /** Stable id, e.g. `pretrain-accuracy`. */
  id: string;
  /** What is measured, in a few words ("CE pre-train accuracy, synth100-16"). */
  what: string;
  /** Lowest value that meets the target (inclusive); null for no lower bound. */
  min: number | null;
  /** Highest value that meets the target (inclusive); null for no upper bound. */
  max: number | null;
  /** Unit of `min`, `max` and the values: `%` (percent), `points` or `classes`. */
  unit: "%" | "points" | "classes";
  /** The measured value per seed, in `unit`. */
  perSeed: number[];
  /** What is judged: the mean over the seeds (or the median, see `statistic`). */
  value: number;
  /** How `value` comes from the per-seed values (and members): `mean` or `median`. */
  statistic: "mean" | "median";
  /** Whether `value` lies in [min, max]. */
  met: boolean;
  /** Where the range comes from (the papers' numbers it stands for). */
  basis: string;
}

/** The target's range as text: "28–50 %", "≥ 15 %", "≤ 0 classes". */
export function regimeRange(r: Pick<RegimeRecord, "min" | "max" | "unit">): string {
  const u = r.unit === "%" ? " %" : ` ${r.unit}`;
  if (r.min !== null && r.max !== null) return `${r.min}–${r.max}${u}`;
  if (r.min !== null) return `≥ ${r.min}${u}`;
  if (r.max !== null) return `≤ ${r.max}${u}`;
  return "any";
}

/**
 * A regime record from per-seed values. `value` is their mean (or the given
 * value, e.g. a median over members); `met` says whether it lies in range.
 *
 * @throws RangeError naming the target when a value (or the given `value`) is not finite, or
 * no value is given.
 */
export function regimeRecord(
  target: Omit<RegimeRecord, "perSeed" | "value" | "met" | "statistic">,
  perSeed: readonly number[],
  options: { value?: number; statistic?: "mean" | "median" } = {},
): RegimeRecord {
  if (perSeed.length === 0 || perSeed.some((v) => !Number.isFinite(v))) {
    throw new RangeError(
      `Cannot check the regime target ${target.id}: values ${JSON.stringify(perSeed)}`,
    );
  }
  if (options.value !== undefined && !Number.isFinite(options.value)) {
    // NaN would read as met when the range is open on both sides, and never met otherwise.
    throw new RangeError(
      `Cannot check the regime target ${target.id}: its value is ${options.value}`,
    );
  }
  const value = options.value ?? perSeed.reduce((a, b) => a + b, 0) / perSeed.length;
  const met = (target.min === null || value >= target.min) &&
    (target.max === null || value <= target.max);
  return {
    ...target,
    perSeed: [...perSeed],
    value,
    statistic: options.statistic ?? "mean",
    met,
  };
}

const fmt = (v: number, unit: RegimeRecord["unit"]) =>
  unit === "classes" ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : v.toFixed(2);

/** One line of text per record. */
export function regimeText(records: readonly RegimeRecord[]): string {
  return records.map((r) =>
    `${r.met ? "met" : "NOT MET"}: ${r.what} ${fmt(r.value, r.unit)} (${r.statistic}; per seed ${
      r.perSeed.map((v) => fmt(v, r.unit)).join(", ")
    }), target ${regimeRange(r)} — ${r.basis}`
  ).join("\n");
}

/** The records as an HTML table. */
export function regimeHtml(records: readonly RegimeRecord[], caption: string): string {
  const rows = records.map((r) =>
    `<tr><td>${escapeHtml(r.what)}</td><td>${fmt(r.value, r.unit)}${
      r.unit === "%" ? " %" : ""
    }</td><td>${escapeHtml(r.perSeed.map((v) => fmt(v, r.unit)).join(", "))}</td><td>${
      escapeHtml(regimeRange(r))
    }</td><td style="color:${r.met ? "#1a7f37" : "#b42318"}">${r.met ? "met" : "not met"}</td><td>${
      escapeHtml(r.basis)
    }</td></tr>`
  ).join("");
  return `<table class="regime"><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr><th>target</th><th>ours</th><th>per seed</th><th>range</th><th>met?</th>` +
    `<th>basis</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A displayable regime table: HTML, text, and the records under {@linkcode REGIME_MIME}. */
export interface RegimeDisplay {
  /** The records. */
  readonly records: readonly RegimeRecord[];
  /** Whether every target is met. */
  readonly allMet: boolean;
  /** The Jupyter display bundle. */
  [JUPYTER_DISPLAY](): MimeBundle;
}

/**
 * A table of regime records for a notebook; the report index lists every
 * record it displays.
 *
 * @example
 * ```ts
 * import { regimeDisplay, regimeRecord } from "./regime_check.ts";
 * const r = regimeRecord(
 *   { id: "x", what: "accuracy", min: 28, max: 50, unit: "%", basis: "paper 38.74" },
 *   [40, 42],
 * );
 * if (!regimeDisplay([r], "t").allMet) throw new Error();
 * ```
 */
export function regimeDisplay(records: readonly RegimeRecord[], caption: string): RegimeDisplay {
  const list = [...records];
  return {
    records: list,
    allMet: list.every((r) => r.met),
    [JUPYTER_DISPLAY]: () => ({
      "text/plain": `${caption}\n${regimeText(list)}`,
      "text/html": regimeHtml(list, caption),
      [REGIME_MIME]: list,
    }),
  };
}
