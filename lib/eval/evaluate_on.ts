/**
 * Evaluation on a split of a benchmark, with the benchmark's own training
 * counts (for the many/medium/few summary) and input normalization: the one
 * place those two options are spelled out.
 *
 * @module
 */
import type { ImageSet, LongTailBenchmark } from "../data/types.ts";
import type { Model } from "../models/types.ts";
import type { Ensemble } from "./ensemble.ts";
import { evaluate, type EvaluateOptions, type Evaluation } from "./evaluate.ts";

/** The labelled splits a model is evaluated on: `test` (reported) or `val` (for choices). */
export type EvalSplit = "test" | "val";

/** Every {@linkcode EvalSplit}. */
export const EVAL_SPLITS: readonly EvalSplit[] = ["test", "val"];

/** Options of {@linkcode evaluateOn}: those of `evaluate` that do not come from the benchmark. */
export type EvaluateOnOptions = Omit<EvaluateOptions, "trainCounts" | "normalization">;

/**
 * The images of `split` of `bench`: `test` or `val`. A split the benchmark lacks (`val` on a
 * set without a validation split) is an error naming the benchmark.
 */
export function splitOf(bench: LongTailBenchmark, split: EvalSplit): ImageSet {
  let set: ImageSet | undefined;
  if (split === "test") set = bench.test;
  else if (split === "val") set = bench.val;
  else {
    throw new RangeError(
      `Cannot evaluate on split "${split}": valid splits are ${EVAL_SPLITS.join(", ")}`,
    );
  }
  if (set === undefined) {
    throw new Error(
      `Cannot evaluate on split "${split}" of ${bench.name}: it has no such split (valid: test)`,
    );
  }
  return set;
}

/**
 * Evaluates `target` on `split` of `bench`, with the benchmark's training
 * counts and normalization. A split the benchmark lacks (`val` on a set
 * without a validation split) is an error naming the benchmark.
 */
export async function evaluateOn(
  target: Model | Ensemble,
  bench: LongTailBenchmark,
  split: EvalSplit,
  options: EvaluateOnOptions = {},
): Promise<Evaluation> {
  return await evaluate(target, splitOf(bench, split), {
    ...options,
    trainCounts: bench.trainCounts,
    normalization: bench.normalization,
  });
}
