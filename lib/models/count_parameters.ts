/**
 * Parameter counts, as papers and torchvision report them.
 *
 * @module
 */
import type { Model } from "./types.ts";

/**
 * Number of trainable parameters (backbone and classifier weights, batch-norm
 * gamma and beta included; running statistics excluded), the figure
 * torchvision and the papers quote (ResNet-50 with 1000 classes: 25,557,032).
 *
 * @example
 * ```ts
 * import { buildModel } from "./build_model.ts";
 * import { countParameters } from "./count_parameters.ts";
 * const model = buildModel("resnet8", { numClasses: 10, inputShape: [8, 8, 3], seed: 0 });
 * if (!(countParameters(model) > 0)) throw new Error("example failed");
 * model.dispose();
 * ```
 */
export function countParameters(model: Model): number {
  let total = 0;
  for (const name of [...model.backboneWeights, ...model.classifierWeights]) {
    total += model.variables.get(name)!.size;
  }
  return total;
}
