/**
 * Batch samplers (instance, class-balanced, square-root) behind one registry,
 * and the few-shot balanced subsets of BTM. Pure index arithmetic; no tfjs.
 *
 * @module
 */
export type { Sampler, SamplerFactory, SamplerOptions } from "./types.ts";
export { instanceSampler } from "./instance_sampler.ts";
export { classBalancedSampler } from "./class_balanced_sampler.ts";
export { squareRootSampler } from "./square_root_sampler.ts";
export { createSampler, SAMPLERS } from "./create_sampler.ts";
export type { SamplerName } from "./create_sampler.ts";
export { fewShotSubsets, unionOfSubsets } from "./few_shot_subsets.ts";
export type { FewShotSubsetsOptions } from "./few_shot_subsets.ts";
export { classCounts } from "./class_counts.ts";
