/**
 * btm-lab: Balanced Training and Merging (BTM) and the geometric-mean loss
 * (GML) for long-tailed recognition, on tfjs.
 *
 * Notebooks import this module only.
 *
 * @module
 */
export * from "./random/mod.ts";
export * from "./backend/mod.ts";
export * from "./metrics/mod.ts";
export * from "./samplers/mod.ts";
export * from "./merge/mod.ts";
export * from "./paper/mod.ts";
export * from "./report/mod.ts";
export * from "./models/mod.ts";
export * from "./losses/mod.ts";
export * from "./data/mod.ts";
export * from "./train/mod.ts";
export * from "./eval/mod.ts";
export * from "./experiments/mod.ts";
