/** Fabricated results for the claim tests: summaries and curves with chosen numbers. */
import type { InterpolationPoint } from "../../../lib/eval/interpolation_curve.ts";
import type { RecallSummary } from "../../../lib/metrics/mod.ts";
import { findQuote, isPaperFile } from "../../../lib/paper/mod.ts";
import type { VerdictRecord } from "../../../lib/report/mod.ts";

/** A summary with the given H, G and accuracy (lowest recall 0, no zero classes unless given). */
export const s = (
  h: number,
  g = h,
  accuracy = 0.5,
  lowestRecall = 0,
  zeroClasses = 0,
): RecallSummary => ({
  harmonicMean: h,
  geometricMean: g,
  accuracy,
  lowestRecall,
  zeroClasses,
});

/** A curve over λ = 0, 0.1, …, 1 whose H, G and accuracy follow `f(λ)`. */
export const curve = (f: (lambda: number) => [number, number, number]): InterpolationPoint[] =>
  Array.from({ length: 11 }, (_, i) => {
    const lambda = Number((i / 10).toFixed(1));
    const [h, g, acc] = f(lambda);
    return { lambda, summary: s(h, g, acc), recalls: [] };
  });

/** Throws unless the verdict's quote (and every contradicting one) is found verbatim at its cited line. */
export function assertQuoted(record: VerdictRecord): void {
  const quotes = [
    ...(record.quote && record.cite ? [{ quote: record.quote, cite: record.cite }] : []),
    ...record.contradicting,
  ];
  if (quotes.length === 0) throw new Error(`Verdict ${record.id} has no quote`);
  for (const q of quotes) {
    if (!isPaperFile(q.cite.file)) throw new Error(`Verdict ${record.id} cites ${q.cite.file}`);
    if (findQuote({ file: q.cite.file, line: q.cite.line }, q.quote) === null) {
      throw new Error(`Verdict ${record.id}: its quote is not at ${q.cite.file}:${q.cite.line}`);
    }
  }
}
