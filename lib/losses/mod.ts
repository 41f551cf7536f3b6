/**
 * Classification losses for long-tailed learning, by name.
 *
 * @module
 */
export type { LossFn, LossOptions, SmoothingShape } from "./types.ts";
export { crossEntropy } from "./cross_entropy.ts";
export { balancedSoftmax } from "./balanced_softmax.ts";
export { labelAwareSmoothing, labelAwareSmoothingFactors } from "./label_aware_smoothing.ts";
export { gml, GML_MIN_PROBABILITY } from "./gml.ts";
export { mixupLoss } from "./mixup_loss.ts";
export { getLoss, LOSS_MAXIMA, LOSSES } from "./get_loss.ts";
