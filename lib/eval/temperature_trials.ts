/**
 * GML's ensemble (Eqs. 11–13) at many temperature pairs from one forward pass per model: the
 * logits of the old and the new classifier on a split are computed once, and each pair only
 * re-combines them.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LongTailBenchmark } from "../data/types.ts";
import { perClassRecall, type RecallSummary, summarizeRecalls } from "../metrics/mod.ts";
import type { Model } from "../models/types.ts";
import { type EvalSplit, splitOf } from "./evaluate_on.ts";
import { predictLogits } from "./predict_logits.ts";

/** The two models of GML's ensemble: the one GML started from, and the GML-trained one. */
export interface GmlEnsembleModels {
  /** F_old: the pre-trained model (its classifier is the old one). */
  oldModel: Model;
  /** F_new: the model with the GML-trained classifier (same backbone). */
  newModel: Model;
}

/** One pair of the ensemble's temperatures (Eqs. 12–13). */
export interface TemperaturePair {
  /** t_old, dividing the old model's logits (> 0). */
  tOld: number;
  /** t_new, dividing the new model's logits (> 0). */
  tNew: number;
}

/** Temperature values per model; the pairs are every combination (see {@linkcode gridPairs}). */
export interface TemperatureGrid {
  /** Values of t_old, each > 0. */
  tOld: readonly number[];
  /** Values of t_new, each > 0. */
  tNew: readonly number[];
}

/** The ensemble at one temperature pair, on one split. */
export interface TemperatureTrial extends TemperaturePair {
  /** Accuracy, G-mean, H-mean, lowest recall and many/medium/few on the split. */
  summary: RecallSummary;
  /** Per-class recall on the split, index = class. */
  recalls: number[];
}

/** Options of {@linkcode temperatureTrials}. */
export interface TemperatureTrialsOptions {
  /**
   * The split the ensembles are evaluated on. Required, so that every caller says which: `val`
   * to choose temperatures, `test` only to report pairs fixed beforehand.
   */
  split: EvalSplit;
  /** The temperature pairs, in the order the trials are returned; at least one. */
  pairs: readonly TemperaturePair[];
  /** Images per forward pass; default 256 (as `evaluate`). */
  batchSize?: number;
}

/**
 * Every pair of `grid`, t_old outer and t_new inner (the row order of the GML paper's
 * Table 7). Each value must be a finite number > 0 and appear once.
 *
 * @example
 * ```ts
 * import { gridPairs } from "./temperature_trials.ts";
 * const pairs = gridPairs({ tOld: [1, 2], tNew: [1, 3] });
 * if (pairs.map((p) => `${p.tOld}/${p.tNew}`).join(" ") !== "1/1 1/3 2/1 2/3") throw new Error();
 * ```
 */
export function gridPairs(grid: TemperatureGrid): TemperaturePair[] {
  for (const name of ["tOld", "tNew"] as const) {
    const values = grid?.[name];
    if (!Array.isArray(values) || values.length === 0) {
      throw new RangeError(
        `Cannot build a temperature grid with ${name} = ${
          JSON.stringify(values)
        }: give at least one value`,
      );
    }
    for (const t of values) checkTemperature(name, t);
    if (new Set(values).size !== values.length) {
      throw new RangeError(
        `Cannot build a temperature grid with ${name} = ${
          JSON.stringify(values)
        }: a value is repeated`,
      );
    }
  }
  return grid.tOld.flatMap((tOld) => grid.tNew.map((tNew) => ({ tOld, tNew })));
}

function checkTemperature(name: string, t: unknown): void {
  if (typeof t !== "number" || !(t > 0) || !Number.isFinite(t)) {
    throw new RangeError(
      `Cannot use the temperature ${name} = ${t}: it must be a finite number > 0`,
    );
  }
}

/** Rows per ensemble chunk: bounds the [rows, C] tensors of one pair. */
const CHUNK_ROWS = 4096;

/**
 * Evaluates GML's ensemble, argmax of (softmax(o_old / t_old) + softmax(o_new / t_new)) / 2,
 * at each pair of `options.pairs` on `options.split` of `bench`, with the benchmark's training
 * counts for the summary. Each model's logits are computed once (as `evaluate` computes them)
 * and combined with the same float32 operations as `evaluate` on `gmlEnsemble(old, new, pair)`,
 * so a trial equals that evaluation. Reads no split but the one named; leaves no tensors behind.
 */
export async function temperatureTrials(
  models: GmlEnsembleModels,
  bench: LongTailBenchmark,
  options: TemperatureTrialsOptions,
): Promise<TemperatureTrial[]> {
  const pairs = options?.pairs;
  if (!Array.isArray(pairs) || pairs.length === 0) {
    throw new RangeError(
      `Cannot try GML ensemble temperatures ${JSON.stringify(pairs)}: give at least one pair`,
    );
  }
  for (const p of pairs) {
    checkTemperature("tOld", p?.tOld);
    checkTemperature("tNew", p?.tNew);
  }
  const set = splitOf(bench, options.split);
  const predict = { batchSize: options.batchSize, normalization: bench.normalization };
  const oldLogits = await predictLogits(models.oldModel, set, predict);
  const newLogits = await predictLogits(models.newModel, set, predict);
  const n = set.labels.length;
  const c = set.numClasses;
  const trials: TemperatureTrial[] = [];
  for (const { tOld, tNew } of pairs) {
    const predictions = new Int32Array(n);
    for (let start = 0; start < n; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, n - start);
      const slice = (a: Float32Array) => a.subarray(start * c, (start + rows) * c);
      const pred = tf.tidy(() => {
        // The operations of `evaluate` on a two-member ensemble of weights 1 (each halved).
        const soft = (logits: Float32Array, t: number) =>
          tf.mul(tf.softmax(tf.div(tf.tensor2d(logits, [rows, c]), t)), 1 / 2); // [rows, C]
        return tf.argMax(tf.add(soft(slice(oldLogits), tOld), soft(slice(newLogits), tNew)), 1);
      }); // [rows]
      predictions.set(await pred.data() as Int32Array, start);
      pred.dispose();
    }
    const recalls = perClassRecall(set.labels, predictions, c);
    trials.push({
      tOld,
      tNew,
      summary: summarizeRecalls(recalls, { trainCounts: bench.trainCounts }),
      recalls: Array.from(recalls),
    });
  }
  return trials;
}
