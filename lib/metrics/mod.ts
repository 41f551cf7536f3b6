/**
 * Metrics of long-tailed recognition on per-class recalls: the generalized
 * means of *No One Left Behind* (H-mean, G-mean, lowest recall), the summary
 * the papers report, and the survey's relative accuracy. Pure functions on
 * typed arrays; no tfjs.
 *
 * @module
 */
export { perClassRecall } from "./per_class_recall.ts";
export { generalizedMean, geometricMean, harmonicMean, lowestRecall } from "./generalized_mean.ts";
export type { FloorMode, GeneralizedMeanOptions } from "./generalized_mean.ts";
export { summarizeRecalls } from "./summarize_recalls.ts";
export type { RecallSummary, SummarizeRecallsOptions } from "./summarize_recalls.ts";
export { relativeAccuracy } from "./relative_accuracy.ts";
