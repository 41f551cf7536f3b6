/**
 * The loss registry: losses by name.
 *
 * @module
 */
import type { LossFn, LossOptions } from "./types.ts";
import { balancedSoftmax } from "./balanced_softmax.ts";
import { crossEntropy } from "./cross_entropy.ts";
import { gml, gmlSettings } from "./gml.ts";
import { gmlLas } from "./gml_las.ts";
import { labelAwareSmoothing } from "./label_aware_smoothing.ts";

/**
 * Losses by registry name: `ce` cross-entropy, `bsce` balanced softmax, `las`
 * label-aware smoothing, `gml` geometric-mean loss, `gml+las` λ·GML + LAS (the GML paper's
 * loss on a MiSLAS model).
 */
export const LOSSES: Readonly<Record<string, LossFn>> = {
  ce: crossEntropy,
  bsce: balancedSoftmax,
  las: labelAwareSmoothing,
  gml,
  "gml+las": gmlLas,
};

/**
 * The largest value the loss `name` can take with `options`, or Infinity when it is unbounded
 * (every loss but a clamped GML). GML with a probability floor (`gmlMinProbability`, e.g. the
 * authors' 1e-5) never exceeds −ln floor ≈ 11.5 (and its gradient vanishes there); without a
 * floor, as the paper writes it, it grows without bound like cross-entropy. Training uses this
 * to recognise a diverged clamped GML run, whose loss saturates instead of growing.
 *
 * @example
 * ```ts
 * import { lossMaximum } from "./get_loss.ts";
 * import { GML_MIN_PROBABILITY } from "./gml.ts";
 * const max = lossMaximum("gml", { gmlMinProbability: GML_MIN_PROBABILITY });
 * if (Math.abs(max + Math.log(1e-5)) > 1e-12 || lossMaximum("gml") !== Infinity) throw new Error();
 * ```
 */
export function lossMaximum(name: string, options: LossOptions = {}): number {
  getLoss(name);
  if (name !== "gml") return Infinity;
  const { minProbability } = gmlSettings(options);
  return minProbability > 0 ? -Math.log(minProbability) : Infinity;
}

/**
 * The loss registered as `name`; an unknown name is an error listing the valid ones.
 *
 * @example
 * ```ts
 * import { getLoss } from "./get_loss.ts";
 * import { gml } from "./gml.ts";
 * if (!(getLoss("gml") === gml)) throw new Error("example failed");
 * ```
 */
export function getLoss(name: string): LossFn {
  const loss = Object.hasOwn(LOSSES, name) ? LOSSES[name] : undefined;
  if (loss === undefined) {
    throw new Error(`Unknown loss "${name}": valid losses are ${Object.keys(LOSSES).join(", ")}.`);
  }
  return loss;
}
