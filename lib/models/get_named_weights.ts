/**
 * Reading a model's variables as name-keyed plain arrays.
 *
 * @module
 */
import type { Model, NamedWeights } from "./types.ts";

/** Which variables to read: a list of names, or a predicate on the name. */
export type WeightFilter = readonly string[] | ((name: string) => boolean);

/**
 * Copies the model's variables (trainable weights and buffers) into a
 * {@linkcode NamedWeights} map, in the model's declaration order. With a
 * filter, only matching variables are read; a listed name the model lacks is
 * an error. The arrays are copies: changing them never changes the model.
 *
 * @example
 * ```ts
 * import { buildModel } from "./build_model.ts";
 * import { getNamedWeights } from "./get_named_weights.ts";
 * const model = buildModel("resnet8", { numClasses: 10, inputShape: [8, 8, 3], seed: 0 });
 * const head = getNamedWeights(model, model.classifierWeights);
 * if (!(head.get("classifier/kernel")!.shape.join() === "64,10")) throw new Error("example failed");
 * model.dispose();
 * ```
 */
export function getNamedWeights(model: Model, filter?: WeightFilter): NamedWeights {
  let keep: (name: string) => boolean = () => true;
  if (typeof filter === "function") {
    keep = filter;
  } else if (filter !== undefined) {
    const wanted = new Set(filter);
    for (const name of wanted) {
      if (!model.variables.has(name)) {
        throw new Error(
          `Cannot read weight "${name}": ${model.config.arch} has no variable of that name.`,
        );
      }
    }
    keep = (name) => wanted.has(name);
  }
  const out: NamedWeights = new Map();
  for (const [name, variable] of model.variables) {
    if (!keep(name)) continue;
    out.set(name, {
      shape: [...variable.shape],
      values: new Float32Array(variable.dataSync() as Float32Array),
    });
  }
  return out;
}
