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
export { writeSectionResult } from "./write_section_result.ts";
export type { WriteSectionResultOptions } from "./write_section_result.ts";
export { bestInteriorPoint, pointAt } from "./analysis/curve_points.ts";
export type { CurveMetric } from "./analysis/curve_points.ts";
export { observations12 } from "./observations_1_2.ts";
export type { Observations12Options, Observations12Result } from "./observations_1_2.ts";
export { observations34 } from "./observations_3_4.ts";
export type {
  Observations34Options,
  Observations34Result,
  UnionBudget,
} from "./observations_3_4.ts";
export type { SectionHeader, StageFacts, TestMetrics } from "./_stages.ts";
export { recallByTrainCount } from "./recall_by_train_count.ts";
export type { RecallByTrainCount, RecallByTrainCountOptions } from "./recall_by_train_count.ts";
export { DEFAULT_POWERS, powerMeanCurve } from "./power_mean_curve.ts";
export type { NamedMeans, PowerMeanCurve, PowerMeanCurveOptions } from "./power_mean_curve.ts";
export { SUMMARY_LABELS, summaryColumns, summaryRow } from "./summary_row.ts";
export type { SummaryMetric, SummaryRowOptions } from "./summary_row.ts";
export {
  COMPARED_METHODS,
  METHOD_COMPARISON_METRICS,
  methodComparison,
  UNIMPLEMENTED_METHODS,
} from "./method_comparison.ts";
export type {
  ComparedMethod,
  FirstStage,
  MethodComparisonOptions,
  MethodComparisonResult,
  MethodRun,
  SecondStage,
} from "./method_comparison.ts";
export { btmEffect, btmEffectComparison } from "./btm_effect.ts";
export type {
  BtmEffect,
  BtmEffectComparisonOptions,
  BtmEffectRow,
  BtmPair,
  EffectMetric,
} from "./btm_effect.ts";
export { BTM_MEMBER_METRICS, btmMembers, meanSummary } from "./btm_members.ts";
export type {
  BtmMembersOptions,
  BtmMembersResult,
  MemberMean,
  MemberMetrics,
} from "./btm_members.ts";
export {
  MERGE_STRATEGY_DEFS,
  MERGE_STRATEGY_METRICS,
  mergeStrategies,
} from "./merge_strategies.ts";
export type {
  GreedyDecision,
  MergeOutcome,
  MergeScore,
  MergeStrategiesOptions,
  MergeStrategiesResult,
  MergeStrategyDef,
  SplitSummaries,
} from "./merge_strategies.ts";
export { uniformAsGood } from "./uniform_as_good.ts";
export type { UniformAsGoodOptions } from "./uniform_as_good.ts";
export { gridMatrix, subsetGrid } from "./subset_grid.ts";
export type {
  GridMatrixOptions,
  SubsetGridCell,
  SubsetGridMember,
  SubsetGridOptions,
  SubsetGridResult,
} from "./subset_grid.ts";
export { subsetGridTrend } from "./subset_grid_trend.ts";
export type {
  SubsetGridStep,
  SubsetGridTrend,
  SubsetGridTrendOptions,
} from "./subset_grid_trend.ts";
export { finetuneTargets } from "./finetune_targets.ts";
export type {
  FinetuneTargetsOptions,
  FinetuneTargetsResult,
  FinetuneVariant,
} from "./finetune_targets.ts";
export { BTM_GML_MODELS, btmGml } from "./btm_gml.ts";
export type { BtmGmlEntry, BtmGmlModel, BtmGmlOptions, BtmGmlResult } from "./btm_gml.ts";
