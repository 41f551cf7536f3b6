/**
 * Fresh, seeded classifier weights (classifier re-training, e.g. BTM's last step and cRT).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Model } from "./types.ts";
import { initialValues } from "./_variable_store.ts";

/** Options of {@linkcode resetClassifier}. */
export interface ResetClassifierOptions {
  /**
   * Run seed of the new weights (variable `name` is drawn from
   * `seedFor(seed, name)`); default the model's own `config.seed`, which
   * restores exactly the classifier the model was built with.
   */
  seed?: number;
}

/**
 * Re-draws `classifier/kernel` and `classifier/bias` from PyTorch's
 * `nn.Linear` default U(−1/√featureDim, 1/√featureDim), seeded; the backbone
 * is untouched.
 *
 * @example
 * ```ts
 * import { buildModel } from "./build_model.ts";
 * import { resetClassifier } from "./reset_classifier.ts";
 * const model = buildModel("resnet8", { numClasses: 10, inputShape: [8, 8, 3], seed: 0 });
 * resetClassifier(model, { seed: 7 });
 * model.dispose();
 * ```
 */
export function resetClassifier(model: Model, options: ResetClassifierOptions = {}): void {
  const seed = options.seed ?? model.config.seed;
  if (!Number.isFinite(seed)) {
    throw new Error(`Cannot reset the classifier with seed ${seed}: it must be a finite number.`);
  }
  const bound = 1 / Math.sqrt(model.featureDim);
  for (const name of model.classifierWeights) {
    const variable = model.variables.get(name)!;
    const values = initialValues(name, [...variable.shape], { kind: "uniform", bound }, seed);
    const value = tf.tensor(values, variable.shape, "float32");
    variable.assign(value);
    value.dispose();
  }
}
