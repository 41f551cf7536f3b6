/**
 * Verdicts on registered claims, with the paper's words taken from
 * `PAPER_CLAIMS` by id (never retyped), and the paper's table values read
 * from `data/paper/` for the side-by-side numbers. No tfjs.
 *
 * @module
 */
import { paperClaim, type PaperMetric, paperRow, paperTable } from "../../paper/mod.ts";
import {
  type CheckPart,
  claimVerdict,
  notRunVerdict,
  type Verdict,
  type VerdictQuote,
} from "../../report/mod.ts";
import { claimCheck } from "./claim_registry.ts";
import type { SummaryMetric } from "./summary_row.ts";

/** Options of {@linkcode checkClaim} and {@linkcode claimNotRun}. */
export interface CheckClaimOptions {
  /** What the numbers were measured on, when a notebook checks the claim more than once (`synth-places`). */
  scope?: string;
  /** Digits of the sentence's numbers; default 2. */
  digits?: number;
}

function context(id: string) {
  const check = claimCheck(id);
  const ours = check.basis !== undefined;
  const paper = paperClaim(check.basis ?? id);
  const contradicting: VerdictQuote[] = ours ? [] : (paper.contradicts ?? []).map((other) => {
    const c = paperClaim(other);
    return { id: c.id, quote: c.quote, cite: { ...c.cite } };
  });
  return {
    id,
    claim: check.claim,
    quote: paper.quote,
    cite: { ...paper.cite },
    contradicting,
    ourClaim: ours,
    source: `${paper.paper === "btm" ? "BTM" : "GML"} paper, ${paper.where}`,
  };
}

/**
 * The verdict on registered claim `id` from its parts, measured on `seeds`
 * (one value per seed on every side), with the quote, cite and contradicting
 * passages of its `PAPER_CLAIMS` entry.
 *
 * @example
 * ```ts
 * import { checkClaim } from "./paper_verdict.ts";
 * const v = checkClaim("btm-obs1", [{
 *   what: "H-mean", a: { label: "f^D", ours: [0.2], paper: 26.37 }, b: { label: "f", ours: [0.01], paper: 1.47 },
 * }], [0]);
 * if (v.record.cite?.line !== 329 || v.record.status !== "holds") throw new Error();
 * ```
 */
export function checkClaim(
  id: string,
  parts: readonly CheckPart[],
  seeds: readonly number[],
  options: CheckClaimOptions = {},
): Verdict {
  return claimVerdict({
    ...context(id),
    parts,
    seeds,
    scope: options.scope,
    digits: options.digits,
  });
}

/** The verdict "not run" on registered claim `id`, saying why, with the paper's words and numbers. */
export function claimNotRun(
  id: string,
  why: string,
  paperSummary?: string,
  options: CheckClaimOptions = {},
): Verdict {
  return notRunVerdict({ ...context(id), why, paperSummary, scope: options.scope });
}

const METRIC_OF: Readonly<Record<PaperMetric, SummaryMetric>> = {
  hMean: "harmonicMean",
  gMean: "geometricMean",
  lowestRecall: "lowestRecall",
  accuracy: "accuracy",
};

/**
 * A paper table's value of `metric` in row `method`, as printed (percent), or
 * null when the table has no such column or the cell is empty.
 *
 * @throws Error naming the table and listing its rows when `method` is not one.
 *
 * @example
 * ```ts
 * import { paperValue } from "./paper_verdict.ts";
 * if (paperValue("table5", "Stage1", "harmonicMean") !== 1.47) throw new Error();
 * if (paperValue("table3", "CE", "lowestRecall") !== null) throw new Error("Table 3 prints none");
 * ```
 */
export function paperValue(tableId: string, method: string, metric: SummaryMetric): number | null {
  const table = paperTable(tableId);
  const row = paperRow(tableId, method);
  for (const [column, m] of Object.entries(table.metrics ?? {})) {
    if (METRIC_OF[m] === metric) return row.values[column] ?? null;
  }
  return null;
}

/**
 * A percentage as printed, as a fraction (29.80 → 0.298), without the float
 * noise of a plain division (23.85 / 100 is 0.23850000000000002).
 *
 * @example
 * ```ts
 * import { percentToFraction } from "./paper_verdict.ts";
 * if (percentToFraction(23.85) !== 0.2385) throw new Error();
 * ```
 */
export function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/**
 * A paper table row's metrics as fractions (29.80 → 0.298), keyed by our
 * summary metric names: the `paper` record of a `ComparisonRow`.
 */
export function paperFractions(
  tableId: string,
  method: string,
): Partial<Record<SummaryMetric, number>> {
  const out: Partial<Record<SummaryMetric, number>> = {};
  for (const m of Object.values(METRIC_OF)) {
    const v = paperValue(tableId, method, m);
    if (v !== null) out[m] = percentToFraction(v);
  }
  return out;
}

/** The metrics a paper table prints, in our names and its column order. */
export function paperTableMetrics(tableId: string): SummaryMetric[] {
  const table = paperTable(tableId);
  return table.columns.flatMap((c) => {
    const m = table.metrics?.[c];
    return m === undefined ? [] : [METRIC_OF[m]];
  });
}
