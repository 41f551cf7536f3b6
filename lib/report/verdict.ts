/**
 * A paper claim and whether it holds here, decided by a {@link Comparison}.
 *
 * @module
 */

import type { Comparison } from "./comparison.ts";
import {
  type Displayable,
  JUPYTER_DISPLAY,
  type MimeBundle,
  VERDICT_MIME,
} from "./display_bundle.ts";
import { escapeHtml } from "./escape_html.ts";

/** The machine-readable form of a verdict (the `application/vnd.btm-lab.verdict+json` data). */
export interface VerdictRecord {
  /** The paper's claim, in words. */
  claim: string;
  /** Whether it holds in our measurements. */
  holds: boolean;
  /** The comparison that decided it, in words with numbers. */
  evidence: string;
  /** The numbers compared, by label. */
  values: Record<string, number>;
  /** Where the claim is made, e.g. `"BTM paper, Table 2"`; null when not given. */
  source: string | null;
}

/** Options of {@link verdict}. */
export interface VerdictOptions {
  /** Where the paper makes the claim (section, table). Default none. */
  source?: string;
}

/** A verdict, displayable by Deno's Jupyter kernel. */
export interface Verdict extends Displayable {
  /** The verdict as data. */
  readonly record: VerdictRecord;
}

/**
 * States in plain words whether `claim` holds, with the numbers of the
 * comparison that decided it. The display bundle carries the verdict as
 * `application/vnd.btm-lab.verdict+json`, which the report index lists.
 *
 * @example
 * ```ts
 * import { greaterThan } from "./comparison.ts";
 * import { verdict } from "./verdict.ts";
 * const v = verdict("BTM beats CE on the H-mean",
 *   greaterThan({ label: "BTM", value: 0.38 }, { label: "CE", value: 0.41 }));
 * if (v.record.holds) throw new Error();
 * ```
 */
export function verdict(
  claim: string,
  comparison: Comparison,
  options: VerdictOptions = {},
): Verdict {
  if (typeof claim !== "string" || claim.trim() === "") {
    throw new TypeError(
      `Cannot state a verdict on claim ${JSON.stringify(claim)}: give the claim in words`,
    );
  }
  if (
    !comparison || typeof comparison.holds !== "boolean" || typeof comparison.evidence !== "string"
  ) {
    throw new TypeError(
      `Cannot state a verdict on "${claim}": the comparison ${JSON.stringify(comparison)} ` +
        `is not the result of greaterThan/closeTo/allOf`,
    );
  }
  const record: VerdictRecord = {
    claim,
    holds: comparison.holds,
    evidence: comparison.evidence,
    values: comparison.values,
    source: options.source ?? null,
  };
  const word = record.holds ? "Holds" : "Does not hold";
  const source = record.source
    ? ` <span class="btm-verdict-source">(${escapeHtml(record.source)})</span>`
    : "";
  const html = `<div class="btm-verdict ${record.holds ? "btm-holds" : "btm-fails"}" ` +
    `style="border-left:4px solid ${
      record.holds ? "#2e7d32" : "#c62828"
    };padding:4px 10px;margin:6px 0">` +
    `<strong>${word}:</strong> ${escapeHtml(claim)}${source}<br>` +
    `<span class="btm-verdict-evidence">${escapeHtml(record.evidence)}.</span></div>`;
  const text = `${word.toUpperCase()}: ${claim}${
    record.source ? ` (${record.source})` : ""
  }\n  ${record.evidence}.`;
  return {
    record,
    [JUPYTER_DISPLAY]: (): MimeBundle => ({
      [VERDICT_MIME]: record,
      "text/html": html,
      "text/plain": text,
    }),
  };
}
