/**
 * Name-keyed weights as plain arrays: the currency of merging and checkpoints.
 *
 * @module
 */

/** Variable name → shape and float32 values. Never addressed by list position. */
export type NamedWeights = Map<string, { shape: number[]; values: Float32Array }>;
