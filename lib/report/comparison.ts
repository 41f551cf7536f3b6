/**
 * Comparisons of measured numbers that decide whether a paper's claim holds.
 * Each returns its decision together with the numbers and a sentence built
 * from them, so a verdict can never be text typed by hand.
 *
 * @module
 */

import { formatFraction } from "./format_fraction.ts";

/** A named measured number. */
export interface Quantity {
  /** What was measured, e.g. `"BTM H-mean"`. */
  label: string;
  /** The value: a fraction in [0, 1] when the unit is `"percent"`. */
  value: number;
}

/** The outcome of a comparison: decision, evidence sentence, and the numbers. */
export interface Comparison {
  /** Whether the compared relation holds for the measured numbers. */
  holds: boolean;
  /** The comparison in words, with the numbers. */
  evidence: string;
  /** The numbers compared, by label. */
  values: Record<string, number>;
}

/** Options shared by the comparisons. */
export interface ComparisonOptions {
  /**
   * How values are written: `"percent"` (fractions shown as %, differences in
   * points) or `"number"`. Default `"percent"`, since metrics are fractions.
   */
  unit?: "percent" | "number";
  /** Digits after the decimal point. Default 1. */
  digits?: number;
}

/** Options of {@link greaterThan}. */
export interface GreaterThanOptions extends ComparisonOptions {
  /**
   * How much larger `a` must be, in the values' own unit (a fraction for
   * percentages: 0.01 = 1 point). Default 0: any improvement counts.
   */
  margin?: number;
}

/** Options of {@link closeTo}. */
export interface CloseToOptions extends ComparisonOptions {
  /**
   * Largest allowed |a − b|, in the values' own unit (0.02 = 2 points for
   * percentages). Required: "close" means nothing without it.
   */
  tolerance: number;
}

function writer(options: ComparisonOptions) {
  const unit = options.unit ?? "percent";
  const digits = options.digits ?? 1;
  const value = (v: number) =>
    unit === "percent" ? formatFraction(v, { digits }) : v.toFixed(digits);
  const diff = (d: number) =>
    unit === "percent" ? `${(d * 100).toFixed(digits)} points` : d.toFixed(digits);
  return { value, diff };
}

function checkQuantity(q: Quantity, options: ComparisonOptions): void {
  if (!q || typeof q.value !== "number" || !Number.isFinite(q.value)) {
    throw new TypeError(`Cannot compare ${JSON.stringify(q)}: its value must be a finite number`);
  }
  if ((options.unit ?? "percent") === "percent") writer(options).value(q.value);
}

/**
 * Whether `a` exceeds `b` by more than `options.margin`.
 *
 * @example
 * ```ts
 * import { greaterThan } from "./comparison.ts";
 * const c = greaterThan({ label: "BTM", value: 0.45 }, { label: "CE", value: 0.40 });
 * if (!c.holds || !c.evidence.includes("45.0%")) throw new Error();
 * ```
 */
export function greaterThan(
  a: Quantity,
  b: Quantity,
  options: GreaterThanOptions = {},
): Comparison {
  checkQuantity(a, options);
  checkQuantity(b, options);
  const margin = options.margin ?? 0;
  const w = writer(options);
  const d = a.value - b.value;
  const holds = d > margin;
  const by = d >= 0 ? `higher by ${w.diff(d)}` : `lower by ${w.diff(-d)}`;
  const need = margin > 0 ? `; a margin of more than ${w.diff(margin)} is required` : "";
  const evidence = `${a.label} is ${w.value(a.value)} and ${b.label} is ${w.value(b.value)}: ` +
    `${a.label} is ${d === 0 ? "equal" : by}${need}`;
  return { holds, evidence, values: { [a.label]: a.value, [b.label]: b.value } };
}

/**
 * Whether `a` and `b` differ by at most `options.tolerance`.
 *
 * @example
 * ```ts
 * import { closeTo } from "./comparison.ts";
 * const c = closeTo({ label: "ours", value: 0.45 }, { label: "paper", value: 0.46 }, { tolerance: 0.02 });
 * if (!c.holds) throw new Error();
 * ```
 */
export function closeTo(a: Quantity, b: Quantity, options: CloseToOptions): Comparison {
  checkQuantity(a, options);
  checkQuantity(b, options);
  const tolerance = options?.tolerance;
  if (typeof tolerance !== "number" || !(tolerance >= 0)) {
    throw new RangeError(`Cannot compare with tolerance ${tolerance}: give a number ≥ 0`);
  }
  const w = writer(options);
  const gap = Math.abs(a.value - b.value);
  const holds = gap <= tolerance;
  const evidence = `${a.label} is ${w.value(a.value)} and ${b.label} is ${w.value(b.value)}: ` +
    `${w.diff(gap)} apart, ${holds ? "within" : "more than"} the tolerance of ${w.diff(tolerance)}`;
  return { holds, evidence, values: { [a.label]: a.value, [b.label]: b.value } };
}

/** Holds when every one of `comparisons` holds; the evidence lists them all. */
export function allOf(comparisons: Comparison[]): Comparison {
  if (comparisons.length === 0) {
    throw new RangeError("Cannot combine zero comparisons: a claim needs evidence");
  }
  const failed = comparisons.filter((c) => !c.holds).length;
  const prefix = failed === 0
    ? `all ${comparisons.length} comparisons hold`
    : `${failed} of ${comparisons.length} comparisons fail`;
  return {
    holds: failed === 0,
    evidence: `${prefix}: ` +
      comparisons.map((c) => `${c.evidence} (${c.holds ? "holds" : "fails"})`).join("; "),
    values: Object.assign({}, ...comparisons.map((c) => c.values)),
  };
}
