/**
 * A model's logits on every image of a set, kept on the host, so that decisions that only
 * combine logits (the temperatures of GML's ensemble) cost one forward pass per model.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { ChannelStats, ImageSet } from "../data/types.ts";
import { makeBatch } from "../data/mod.ts";
import type { Model } from "../models/types.ts";

/** Options of {@linkcode predictLogits}. */
export interface PredictLogitsOptions {
  /**
   * Images per forward pass; default 256, `evaluate`'s, so that the logits are the ones
   * `evaluate` computes (results do not depend on it beyond float rounding).
   */
  batchSize?: number;
  /** Input normalization (the train split's channel statistics); passed to `makeBatch`. */
  normalization?: ChannelStats;
}

/**
 * The logits [N, C] (row-major) of `model` on every image of `set`, without augmentation and
 * with batch-norm running statistics frozen, as `evaluate` computes them. Non-finite logits
 * are an error naming the images. Leaves no tensors behind.
 */
export async function predictLogits(
  model: Model,
  set: ImageSet,
  options: PredictLogitsOptions = {},
): Promise<Float32Array> {
  const batchSize = options.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `Cannot predict logits with batch size ${batchSize}: it must be a positive integer`,
    );
  }
  const n = set.labels.length;
  if (n === 0) throw new Error("Cannot predict logits on an empty set");
  const numClasses = set.numClasses;
  if (model.config.numClasses !== numClasses) {
    throw new Error(
      `Cannot predict logits of a ${model.config.numClasses}-class model on a ${numClasses}-class set`,
    );
  }
  const out = new Float32Array(n * numClasses);
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const indices = Int32Array.from({ length: count }, (_, i) => start + i);
    const batch = makeBatch(set, indices, { normalization: options.normalization });
    const logits = tf.tidy(() =>
      model.apply(tf.tensor4d(batch.x, [count, set.height, set.width, 3]), { bnMode: "frozen" })
    ); // [B, C]
    const values = await logits.data() as Float32Array;
    logits.dispose();
    if (!values.every(Number.isFinite)) {
      throw new Error(
        `Cannot predict logits: the model gives non-finite logits (NaN or ±Infinity) on images ${start}–${
          start + count - 1
        }; its weights are broken (a diverged training or a corrupt checkpoint)`,
      );
    }
    out.set(values, start * numClasses);
  }
  return out;
}
