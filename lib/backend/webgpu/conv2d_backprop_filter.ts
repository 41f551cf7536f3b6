/**
 * `Conv2DBackpropFilter` for the tfjs webgpu backend as patch extraction plus
 * a batched matrix product, instead of tfjs's stock shader (one thread per
 * filter element looping serially over batch × output pixels).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { WebGPUBackend } from "@tensorflow/tfjs-backend-webgpu";
import { Im2colPatchesProgram, SumLeadingProgram } from "./_programs.ts";

/** Inputs, attributes and backend a `Conv2DBackpropFilter` kernel receives. */
export interface Conv2dBackpropFilterArgs {
  /** `x` [B, H, W, Cin] (the forward input) and `dy` [B, outH, outW, Cout]. */
  inputs: { x: tf.TensorInfo; dy: tf.TensorInfo };
  /** The webgpu backend running the kernel. */
  backend: WebGPUBackend;
  /** tfjs `Conv2DBackpropFilterAttrs`. */
  attrs: {
    strides: number | [number, number];
    pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
    dataFormat: "NHWC" | "NCHW";
    dimRoundingMode?: "floor" | "round" | "ceil";
    filterShape: [number, number, number, number];
  };
}

/** Options of {@linkcode conv2dBackpropFilterWebgpu}. */
export interface Conv2dBackpropFilterOptions {
  /**
   * Largest patch matrix (bytes) one im2col dispatch may write; bigger
   * batches are done in chunks of images. Default 512 MiB, and never more
   * than the device's `maxStorageBufferBindingSize` (128 MiB on lavapipe).
   */
  maxPatchBytes?: number;
}

const MAX_PATCH_BYTES = 512 * 1024 * 1024;
/** Workgroups the batched product should have to fill a large GPU (132 SMs on an H100). */
const TARGET_WORKGROUPS = 1024;
/** Fewest rows of the reduction each slice keeps, so slices are not mostly overhead. */
const MIN_ROWS_PER_SLICE = 256;

/**
 * Splits `rows` reduction rows into slices for the batched product: as many as
 * needed for about {@linkcode TARGET_WORKGROUPS} 32×32 output tiles in total,
 * each slice at least {@linkcode MIN_ROWS_PER_SLICE} rows, and a divisor of `rows`.
 */
export function chooseSlices(rows: number, tiles: number): number {
  const most = Math.max(
    1,
    Math.min(Math.ceil(TARGET_WORKGROUPS / tiles), Math.floor(rows / MIN_ROWS_PER_SLICE)),
  );
  for (let s = most; s > 1; s--) if (rows % s === 0) return s;
  return 1;
}

function runKernel(
  name: string,
  backend: WebGPUBackend,
  inputs: Record<string, tf.TensorInfo>,
  attrs: Record<string, unknown>,
): tf.TensorInfo {
  const config = tf.getKernel(name, "webgpu");
  if (config === undefined) throw new Error(`Cannot find the webgpu kernel "${name}".`);
  // deno-lint-ignore no-explicit-any
  return config.kernelFunc({ inputs, backend, attrs } as any) as tf.TensorInfo;
}

/**
 * The filter gradient dW [fh, fw, Cin, Cout] of an NHWC convolution:
 * dW = patchesᵀ · dy, where patches [B·outH·outW, fh·fw·Cin] is written by one
 * im2col dispatch and the reduction over B·outH·outW is split into slices
 * that a batched tiled matmul computes in parallel, then summed by one more
 * dispatch. Batches whose patch matrix exceeds the binding limit are done in
 * chunks of images and added. Returns `null` for what it does not handle
 * (NCHW, an image too large for one binding) so the caller can fall back.
 */
export function conv2dBackpropFilterWebgpu(
  args: Conv2dBackpropFilterArgs,
  options: Conv2dBackpropFilterOptions = {},
): tf.TensorInfo | null {
  const { inputs: { x, dy }, backend, attrs } = args;
  if (attrs.dataFormat === "NCHW") return null;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const n = info.outChannels;
  const pixels = info.outHeight * info.outWidth;
  const limit = Math.min(
    backend.device.limits.maxStorageBufferBindingSize,
    options.maxPatchBytes ?? MAX_PATCH_BYTES,
  );
  const imagesPerChunk = Math.min(info.batchSize, Math.floor(limit / (pixels * k * 4)));
  if (imagesPerChunk < 1) return null;
  const tiles = Math.ceil(k / 32) * Math.ceil(n / 32);
  const temps: tf.TensorInfo[] = [];
  let total: tf.TensorInfo | null = null;
  for (let b0 = 0; b0 < info.batchSize; b0 += imagesPerChunk) {
    const images = Math.min(imagesPerChunk, info.batchSize - b0);
    const rows = images * pixels;
    const slices = chooseSlices(rows, tiles);
    const patches = backend.runWebGPUProgram(
      // deno-lint-ignore no-explicit-any
      new Im2colPatchesProgram([slices, rows / slices, k]) as any,
      [x],
      "float32",
      [
        { type: "int32", data: [info.padInfo.top, info.padInfo.left] },
        { type: "int32", data: [info.strideHeight, info.strideWidth] },
        { type: "int32", data: [info.outHeight, info.outWidth] },
        { type: "int32", data: [info.filterWidth] },
        { type: "int32", data: [b0] },
      ],
    ); // [slices, rows/slices, k]
    temps.push(patches);
    let dyChunk = dy;
    if (images !== info.batchSize) {
      dyChunk = runKernel("Slice", backend, { x: dy }, {
        begin: [b0, 0, 0, 0],
        size: [images, info.outHeight, info.outWidth, n],
      }); // [images, outH, outW, n]
      temps.push(dyChunk);
    }
    const dy3 = runKernel("Reshape", backend, { x: dyChunk }, {
      shape: [slices, rows / slices, n],
    }); // [slices, rows/slices, n]
    temps.push(dy3);
    const partial = runKernel("BatchMatMul", backend, { a: patches, b: dy3 }, {
      transposeA: true,
      transposeB: false,
    }); // [slices, k, n]
    temps.push(partial);
    let chunkSum: tf.TensorInfo;
    if (slices > 1) {
      const flat = runKernel("Reshape", backend, { x: partial }, { shape: [slices, k * n] });
      temps.push(flat);
      // deno-lint-ignore no-explicit-any
      chunkSum = backend.runWebGPUProgram(new SumLeadingProgram(k * n) as any, [flat], "float32");
    } else {
      chunkSum = runKernel("Reshape", backend, { x: partial }, { shape: [k * n] });
    } // [k·n]
    if (total === null) {
      total = chunkSum;
    } else {
      temps.push(total, chunkSum);
      total = runKernel("Add", backend, { a: total, b: chunkSum }, {});
    }
  }
  const dw = runKernel("Reshape", backend, { x: total! }, { shape: attrs.filterShape });
  temps.push(total!);
  for (const t of temps) backend.disposeData(t.dataId);
  return dw; // [fh, fw, Cin, Cout]
}
