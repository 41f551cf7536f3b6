/**
 * Models: the name-keyed functional model contract, the architecture
 * registry, and reading, writing and copying weights by name.
 *
 * @module
 */
export type {
  ApplyOptions,
  BatchNormMode,
  BuildModelOptions,
  Model,
  ModelBuilder,
  ModelConfig,
  NamedWeights,
} from "./types.ts";
export { buildModel, MODELS } from "./build_model.ts";
export { buildResnetCifar, CIFAR_RESNET_WIDTHS } from "./resnet_cifar.ts";
export { buildResnetImagenet, IMAGENET_RESNET_WIDTHS } from "./resnet_imagenet.ts";
export type { ResnetImagenetSpec } from "./resnet_imagenet.ts";
export { groupedConv2d } from "./grouped_conv2d.ts";
export type { GroupedConv2dOptions } from "./grouped_conv2d.ts";
export { getNamedWeights } from "./get_named_weights.ts";
export type { WeightFilter } from "./get_named_weights.ts";
export { setNamedWeights } from "./set_named_weights.ts";
export type { SetNamedWeightsOptions } from "./set_named_weights.ts";
export { cloneModel } from "./clone_model.ts";
export { resetClassifier } from "./reset_classifier.ts";
export type { ResetClassifierOptions } from "./reset_classifier.ts";
export { setClassifier } from "./set_classifier.ts";
export type { LinearClassifier } from "./set_classifier.ts";
export { countParameters } from "./count_parameters.ts";
export { resnetCifarFlops } from "./resnet_cifar_flops.ts";
export type { ResnetCifarFlops, ResnetCifarFlopsOptions } from "./resnet_cifar_flops.ts";
