/**
 * Ensembles of models whose softmax outputs are averaged, such as GML's
 * ensemble of the old and the new classifier.
 *
 * @module
 */
import type { Model } from "../models/types.ts";

/** One member of an {@linkcode Ensemble}. */
export interface EnsembleMember {
  /** The model; the ensemble does not own it. */
  model: Model;
  /** Softmax temperature: probabilities are `softmax(logits / temperature)`; default 1. */
  temperature?: number;
  /** Weight of this member's probabilities in the average; default 1 (equal weights). */
  weight?: number;
}

/** Models evaluated together: the prediction is the argmax of the weighted mean of their softmaxes. */
export interface Ensemble {
  /** Marks the object as an ensemble. */
  kind: "ensemble";
  /** Members, all with the same number of classes. */
  members: EnsembleMember[];
}

/** Defaults of {@linkcode gmlEnsemble}: both temperatures 1, the plain softmaxes. */
export const GML_ENSEMBLE_DEFAULTS = { tOld: 1, tNew: 1 } as const satisfies GmlEnsembleOptions;

/** Options of {@linkcode gmlEnsemble}. */
export interface GmlEnsembleOptions {
  /** Temperature t_old of the original model's logits; default 1. */
  tOld?: number;
  /** Temperature t_new of the GML-trained model's logits; default 1. */
  tNew?: number;
}

/**
 * GML's ensemble trick: average `softmax(old / t_old)` and
 * `softmax(new / t_new)`, so the original model's average accuracy and the GML
 * model's worst-class recall combine.
 *
 * @example
 * ```ts
 * import { gmlEnsemble } from "./ensemble.ts";
 * import type { Model } from "../models/types.ts";
 * const e = gmlEnsemble({} as Model, {} as Model, { tOld: 2 });
 * if (e.members[0].temperature !== 2 || e.members[1].temperature !== 1) throw new Error("t");
 * ```
 */
export function gmlEnsemble(
  oldModel: Model,
  newModel: Model,
  options: GmlEnsembleOptions = {},
): Ensemble {
  const tOld = options.tOld ?? GML_ENSEMBLE_DEFAULTS.tOld;
  const tNew = options.tNew ?? GML_ENSEMBLE_DEFAULTS.tNew;
  for (const [name, t] of [["tOld", tOld], ["tNew", tNew]] as const) {
    if (!(t > 0) || !Number.isFinite(t)) {
      throw new RangeError(`Cannot build a GML ensemble with ${name} = ${t}: it must be > 0`);
    }
  }
  return {
    kind: "ensemble",
    members: [
      { model: oldModel, temperature: tOld, weight: 1 },
      { model: newModel, temperature: tNew, weight: 1 },
    ],
  };
}

/** True when the value is an {@linkcode Ensemble}. */
export function isEnsemble(value: Model | Ensemble): value is Ensemble {
  return (value as Ensemble).kind === "ensemble";
}
