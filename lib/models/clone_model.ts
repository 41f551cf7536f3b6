/**
 * Independent copies of models.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import { buildModel } from "./build_model.ts";
import type { Model } from "./types.ts";

/**
 * A new model with the same architecture and a copy of every variable
 * (weights and buffers); training one never changes the other. No initializer
 * runs, so cloning is cheap even for large models.
 *
 * @example
 * ```ts
 * import { buildModel } from "./build_model.ts";
 * import { cloneModel } from "./clone_model.ts";
 * const model = buildModel("resnet8", { numClasses: 10, inputShape: [8, 8, 3], seed: 0 });
 * const copy = cloneModel(model);
 * if (!(copy.variables.get("classifier/bias") !== model.variables.get("classifier/bias"))) throw new Error("example failed");
 * model.dispose();
 * copy.dispose();
 * ```
 */
export function cloneModel(model: Model): Model {
  const { arch, numClasses, inputShape, widths, seed } = model.config;
  return buildModel(arch, {
    numClasses,
    inputShape: [...inputShape],
    widths: widths === undefined ? undefined : [...widths],
    seed,
    initialValues: new Map<string, tf.Tensor>(model.variables),
  });
}
