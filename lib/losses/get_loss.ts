/**
 * The loss registry: losses by name.
 *
 * @module
 */
import type { LossFn } from "./types.ts";
import { balancedSoftmax } from "./balanced_softmax.ts";
import { crossEntropy } from "./cross_entropy.ts";
import { gml, GML_MIN_PROBABILITY } from "./gml.ts";
import { labelAwareSmoothing } from "./label_aware_smoothing.ts";

/**
 * Losses by registry name: `ce` cross-entropy, `bsce` balanced softmax, `las`
 * label-aware smoothing, `gml` geometric-mean loss.
 */
export const LOSSES: Readonly<Record<string, LossFn>> = {
  ce: crossEntropy,
  bsce: balancedSoftmax,
  las: labelAwareSmoothing,
  gml,
};

/**
 * The largest value a registered loss can take, for the losses that are bounded: GML clamps
 * each class's mean probability at `GML_MIN_PROBABILITY`, so it never exceeds −ln 1e-5 ≈ 11.5
 * (and its gradient vanishes there). Losses not listed are unbounded. Training uses this to
 * recognise a diverged GML run, whose loss saturates instead of growing.
 */
export const LOSS_MAXIMA: Readonly<Record<string, number>> = {
  gml: -Math.log(GML_MIN_PROBABILITY),
};

/**
 * The loss registered as `name`; an unknown name is an error listing the valid ones.
 *
 * @example
 * ```ts
 * import { getLoss } from "./get_loss.ts";
 * import { gml, GML_MIN_PROBABILITY } from "./gml.ts";
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
