/**
 * Experiments: one typed config with presets, the registry of pipelines
 * (`two-stage`, `btm`, `gml`, `btm+gml`), and the runner that writes results JSON.
 *
 * @module
 */
export {
  DEFAULT_CONFIG,
  EXPERIMENT_PRESETS,
  mergeConfig,
  resolveConfig,
  validateConfig,
} from "./config.ts";
export type { ConfigOverrides, ExperimentConfig, SgdConfig } from "./config.ts";
export { getPipeline, PIPELINES } from "./pipelines.ts";
export type { ModelResult, Pipeline, PipelineContext, PipelineOutput } from "./pipelines.ts";
export { DEFAULT_RESULTS_DIR, resultsDir, runExperiment } from "./run_experiment.ts";
export type { ExperimentResult, RunExperimentOptions } from "./run_experiment.ts";
