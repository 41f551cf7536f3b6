/**
 * The "average member": each summary metric averaged over several models.
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";
import { type SummaryMetric, TABLE_METRICS } from "./summary_row.ts";

/** The metrics averaged over several models. */
export type MemberMean = Partial<Record<SummaryMetric, number>>;

/**
 * Each metric of {@linkcode TABLE_METRICS}, averaged over `summaries` (a
 * metric some summaries lack, such as `many` without many-shot classes, is
 * averaged over those that have it).
 *
 * @example
 * ```ts
 * import { meanSummary } from "./mean_summary.ts";
 * const s = (h: number) => ({ harmonicMean: h, geometricMean: h, lowestRecall: 0, accuracy: h, zeroClasses: 0 });
 * if (meanSummary([s(0.2), s(0.4)]).harmonicMean !== 0.30000000000000004) throw new Error();
 * ```
 */
export function meanSummary(summaries: readonly RecallSummary[]): MemberMean {
  if (!Array.isArray(summaries) || summaries.length === 0) {
    throw new RangeError(`Cannot average ${summaries}: give at least one summary`);
  }
  const out: MemberMean = {};
  for (const m of TABLE_METRICS) {
    const values = summaries.map((s) => s[m]).filter((v): v is number => typeof v === "number");
    if (values.length > 0) out[m] = values.reduce((a, b) => a + b, 0) / values.length;
  }
  return out;
}
