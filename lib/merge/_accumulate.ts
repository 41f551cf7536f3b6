/**
 * Name-keyed float64 accumulation shared by the merge functions (internal).
 *
 * @module
 */

import type { NamedWeights } from "./named_weights.ts";

/** Float64 running sums, one per variable name. */
export type Sums = Map<string, Float64Array>;

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function checkEntry(
  name: string,
  entry: { shape: number[]; values: Float32Array },
  m: number,
): void {
  const { shape, values } = entry ?? {};
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new TypeError(
      `Cannot merge weights: "${name}" in model ${m} has shape ${shape}, not a list of non-negative integers`,
    );
  }
  if (!(values instanceof Float32Array)) {
    throw new TypeError(
      `Cannot merge weights: "${name}" in model ${m} holds ${
        Object.prototype.toString.call(values).slice(8, -1)
      }, not a Float32Array`,
    );
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (values.length !== size) {
    throw new RangeError(
      `Cannot merge weights: "${name}" in model ${m} has ${values.length} values but shape ${
        shapeText(shape)
      } needs ${size}`,
    );
  }
}

/**
 * Checks that every model has exactly the names of model 0, each with the
 * same shape and a Float32Array of matching size; returns model 0's names.
 * Only names matter: the maps' iteration order is never used for pairing.
 */
export function checkCompatible(models: NamedWeights[]): string[] {
  if (!Array.isArray(models) || models.length === 0) {
    throw new RangeError(`Cannot merge weights of ${models}: need a non-empty list of models`);
  }
  models.forEach((model, m) => {
    if (!(model instanceof Map)) {
      throw new TypeError(
        `Cannot merge weights: model ${m} is ${model}, not a Map of named weights`,
      );
    }
  });
  const first = models[0];
  const names = [...first.keys()];
  for (const name of names) checkEntry(name, first.get(name)!, 0);
  for (let m = 1; m < models.length; m++) {
    const model = models[m];
    for (const name of names) {
      const entry = model.get(name);
      if (entry === undefined) {
        throw new RangeError(
          `Cannot merge weights: model ${m} has no "${name}", which model 0 has`,
        );
      }
      checkEntry(name, entry, m);
      const expected = first.get(name)!.shape;
      if (
        entry.shape.length !== expected.length || entry.shape.some((d, i) => d !== expected[i])
      ) {
        throw new RangeError(
          `Cannot merge weights: "${name}" has shape ${shapeText(entry.shape)} in model ${m} but ${
            shapeText(expected)
          } in model 0`,
        );
      }
    }
    if (model.size !== first.size) {
      const extra = [...model.keys()].find((name) => !first.has(name));
      throw new RangeError(
        `Cannot merge weights: model ${m} has "${extra}", which model 0 lacks`,
      );
    }
  }
  return names;
}

/** Zeroed float64 sums shaped like `model`. */
export function zeroSums(model: NamedWeights, names: string[]): Sums {
  return new Map(names.map((name) => [name, new Float64Array(model.get(name)!.values.length)]));
}

/** sums += scale · model, elementwise and by name, in float64. */
export function addScaled(sums: Sums, model: NamedWeights, scale: number): void {
  for (const [name, acc] of sums) {
    const values = model.get(name)!.values;
    for (let i = 0; i < acc.length; i++) acc[i] += scale * values[i];
  }
}

/**
 * (sums + extra) / divisor as float32 named weights (rounded once, at the
 * end), shapes copied from `like`; `extra` may be omitted.
 */
export function toWeights(
  sums: Sums,
  like: NamedWeights,
  divisor: number,
  extra?: NamedWeights,
): NamedWeights {
  const out: NamedWeights = new Map();
  for (const [name, acc] of sums) {
    const values = new Float32Array(acc.length);
    const plus = extra === undefined ? undefined : extra.get(name)!.values;
    for (let i = 0; i < acc.length; i++) {
      values[i] = (plus === undefined ? acc[i] : acc[i] + plus[i]) / divisor;
    }
    out.set(name, { shape: [...like.get(name)!.shape], values });
  }
  return out;
}
