/**
 * WebGPU backend kernels that replace slow tfjs-backend-webgpu ones.
 *
 * @module
 */
export { registerWebgpuKernels, unregisterWebgpuKernels } from "./register_webgpu_kernels.ts";
export { chooseSlices, conv2dBackpropFilterWebgpu } from "./conv2d_backprop_filter.ts";
export type {
  Conv2dBackpropFilterArgs,
  Conv2dBackpropFilterOptions,
} from "./conv2d_backprop_filter.ts";
