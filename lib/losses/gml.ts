/**
 * Geometric-mean loss (GML; Du et al., "No One Left Behind", CVPR 2023, Eqs. 1–3).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { GmlClassNormalizer, LossOptions } from "./types.ts";
import { checkLogitsLabels, requireClassCounts } from "./_check_inputs.ts";

/**
 * The clamp of the authors' code: each sample's re-weighted true-class probability is held at
 * 1e-5 or above before the class means are taken. The paper's Eqs. (1)–(3) have no clamp, so
 * GML uses none unless `gmlMinProbability` asks for it (pass this constant to match that code).
 */
export const GML_MIN_PROBABILITY = 1e-5;

/** Every {@linkcode GmlClassNormalizer}. */
export const GML_CLASS_NORMALIZERS: readonly GmlClassNormalizer[] = ["all", "present"];

/**
 * The GML options of `options`, resolved and checked: the normalizer (default `all`, Eq. 1's
 * 1/C), the probability floor (default 0: none, as Eqs. 1–3) and the re-weighting (default on,
 * Eq. 3).
 */
export function gmlSettings(options: LossOptions = {}): {
  normalizer: GmlClassNormalizer;
  minProbability: number;
  reweight: boolean;
} {
  const normalizer = options.gmlNormalizer ?? "all";
  if (!GML_CLASS_NORMALIZERS.includes(normalizer)) {
    throw new Error(
      `Cannot compute GML with gmlNormalizer "${normalizer}": valid values are ${
        GML_CLASS_NORMALIZERS.join(", ")
      }.`,
    );
  }
  const minProbability = options.gmlMinProbability ?? 0;
  if (!(minProbability >= 0 && minProbability < 1)) {
    throw new Error(
      `Cannot compute GML with gmlMinProbability ${minProbability}: it must lie in [0, 1).`,
    );
  }
  const reweight = options.gmlReweight ?? true;
  if (typeof reweight !== "boolean") {
    throw new Error(`Cannot compute GML with gmlReweight ${reweight}: it must be true or false.`);
  }
  return { normalizer, minProbability, reweight };
}

/**
 * GML, Eqs. (1)–(3) of the paper: with re-weighted probabilities p̃_ij = N_j·exp(o_ij) /
 * Σ_c N_c·exp(o_ic) (Eq. 3, the softmax of the logits plus the log training counts), take for
 * each class c of the mini-batch the mean p̄_c of p̃_{i,y_i} over its samples (Eq. 2), and
 * return −(1/C)·Σ_c log p̄_c (Eq. 1): the log comes after the mean, so this is the negative log
 * geometric mean of the per-class mean probabilities. Needs `options.classCounts`.
 *
 * Two choices the paper leaves to the reader are options (see {@linkcode LossOptions}):
 * - A class absent from the mini-batch has no p̄_c (Eq. 2 averages over its N_c = 0 samples),
 *   so its term cannot be in Eq. (1)'s sum. `gmlNormalizer: "all"` (the default) keeps every
 *   symbol Eq. (1) prints: the sum runs over the classes that have a term and is divided by C.
 *   `"present"` divides by the number of classes in the batch instead (a mean over them; this
 *   project's GML before issue #13), which scales the loss by C / |present| batch by batch.
 * - `gmlMinProbability` (default 0, none) holds each sample's p̃_{i,y_i} at that floor before
 *   the mean; {@linkcode GML_MIN_PROBABILITY} (1e-5) is the authors' code's floor. Below it the
 *   sample's gradient is zero, and the loss is bounded by −log floor.
 * `gmlReweight: false` drops Eq. (3)'s N_j (plain softmax), the ablation of the paper's Table 8.
 *
 * The class means are computed in log space (log p̄_c = logsumexp_i log p̃_i − log N_c), so a
 * class whose probabilities all underflow float32 still has a finite loss and gradient.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { gml } from "./gml.ts";
 * // Two classes, both in the batch, equal counts, zero logits: p̄ = 1/2 each, loss ln 2.
 * const loss = gml(tf.zeros([2, 2]) as tf.Tensor2D, tf.tensor1d([0, 1], "int32"), {
 *   classCounts: [1, 1],
 * });
 * if (!(Math.abs(loss.dataSync()[0] - Math.log(2)) < 1e-6)) throw new Error("example failed");
 * ```
 */
export function gml(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  options: LossOptions = {},
): tf.Scalar {
  checkLogitsLabels("GML", logits, labels);
  const numClasses = logits.shape[1];
  const counts = requireClassCounts("GML", options.classCounts, numClasses);
  const { normalizer, minProbability, reweight } = gmlSettings(options);
  const logCounts = Float32Array.from(counts, (n) => (reweight ? Math.log(n) : 0));
  return tf.tidy(() => {
    const logp = tf.logSoftmax(tf.add(logits, tf.tensor1d(logCounts))); // [B, C]
    const oneHot = tf.oneHot(labels, numClasses).toFloat(); // [B, C]
    let logTrue = tf.sum(tf.mul(oneHot, logp), 1); // [B], log p̃_{i, y_i} ≤ 0
    if (minProbability > 0) logTrue = tf.clipByValue(logTrue, Math.log(minProbability), 0);
    const member = tf.cast(oneHot, "bool"); // [B, C]
    const classCount = tf.sum(oneHot, 0); // [C], N_c of the batch
    const present = tf.greater(classCount, 0); // [C]
    const column = tf.mul(tf.expandDims(logTrue, 1), tf.onesLike(oneHot)); // [B, C]
    // Per-class max of the members' log-probabilities (−1e30 where a class has none), then
    // logsumexp around it; non-members get exponent 0 and weight 0, so nothing overflows.
    const masked = tf.where(member, column, tf.fill(oneHot.shape, -1e30)); // [B, C]
    const peak = tf.where(present, tf.max(masked, 0), tf.zerosLike(classCount)); // [C]
    const shifted = tf.where(member, tf.sub(column, peak), tf.zerosLike(column)); // [B, C]
    const sums = tf.sum(tf.mul(tf.exp(shifted), oneHot), 0); // [C]
    const safeSums = tf.where(present, sums, tf.onesLike(sums)); // [C], 1 where absent
    const safeCounts = tf.maximum(classCount, 1); // [C]
    // log p̄_c, and 0 (so no term) for an absent class.
    const logMean = tf.where(
      present,
      tf.sub(tf.add(peak, tf.log(safeSums)), tf.log(safeCounts)),
      tf.zerosLike(sums),
    ); // [C]
    const divisor = normalizer === "all"
      ? tf.scalar(numClasses)
      : tf.sum(tf.cast(present, "float32")); // []
    return tf.neg(tf.div(tf.sum(logMean), divisor)) as tf.Scalar;
  });
}
