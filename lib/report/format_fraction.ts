/**
 * Number formatting for reports: metrics are fractions in [0, 1]; the report
 * shows them as percentages.
 *
 * @module
 */

/** Options of {@link formatFraction}. */
export interface FormatFractionOptions {
  /** Digits after the decimal point of the percentage. Default 1, as the papers' tables. */
  digits?: number;
  /** Append a `%` sign. Default true; tables whose header says "%" turn it off. */
  percentSign?: boolean;
}

/**
 * Formats a fraction in [0, 1] as a percentage, e.g. `0.4567` → `"45.7%"`.
 * Throws for a value outside [0, 1] or not finite, since that is a metric
 * given in the wrong unit (e.g. a paper's `45.7` typed as printed).
 *
 * @example
 * ```ts
 * import { formatFraction } from "./format_fraction.ts";
 * if (formatFraction(0.4567) !== "45.7%") throw new Error();
 * ```
 */
export function formatFraction(value: number, options: FormatFractionOptions = {}): string {
  checkFraction(value, "value");
  const digits = options.digits ?? 1;
  return (value * 100).toFixed(digits) + (options.percentSign ?? true ? "%" : "");
}

/**
 * Throws unless `value` is a finite number in [0, 1]; `what` names the value
 * in the error.
 */
export function checkFraction(value: number, what: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(
      `Cannot format ${what} ${value} as a percentage: metrics must be fractions in [0, 1] ` +
        `(write 45.7% as 0.457)`,
    );
  }
}
