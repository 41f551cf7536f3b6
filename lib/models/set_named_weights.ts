/**
 * Writing name-keyed plain arrays into a model's variables.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Model, NamedWeights } from "./types.ts";

/** Options of {@linkcode setNamedWeights}. */
export interface SetNamedWeightsOptions {
  /**
   * Allow `weights` to cover only some of the model's variables (e.g. only
   * the classifier); default false, so a checkpoint that misses a variable is
   * an error rather than a silently half-loaded model.
   */
  allowMissing?: boolean;
}

/**
 * Assigns each entry of `weights` to the model variable of the same name.
 * Everything is checked before anything is written: an entry the model lacks,
 * a shape or length mismatch, or (unless `allowMissing`) a model variable
 * absent from `weights` throws an error naming it, and leaves the model as it
 * was.
 *
 * @example
 * ```ts
 * import { buildModel } from "./build_model.ts";
 * import { getNamedWeights } from "./get_named_weights.ts";
 * import { setNamedWeights } from "./set_named_weights.ts";
 * const options = { numClasses: 10, inputShape: [8, 8, 3] as [number, number, number] };
 * const a = buildModel("resnet8", { ...options, seed: 0 });
 * const b = buildModel("resnet8", { ...options, seed: 1 });
 * setNamedWeights(b, getNamedWeights(a));
 * a.dispose();
 * b.dispose();
 * ```
 */
export function setNamedWeights(
  model: Model,
  weights: NamedWeights,
  options: SetNamedWeightsOptions = {},
): void {
  for (const [name, { shape, values }] of weights) {
    const variable = model.variables.get(name);
    if (variable === undefined) {
      throw new Error(
        `Cannot set weight "${name}": ${model.config.arch} has no variable of that name.`,
      );
    }
    if (shape.join() !== variable.shape.join()) {
      throw new Error(
        `Cannot set weight "${name}": it has shape [${shape}] but the model's variable has shape [${variable.shape}].`,
      );
    }
    if (values.length !== variable.size) {
      throw new Error(
        `Cannot set weight "${name}": it holds ${values.length} values but shape [${shape}] needs ${variable.size}.`,
      );
    }
  }
  if (!options.allowMissing) {
    for (const name of model.variables.keys()) {
      if (!weights.has(name)) {
        throw new Error(
          `Cannot set weights: "${name}" of ${model.config.arch} is missing (pass allowMissing to set a subset).`,
        );
      }
    }
  }
  for (const [name, { shape, values }] of weights) {
    const value = tf.tensor(values, shape, "float32");
    model.variables.get(name)!.assign(value);
    value.dispose();
  }
}
