/**
 * Compute backends: choosing one, and the kernels the project registers.
 *
 * @module
 */
export { BACKEND_NAMES, initBackend } from "./init_backend.ts";
export type { BackendInfo, BackendName, InitBackendOptions } from "./init_backend.ts";
export { batchNormTrain } from "./batch_norm.ts";
export type { BatchNormTrainOptions } from "./batch_norm.ts";
export { addRelu, relu } from "./relu.ts";
export { foldedConvBn } from "./folded_conv_bn.ts";
export type { FoldedConvBnOptions, FrozenBatchNorm } from "./folded_conv_bn.ts";
export { ONEDNN_BACKEND } from "./onednn/names.ts";
export { onednnThreads, onednnVersion } from "./onednn/onednn_version.ts";
export type { BatchNormTrainResult } from "./batch_norm.ts";
export { registerWasmKernels, WASM_KERNELS } from "./register_wasm_kernels.ts";
export {
  conv2DBackpropFilterImpl,
  conv2DBackpropFilterWasm,
  FILTER_GRADIENT_METHODS,
  WIDTH_AS_CHANNELS_MIN_WIDTH,
} from "./conv2d_backprop_filter_wasm.ts";
export type {
  Conv2DBackpropFilterOptions,
  FilterGradientMethod,
} from "./conv2d_backprop_filter_wasm.ts";
export {
  conv2DBackpropInputImpl,
  conv2DBackpropInputWasm,
  INPUT_GRADIENT_METHODS,
} from "./conv2d_backprop_input_wasm.ts";
export type {
  Conv2DBackpropInputOptions,
  InputGradientMethod,
} from "./conv2d_backprop_input_wasm.ts";
export {
  depthwiseConv2DBackpropFilterImpl,
  depthwiseConv2DBackpropFilterWasm,
  depthwiseConv2DBackpropInputImpl,
  depthwiseConv2DBackpropInputWasm,
} from "./depthwise_conv2d_backprop_wasm.ts";
export type { DepthwiseBackpropAttrs } from "./depthwise_conv2d_backprop_wasm.ts";
/** Moved to lib/models (a count over the models lib/models builds); re-exported here for the bench. */
export { resnetCifarFlops } from "../models/resnet_cifar_flops.ts";
export type { ResnetCifarFlops, ResnetCifarFlopsOptions } from "../models/resnet_cifar_flops.ts";
export * from "./webgpu/mod.ts";
