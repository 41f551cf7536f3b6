/**
 * Classification losses for long-tailed learning, by name.
 *
 * @module
 */
export type { GmlClassNormalizer, LossFn, LossOptions, SmoothingShape } from "./types.ts";
export { crossEntropy } from "./cross_entropy.ts";
export { balancedSoftmax } from "./balanced_softmax.ts";
export { labelAwareSmoothing, labelAwareSmoothingFactors } from "./label_aware_smoothing.ts";
export { gml, GML_CLASS_NORMALIZERS, GML_MIN_PROBABILITY, gmlSettings } from "./gml.ts";
export { GML_LAS_DEFAULT_WEIGHT, gmlLas } from "./gml_las.ts";
export { mixupLoss } from "./mixup_loss.ts";
export { getLoss, LOSSES, lossMaximum } from "./get_loss.ts";
