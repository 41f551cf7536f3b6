/**
 * Experiments: one typed config with presets and `key=value` settings, the
 * one mapping from config to stage options, the frame every run shares
 * (`runSection`), the registries of pipelines (`two-stage`, `btm`, `gml`,
 * `btm+gml`) and of paper sections (`SECTIONS`), and the tf-free readers of
 * their results (`analysis/`: tables, claims, figures).
 *
 * @module
 */
export {
  checkPreset,
  checkSeeds,
  CONFIG_FIELDS,
  configValue,
  DEFAULT_CONFIG,
  DEFAULT_DATA,
  describeConfig,
  describeField,
  EXPERIMENT_PRESETS,
  fieldAccepts,
  mergeConfig,
  mergeOverrides,
  PRESET_SEEDS,
  presetSeedCount,
  resolveConfig,
  seedList,
  sgdFields,
  validateConfig,
} from "./config.ts";
export type {
  ConfigField,
  ConfigOverrides,
  ExperimentConfig,
  MergeMetric,
  SgdConfig,
} from "./config.ts";
export {
  describeSettings,
  parseSettings,
  SETTINGS_ENV,
  settingsFromEnv,
  settingsTag,
} from "./parse_settings.ts";
export {
  btmOptions,
  ensembleOptions,
  finetuneOptions,
  gmlBaselineOptions,
  gmlOptions,
  postTrainOptions,
  pretrainOptions,
  subsetOptions,
} from "./stage_options.ts";
export type {
  BalancedFinetuneVariant,
  BtmVariant,
  FirstStage,
  GmlBaselineVariant,
  GmlVariant,
  PostTrainVariant,
  PretrainVariant,
  SecondStage,
  SubsetVariant,
} from "./stage_options.ts";
export {
  checkOutDir,
  DEFAULT_RESULTS_DIR,
  resultsDir,
  runSection,
  writeSectionResult,
} from "./section.ts";
export type {
  Disposable,
  SectionContext,
  SectionData,
  SectionHeader,
  SectionOptions,
  SectionResult,
  StageFacts,
  TestMetrics,
  WriteSectionResultOptions,
} from "./section.ts";
export { getPipeline, PIPELINES, runExperiment } from "./pipelines.ts";
export type {
  ExperimentResult,
  ModelResult,
  Pipeline,
  PipelineContext,
  PipelineDef,
  PipelineOutput,
  RunExperimentOptions,
} from "./pipelines.ts";
export { notebookSetup, parseSeedCount, PRESET_ENV, SEEDS_ENV } from "./notebook_setup.ts";
export type { NotebookSetup, NotebookSetupOptions } from "./notebook_setup.ts";

// Paper sections.
export { DEFAULT_SEED_CAPS, getSection, runSeeds, SECTIONS, sectionSeeds } from "./sections/mod.ts";
export type {
  SectionDef,
  SectionName,
  SectionResultOf,
  Sections,
  SeedsSetup,
} from "./sections/mod.ts";
export {
  OBSERVATION_SHOTS,
  OBSERVATION_SUBSETS,
  observations12,
} from "./sections/observations_1_2.ts";
export type { Observations12Options, Observations12Result } from "./sections/observations_1_2.ts";
export { observations34 } from "./sections/observations_3_4.ts";
export type {
  Observations34Options,
  Observations34Result,
  UnionBudget,
} from "./sections/observations_3_4.ts";
export {
  COMPARED_METHODS,
  METHOD_COMPARISON_METRICS,
  methodComparison,
  TABLES_2_4_METHODS,
  TABLES_2_4_STAND_INS,
  UNIMPLEMENTED_METHODS,
} from "./sections/method_comparison.ts";
export type {
  ComparedMethod,
  MethodComparisonOptions,
  MethodComparisonResult,
  MethodRun,
} from "./sections/method_comparison.ts";
export { BTM_MEMBER_METRICS, btmMembers } from "./sections/btm_members.ts";
export type { BtmMembersOptions, BtmMembersResult, MemberMetrics } from "./sections/btm_members.ts";
export {
  MERGE_STRATEGY_DEFS,
  MERGE_STRATEGY_METRICS,
  mergeStrategies,
} from "./sections/merge_strategies.ts";
export type {
  GreedyDecision,
  MergeOutcome,
  MergeScore,
  MergeStrategiesOptions,
  MergeStrategiesResult,
  MergeStrategyDef,
  SplitSummaries,
} from "./sections/merge_strategies.ts";
export { subsetGrid, TABLE_7_GRIDS } from "./sections/subset_grid.ts";
export type {
  SubsetGridCell,
  SubsetGridMember,
  SubsetGridOptions,
  SubsetGridResult,
  SubsetGridScale,
} from "./sections/subset_grid.ts";
export { finetuneTargets, TABLE_8_SCALES } from "./sections/finetune_targets.ts";
export type {
  FinetuneTargetsOptions,
  FinetuneTargetsResult,
  FinetuneVariant,
} from "./sections/finetune_targets.ts";
export { BTM_GML_MODELS, btmGml } from "./sections/btm_gml.ts";
export type { BtmGmlEntry, BtmGmlModel, BtmGmlOptions, BtmGmlResult } from "./sections/btm_gml.ts";
export {
  GML_BASE_NAMES,
  GML_BASES,
  GML_TABLES_MODELS,
  gmlAblations,
  gmlTables,
  TABLE_7_TEMPERATURES,
} from "./sections/gml_tables.ts";
export type {
  GmlAblationModel,
  GmlAblationsResult,
  GmlBase,
  GmlBaseDef,
  GmlBaseModel,
  GmlTablesEntry,
  GmlTablesModel,
  GmlTablesOptions,
  GmlTablesResult,
  Table7Row,
} from "./sections/gml_tables.ts";

// Readers of results (no tfjs).
export {
  ALL_SUMMARY_METRICS,
  SUMMARY_LABELS,
  summaryColumns,
  summaryRow,
  summaryTable,
  TABLE_METRICS,
} from "./analysis/summary_row.ts";
export type {
  SummaryMetric,
  SummaryRowOptions,
  SummaryTableOptions,
  SummaryTableRow,
} from "./analysis/summary_row.ts";
export { meanSummary } from "./analysis/mean_summary.ts";
export type { MemberMean } from "./analysis/mean_summary.ts";
export { bestInteriorPoint, pointAt } from "./analysis/curve_points.ts";
export type { CurveMetric } from "./analysis/curve_points.ts";
export { DEFAULT_POWERS, powerMeanCurve } from "./analysis/power_mean_curve.ts";
export type {
  NamedMeans,
  PowerMeanCurve,
  PowerMeanCurveOptions,
} from "./analysis/power_mean_curve.ts";
export { recallByTrainCount } from "./analysis/recall_by_train_count.ts";
export type {
  RecallByTrainCount,
  RecallByTrainCountOptions,
} from "./analysis/recall_by_train_count.ts";
export { crossCell, LITTLE_CHANGE, subsetGridClaims } from "./analysis/subset_grid_claims.ts";
export type { SubsetGridClaims } from "./analysis/subset_grid_claims.ts";
export { btmEffect } from "./analysis/btm_effect.ts";
export type { BtmEffect, BtmEffectRow, BtmPair, EffectMetric } from "./analysis/btm_effect.ts";
export { mergeStrategiesClaims, TABLE_6_ROWS } from "./analysis/merge_strategies_claims.ts";
export type { MergeStrategiesClaims } from "./analysis/merge_strategies_claims.ts";
export {
  FAR_MORE_FACTOR,
  FLOOR_EXAMPLES,
  metricsClaims,
  NAMED_MEAN_COLUMNS,
  printedTolerance,
  RECALL_EXAMPLES,
  SAME_VALUE,
  SUMMARY_MEAN_COLUMNS,
} from "./analysis/metrics_claims.ts";
export type { MetricsClaims } from "./analysis/metrics_claims.ts";
export {
  largestStepShare,
  MONOTONE_SLACK,
  MUCH_HIGHER,
  NO_BARRIER_ALLOWANCE,
  observations12Claims,
  observations34Claims,
  smallestStep,
  SMOOTH_MAX_STEP_SHARE,
} from "./analysis/observations_claims.ts";
export type { Observations12Claims, Observations34Claims } from "./analysis/observations_claims.ts";
export {
  ACCURACY_ROUGHLY_KEPT,
  gmlBetterBaselinesClaim,
  gmlClaims,
  gmlEnsembleClaim,
  gmlLowestRecallClaim,
  gmlReweightingClaim,
  gmlScratchClaim,
  gmlTemperatureClaim,
  gmlUniversalityClaim,
  SCRATCH_COMPARABLE,
  T_OLD_LITTLE_EFFECT,
} from "./analysis/gml_claims.ts";
export type {
  EnsembleTemperatures,
  GmlAblationsInput,
  GmlClaims,
  GmlTablesInput,
} from "./analysis/gml_claims.ts";
export {
  basesByAccuracy,
  GML_TABLE_3_NOT_IMPLEMENTED,
  gmlAppendixTable1,
  gmlPaperValues,
  gmlTable1,
  gmlTable3,
  gmlTable6,
  gmlTable7,
  gmlTable8,
  gmlTable9,
  gmlUniversalityFigure,
} from "./analysis/gml_paper_tables.ts";
export {
  ALMOST_INTACT_DROP,
  btmMembersClaims,
  paperMergeCounts,
} from "./analysis/btm_members_claims.ts";
export type { BtmMembersClaims, PaperMergeCount } from "./analysis/btm_members_claims.ts";
export { finetuneTargetsClaims, TABLE_8_ROWS } from "./analysis/finetune_targets_claims.ts";
export type { FinetuneTargetsClaims } from "./analysis/finetune_targets_claims.ts";
export { btmGmlClaims, TABLE_9_ROWS } from "./analysis/btm_gml_claims.ts";
export type { BtmGmlClaims } from "./analysis/btm_gml_claims.ts";
export { figure3, FIGURE_3_MODELS, recallSpread, TAIL_FRACTION } from "./analysis/figure_3.ts";
export type { Figure3 } from "./analysis/figure_3.ts";
export { CLAIM_CHECKS, claimCheck, validateClaimRegistry } from "./analysis/claim_registry.ts";
export {
  membersRegime,
  membersRegimeDisplay,
  observationRegime,
  observationsRegimeDisplay,
  pretrainRegime,
  REGIME_TARGETS,
  STAND_IN_ACCURACY_BAND,
  STAND_IN_PAPER_TABLES,
  standInRegime,
  standInRegimeDisplay,
} from "./analysis/regime.ts";
export type { ClaimCheck } from "./analysis/claim_registry.ts";
export {
  checkClaim,
  claimNotRun,
  paperFractions,
  paperTableMetrics,
  paperValue,
  percentToFraction,
} from "./analysis/paper_verdict.ts";
export type { CheckClaimOptions } from "./analysis/paper_verdict.ts";
export {
  changeTable,
  perSeed,
  seedColumns,
  seedRow,
  seedsOf,
  seedTable,
} from "./analysis/seed_table.ts";
export {
  btmGmlTable,
  figure3Table,
  finetuneTargetsTable,
  membersEffectTable,
  membersTable,
  mergeStrategiesTable,
  observations12Table,
  observations34Table,
  paperMergeCountsTable,
  subsetGridTable,
  table10,
} from "./analysis/section_tables.ts";
export type {
  ChangeRow,
  NotImplementedRow,
  PaperRowRef,
  PaperValues,
  SeedTableOptions,
  SeedTableRow,
} from "./analysis/seed_table.ts";
export {
  crossFigure,
  curveFigure,
  figure1PaperPoints,
  figure2PaperPoints,
  membersFigure,
  mergeStrategiesFigure,
  powerMeanFigure,
  recallByCountFigure,
  summaryBars,
} from "./analysis/figures.ts";
export type {
  CurveFigureOptions,
  CurveReference,
  PaperPoint,
  SummaryBarsOptions,
} from "./analysis/figures.ts";
export {
  methodComparisonEffect,
  methodComparisonFigure,
  methodComparisonSummary,
  methodComparisonTable,
  methodComparisonVerdict,
  TABLES_2_4,
} from "./analysis/tables_2_4.ts";
export type { StandIn, TableRef } from "./analysis/tables_2_4.ts";
