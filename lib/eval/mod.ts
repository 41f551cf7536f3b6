/**
 * Evaluation: per-class recall and the papers' summary of a model or of an
 * ensemble of softmaxes (GML's ensemble).
 *
 * @module
 */
export { evaluate } from "./evaluate.ts";
export type { EvaluateOptions, Evaluation } from "./evaluate.ts";
export { gmlEnsemble, isEnsemble } from "./ensemble.ts";
export type { Ensemble, EnsembleMember, GmlEnsembleOptions } from "./ensemble.ts";
