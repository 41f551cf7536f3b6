/**
 * Evaluation: per-class recall and the papers' summary of a model or of an
 * ensemble of softmaxes (GML's ensemble), on a benchmark's split, and along
 * the path between two models in weight space.
 *
 * @module
 */
export { evaluate } from "./evaluate.ts";
export type { EvaluateOptions, Evaluation } from "./evaluate.ts";
export { GML_ENSEMBLE_DEFAULTS, gmlEnsemble, isEnsemble } from "./ensemble.ts";
export type { Ensemble, EnsembleMember, GmlEnsembleOptions } from "./ensemble.ts";
export { EVAL_SPLITS, evaluateOn, splitOf } from "./evaluate_on.ts";
export { predictLogits } from "./predict_logits.ts";
export type { PredictLogitsOptions } from "./predict_logits.ts";
export { gridPairs, temperatureTrials } from "./temperature_trials.ts";
export type {
  GmlEnsembleModels,
  TemperatureGrid,
  TemperaturePair,
  TemperatureTrial,
  TemperatureTrialsOptions,
} from "./temperature_trials.ts";
export {
  bestTemperatureStep,
  GML_TEMPERATURE_GRID,
  selectGmlTemperatures,
  TEMPERATURE_METRICS,
} from "./select_gml_temperatures.ts";
export type {
  GmlTemperatureSelection,
  SelectGmlTemperaturesOptions,
  TemperatureMetric,
  TemperatureStep,
} from "./select_gml_temperatures.ts";
export type { EvalSplit, EvaluateOnOptions } from "./evaluate_on.ts";
export { DEFAULT_LAMBDAS, interpolationCurve } from "./interpolation_curve.ts";
export type {
  InterpolationCurveOptions,
  InterpolationEnds,
  InterpolationPoint,
} from "./interpolation_curve.ts";
