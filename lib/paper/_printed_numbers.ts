/**
 * Reading numbers as the papers print them: the numeric cells of a table line
 * and a number written in prose ("26.37%", "5×10−4", "5 \times 10^{-2}").
 * Internal to lib/paper.
 *
 * @module
 */

/** One number printed on a table line. */
export interface PrintedNumber {
  /** The characters as printed, e.g. "115,846" or "00.73". */
  text: string;
  /** Its value (thousands separators removed). */
  value: number;
  /** Whether an asterisk ("*" or "\*") follows it: the papers' mark for a value computed with the 10⁻³ floor. */
  asterisk: boolean;
  /** Whether it has a decimal point (table values do; setting labels such as "N_D = 20" do not). */
  decimal: boolean;
}

/**
 * The numbers printed on one table line, in order, after removing what is
 * not a cell value: HTML tags (`<b>`), citation brackets (`[25]`, `[21, 39]`)
 * and parenthesised text (GML Table 6's derived gains "(15.56 ↑)").
 * Digits inside words (Model10, Stage1&2, iNaturalist2018) come out as numbers
 * too; callers read a row's values from the end of the line.
 */
export function printedNumbers(line: string): PrintedNumber[] {
  const cleaned = line
    .replace(/<[^>]*>/g, " ")
    .replace(/\[\d+(?:\s*,\s*\d+)*\]/g, " ")
    .replace(/\([^)]*\)/g, " ");
  const out: PrintedNumber[] = [];
  const re = /\d+(?:,\d{3})*(?:\.\d+)?/g;
  for (const m of cleaned.matchAll(re)) {
    const text = m[0];
    const after = cleaned.slice(m.index! + text.length, m.index! + text.length + 2);
    out.push({
      text,
      value: Number(text.replace(/,/g, "")),
      asterisk: after.startsWith("*") || after.startsWith("\\*"),
      decimal: text.includes("."),
    });
  }
  return out;
}

/**
 * The value of a number written in prose, or NaN when `printed` is not one
 * number. Accepted forms: "26.37", "26.37%", "+18.43%", "1,000", "0.1",
 * "10−3" (ten to the minus three, as the PDF extract prints 10⁻³),
 * "5×10−4", "5× 10−4", "5 \times 10^{-4}", "10^{-3}".
 */
export function parsePrintedNumber(printed: string): number {
  const s = printed.trim();
  const plain = /^\+?(\d+(?:,\d{3})*(?:\.\d+)?)%?$/.exec(s);
  if (plain) return Number(plain[1].replace(/,/g, ""));
  // mantissa × 10^-exponent, in the PDF extract's or LaTeX's spelling.
  const sci = /^(?:(\d+(?:\.\d+)?)\s*(?:×|\\times)\s*)?10(?:−|\^\{-)(\d+)\}?$/.exec(s);
  if (sci) {
    const mantissa = sci[1] === undefined ? 1 : Number(sci[1]);
    // Build the decimal exactly (5e-4, not 5 * 1e-4 = 0.0005000000000000001).
    return Number(`${mantissa}e-${sci[2]}`);
  }
  return NaN;
}

/**
 * Whether `printed` occurs in `text` as a whole number: not preceded by a
 * digit or a letter, not followed by a digit, and not next to a decimal point
 * and digit (so "1" is not found inside "15.00" or "1.47", nor "100" inside
 * "CIFAR100-LT").
 */
export function containsPrinted(text: string, printed: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(printed, from);
    if (at === -1) return false;
    const before = text[at - 1] ?? "";
    const after = text.slice(at + printed.length, at + printed.length + 2);
    const attachedBefore = /[\dA-Za-z]/.test(before) ||
      (before === "." && /\d/.test(text[at - 2] ?? ""));
    const digitAfter = /^\d/.test(after) || /^[.,]\d/.test(after);
    if (!attachedBefore && !digitAfter) return true;
    from = at + 1;
  }
}
