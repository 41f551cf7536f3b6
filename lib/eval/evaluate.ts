/**
 * Evaluation of a model (or an ensemble) on a labelled set: per-class recall
 * and the papers' summary, computed in batches with batch norm frozen.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { ChannelStats, ImageSet } from "../data/types.ts";
import { makeBatch } from "../data/mod.ts";
import { perClassRecall, type RecallSummary, summarizeRecalls } from "../metrics/mod.ts";
import type { Model } from "../models/types.ts";
import { type Ensemble, isEnsemble } from "./ensemble.ts";

/** Options of {@linkcode evaluate}. */
export interface EvaluateOptions {
  /** Images per forward pass; default 256 (memory only; results do not depend on it). */
  batchSize?: number;
  /** Training images per class, for the many/medium/few split of the summary; default none. */
  trainCounts?: ArrayLike<number>;
  /** Input normalization (the train split's channel statistics); passed to `makeBatch`. */
  normalization?: ChannelStats;
  /** Also return each image's predicted class; default false. */
  keepPredictions?: boolean;
  /** Also return each image's class probabilities [N·C] (row-major); default false. */
  keepProbabilities?: boolean;
}

/** What {@linkcode evaluate} returns. */
export interface Evaluation {
  /** Recall of each class, index = class. */
  recalls: Float64Array;
  /** Accuracy, G-mean, H-mean, lowest recall, zero classes, and many/medium/few when train counts are given. */
  summary: RecallSummary;
  /** Predicted class of each image, when asked for. */
  predictions?: Int32Array;
  /** Class probabilities [N, C] row-major, when asked for. */
  probabilities?: Float32Array;
}

/**
 * Evaluates a model, or an ensemble (argmax of the weighted mean of the
 * members' tempered softmaxes), on every image of `set`, without augmentation
 * and with batch-norm running statistics frozen. Leaves no tensors behind. Non-finite logits
 * (a broken model, or an ensemble temperature so small that logits / t overflow) are an error,
 * never a silent chance-level result.
 */
export async function evaluate(
  target: Model | Ensemble,
  set: ImageSet,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const batchSize = options.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `Cannot evaluate with batch size ${batchSize}: it must be a positive integer`,
    );
  }
  const n = set.labels.length;
  if (n === 0) throw new Error("Cannot evaluate on an empty set");
  const members = isEnsemble(target)
    ? target.members
    : [{ model: target, temperature: 1, weight: 1 }];
  if (members.length === 0) throw new Error("Cannot evaluate an ensemble without members");
  const numClasses = set.numClasses;
  for (const m of members) {
    if (m.model.config.numClasses !== numClasses) {
      throw new Error(
        `Cannot evaluate a ${m.model.config.numClasses}-class model on a ${numClasses}-class set`,
      );
    }
  }
  const weightSum = members.reduce((s, m) => s + (m.weight ?? 1), 0);
  const predictions = new Int32Array(n);
  const probabilities = options.keepProbabilities ? new Float32Array(n * numClasses) : undefined;
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const indices = Int32Array.from({ length: count }, (_, i) => start + i);
    const batch = makeBatch(set, indices, { normalization: options.normalization });
    const [pred, probs, checks] = tf.tidy(() => {
      const x = tf.tensor4d(batch.x, [count, set.height, set.width, 3]); // [B, H, W, 3]
      let p: tf.Tensor2D | undefined;
      // x·0 sums to 0 exactly when every x is finite: per member, logits then logits / t.
      const finite: tf.Scalar[] = [];
      for (const m of members) {
        const logits = m.model.apply(x, { bnMode: "frozen" }); // [B, C]
        const scaled = tf.div(logits, m.temperature ?? 1); // [B, C]
        finite.push(tf.sum(tf.mul(logits, 0)), tf.sum(tf.mul(scaled, 0)));
        const soft = tf.mul(tf.softmax(scaled), (m.weight ?? 1) / weightSum) as tf.Tensor2D; // [B, C]
        p = p ? tf.add(p, soft) as tf.Tensor2D : soft;
      }
      // [B], [B, C], [2·members]
      return [tf.argMax(p!, 1), probabilities ? p! : tf.zeros([0]), tf.stack(finite)] as const;
    });
    const flags = await checks.data();
    const bad = flags.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      tf.dispose([pred, probs, checks]);
      throw nonFiniteError(members, bad, start, count, isEnsemble(target));
    }
    predictions.set(await pred.data() as Int32Array, start);
    if (probabilities) probabilities.set(await probs.data() as Float32Array, start * numClasses);
    tf.dispose([pred, probs, checks]);
  }
  const recalls = perClassRecall(set.labels, predictions, numClasses);
  return {
    recalls,
    summary: summarizeRecalls(recalls, { trainCounts: options.trainCounts }),
    predictions: options.keepPredictions ? predictions : undefined,
    probabilities,
  };
}

/** The error for non-finite logits: check `bad` is 2·member (+1 when only the tempered ones are). */
function nonFiniteError(
  members: { model: Model; temperature?: number }[],
  bad: number,
  start: number,
  count: number,
  ensemble: boolean,
): Error {
  const i = Math.floor(bad / 2);
  const who = ensemble ? `member ${i + 1} of the ensemble` : "the model";
  const images = `images ${start}–${start + count - 1}`;
  if (bad % 2 === 0) {
    return new Error(
      `Cannot evaluate: ${who} gives non-finite logits (NaN or ±Infinity) on ${images}; its weights are broken (a diverged training or a corrupt checkpoint)`,
    );
  }
  const t = members[i].temperature ?? 1;
  return new Error(
    `Cannot evaluate: ${who}'s logits divided by its temperature ${t} are not finite (NaN or ±Infinity) on ${images}; the temperature is too small, use a larger one`,
  );
}
