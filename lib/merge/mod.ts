/**
 * Merging models by weight averaging, always by variable name and in float64:
 * interpolation, uniform and weighted soups, score-proportional ratios, and
 * the greedy soup with its decision trail, and the registry of merges of
 * fine-tuned members (`MERGES`). No tfjs.
 *
 * @module
 */
export type { NamedWeights } from "./named_weights.ts";
export { interpolate } from "./interpolate.ts";
export { uniformSoup } from "./uniform_soup.ts";
export { weightedSoup } from "./weighted_soup.ts";
export { adaptiveRatio } from "./adaptive_ratio.ts";
export { greedySoup } from "./greedy_soup.ts";
export type { GreedySoupOptions, GreedySoupResult, GreedySoupStep } from "./greedy_soup.ts";
export { getMerge, MERGE_NAMES, MERGES } from "./merge_members.ts";
export type {
  MemberMerge,
  MergeMembers,
  MergeMembersInput,
  MergeName,
  MergeStep,
} from "./merge_members.ts";
