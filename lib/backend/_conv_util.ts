/**
 * Helpers shared by the wasm training kernels (internal to lib/backend).
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";

/** Conv2D attrs that the backprop kernels receive. */
export interface ConvBackpropAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat?: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
}

/** Throws a clear error for attrs the wasm training kernels do not handle. */
export function checkNHWC(kernel: string, attrs: ConvBackpropAttrs): void {
  if (attrs.dataFormat != null && attrs.dataFormat !== "NHWC") {
    throw new Error(
      `Cannot run ${kernel} on wasm with dataFormat "${attrs.dataFormat}": only "NHWC" is supported.`,
    );
  }
}

/**
 * How one spatial axis of a transposed convolution splits into phases.
 * Output index i = q·s + r (phase r) gets Σ_j dy[q + d_r − j]·W[k0_r + s·j],
 * j < taps_r, with c = r + pad, d_r = ⌊c/s⌋, k0_r = c mod s. One convolution
 * window [lo, lo + len) of dy offsets covers every phase.
 */
export interface AxisPlan {
  /** Per phase r: first filter tap, dy offset, number of taps. */
  phases: { k0: number; d: number; taps: number }[];
  /** Smallest dy offset any phase reads. */
  lo: number;
  /** Filter length along this axis. */
  len: number;
  /** Phase outputs: ⌈size / s⌉. */
  q: number;
  /** Zeros before / after dy along this axis (negative: crop). */
  before: number;
  after: number;
}

/** Plans the phases of one axis (see {@linkcode AxisPlan}). */
export function planAxis(
  k: number,
  s: number,
  pad: number,
  size: number,
  outSize: number,
): AxisPlan {
  const phases = Array.from({ length: s }, (_, r) => {
    const c = r + pad;
    const k0 = c % s;
    return { k0, d: Math.floor(c / s), taps: Math.max(0, Math.ceil((k - k0) / s)) };
  });
  const used = phases.filter((p) => p.taps > 0);
  const lo = Math.min(...used.map((p) => p.d - p.taps + 1));
  const hi = Math.max(...used.map((p) => p.d));
  const len = hi - lo + 1;
  const q = Math.ceil(size / s);
  const before = -lo;
  return { phases, lo, len, q, before, after: q + len - 1 - before - outSize };
}
