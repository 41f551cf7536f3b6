/**
 * Small WGSL programs for the tfjs webgpu backend. They follow the
 * `WebGPUProgram` shape that `WebGPUBackend.runWebGPUProgram` expects
 * (tfjs-backend-webgpu 4.22.0 `webgpu_program.ts`): the backend prepends the
 * uniform struct (input/output shapes, `size`, and `uniforms` below), binds
 * the output as `result` and each input under its variable name, and calls
 * `main(index)` once per flat output element for a flat dispatch layout.
 *
 * @module
 */
import { webgpu_util } from "@tensorflow/tfjs-backend-webgpu";

/** The fields of tfjs-webgpu's `WebGPUProgram` that these programs set. */
export interface FlatProgram {
  /** Input names, bound as `array<f32>` storage buffers. */
  variableNames: string[];
  /** Output shape. */
  outputShape: number[];
  /** Pipeline-cache key: programs with equal keys share a compiled pipeline. */
  shaderKey: string;
  /** Which output dimensions map to the dispatch's x, y, z. */
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  /** Workgroups per dispatch dimension. */
  dispatch: [number, number, number];
  /** Threads per workgroup. */
  workgroupSize: [number, number, number];
  /** Whether the backend passes `uniforms.size` (the output element count). */
  size: boolean;
  /** Extra uniform declarations, filled in order by the caller's uniform data. */
  uniforms: string;
  /** The WGSL body defining `fn main(index : i32)`. */
  getUserCode(): string;
}

const WORKGROUP = 64;

function flat(outputShape: number[]): Pick<FlatProgram, "dispatchLayout" | "dispatch"> {
  const dispatchLayout = webgpu_util.flatDispatchLayout(outputShape);
  const dispatch = webgpu_util.computeDispatch(dispatchLayout, outputShape, [WORKGROUP, 1, 1]);
  return { dispatchLayout, dispatch: dispatch as [number, number, number] };
}

/**
 * Patch extraction for the filter gradient: output [slices, rows, K] holds, for
 * output pixel `m = slice·rows + row` of images `batchOffset…` (NHWC input `x`
 * [B, H, W, Cin]) and filter tap `k = (ky·fw + kx)·Cin + c`, the input value the
 * forward convolution multiplied with filter element k at that pixel (0 in padding).
 * Uniforms: `pads` (top, left), `strides` (h, w), `outSize` (outHeight, outWidth),
 * `filterWidth`, `batchOffset`.
 */
export class Im2colPatchesProgram implements FlatProgram {
  variableNames = ["x"];
  outputShape: number[];
  shaderKey = "btmIm2colPatches";
  dispatchLayout: FlatProgram["dispatchLayout"];
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  uniforms = "pads : vec2<i32>, strides : vec2<i32>, outSize : vec2<i32>, filterWidth : i32, " +
    "batchOffset : i32,";

  /** `outputShape` is [slices, rows per slice, K]. */
  constructor(outputShape: [number, number, number]) {
    this.outputShape = outputShape;
    ({ dispatchLayout: this.dispatchLayout, dispatch: this.dispatch } = flat(outputShape));
  }

  /** WGSL of `main`. */
  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index >= uniforms.size) { return; }
        let kSize = uniforms.outShape[2];
        let k = index % kSize;
        let m = index / kSize;
        let pixels = uniforms.outSize[0] * uniforms.outSize[1];
        let b = m / pixels + uniforms.batchOffset;
        let pix = m % pixels;
        let oy = pix / uniforms.outSize[1];
        let ox = pix % uniforms.outSize[1];
        let cin = uniforms.xShape[3];
        let tap = k / cin;
        let c = k % cin;
        let iy = oy * uniforms.strides[0] - uniforms.pads[0] + tap / uniforms.filterWidth;
        let ix = ox * uniforms.strides[1] - uniforms.pads[1] + tap % uniforms.filterWidth;
        var v = 0.0;
        if (iy >= 0 && iy < uniforms.xShape[1] && ix >= 0 && ix < uniforms.xShape[2]) {
          v = x[((b * uniforms.xShape[1] + iy) * uniforms.xShape[2] + ix) * cin + c];
        }
        setOutputAtIndex(index, v);
      }`;
  }
}

/**
 * Sum over the leading axis: input `x` [slices, n] → output [n]; thread i adds
 * x[0, i] … x[slices−1, i] in order (reads are coalesced across threads).
 */
export class SumLeadingProgram implements FlatProgram {
  variableNames = ["x"];
  outputShape: number[];
  shaderKey = "btmSumLeading";
  dispatchLayout: FlatProgram["dispatchLayout"];
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  uniforms = "";

  /** `n` is the length of the output (the input's second dimension). */
  constructor(n: number) {
    this.outputShape = [n];
    ({ dispatchLayout: this.dispatchLayout, dispatch: this.dispatch } = flat(this.outputShape));
  }

  /** WGSL of `main`. */
  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index >= uniforms.size) { return; }
        var acc = 0.0;
        for (var s = 0; s < uniforms.xShape[0]; s++) {
          acc += x[s * uniforms.size + index];
        }
        setOutputAtIndex(index, acc);
      }`;
  }
}
