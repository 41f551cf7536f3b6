/**
 * GML combined with MiSLAS' label-aware smoothing, as the GML paper plugs GML into a two-stage
 * method (GML appendix, Section 2, Places-LT with MiSLAS: L = λ·L_GML + L_LAS, λ = 1).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { LossOptions } from "./types.ts";
import { gml } from "./gml.ts";
import { labelAwareSmoothing } from "./label_aware_smoothing.ts";
import { checkLogitsLabels } from "./_check_inputs.ts";

/** λ of {@linkcode gmlLas} unless `gmlWeight` says otherwise: 1, "without tuning it" (the paper). */
export const GML_LAS_DEFAULT_WEIGHT = 1;

/**
 * `λ·gml(logits, labels) + labelAwareSmoothing(logits, labels)` with the same options (the GML
 * fields reach GML, the LAS fields LAS; both need `options.classCounts`), λ = `gmlWeight`
 * (default 1, the paper's untuned value, `gml_appendix.txt:33`).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { gmlLas } from "./gml_las.ts";
 * // Zero logits, counts [3, 1], both classes in the batch: GML's re-weighted p̄ are 3/4 and 1/4,
 * // and LAS is ln 2 (the plain softmax is 1/2 everywhere).
 * const loss = gmlLas(tf.zeros([2, 2]) as tf.Tensor2D, tf.tensor1d([0, 1], "int32"), {
 *   classCounts: [3, 1],
 * });
 * const expected = -(Math.log(0.75) + Math.log(0.25)) / 2 + Math.log(2);
 * if (!(Math.abs(loss.dataSync()[0] - expected) < 1e-6)) throw new Error("example failed");
 * ```
 */
export function gmlLas(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  options: LossOptions = {},
): tf.Scalar {
  checkLogitsLabels("GML + LAS", logits, labels);
  const weight = options.gmlWeight ?? GML_LAS_DEFAULT_WEIGHT;
  if (!(weight >= 0) || !Number.isFinite(weight)) {
    throw new Error(`Cannot compute GML + LAS with gmlWeight ${weight}: it must be a number >= 0.`);
  }
  return tf.tidy(() =>
    tf.add(
      tf.mul(gml(logits, labels, options), weight),
      labelAwareSmoothing(logits, labels, options),
    )
  ) as tf.Scalar;
}
