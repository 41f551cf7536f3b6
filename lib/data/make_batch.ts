/**
 * Turns images of a set into a normalized float batch, with the standard CIFAR augmentation
 * (random crop with zero padding, horizontal flip). Runs every training step, so it works on
 * typed arrays with a lookup table and no per-pixel allocation.
 *
 * @module
 */
import type { Rng } from "../random/rng.ts";
import type { ChannelStats, ImageSet } from "./types.ts";

/** Options of {@linkcode makeBatch}. */
export interface MakeBatchOptions {
  /**
   * Per-channel mean/std (on the [0, 1] scale) to normalize with: x = (v/255 - mean) / std.
   * Default: no centring, x = v/255. Pass the train split's `benchmark.normalization`.
   */
  normalization?: ChannelStats;
  /** Generator for crop offsets and flips; required when `crop` or `flip` is on. */
  rng?: Rng;
  /** Random crop after zero padding (the CIFAR recipe); default false (evaluation). */
  crop?: boolean;
  /**
   * Zero padding on each side for the random crop, pixels; default round(width / 8): 4 px at
   * 32×32 (the CIFAR recipe), 2 px at 16×16 (the same fraction of the image).
   * Padded pixels are raw 0 (black) before normalization, as torchvision's `RandomCrop(32,
   * padding=4)` followed by `Normalize`.
   */
  padding?: number;
  /** Random horizontal flip with probability 1/2; default false (evaluation). */
  flip?: boolean;
  /** Output buffer to reuse, length ≥ B·H·W·3; default: a new Float32Array. */
  out?: Float32Array;
}

/**
 * Batch of images `indices` of `set`: `x` is [B, H, W, 3] float32, normalized; `y` the labels.
 * Crop offsets and flips are drawn from `options.rng`, per image, in index order: for each
 * image, first the crop offset (dy, then dx, each `rng.int(2·padding + 1)`) when `crop`, then
 * the flip (`rng.float() < 0.5`) when `flip`.
 *
 * @example
 * ```ts
 * import { makeBatch } from "./make_batch.ts";
 * const set = { images: new Uint8Array([0, 51, 255]), labels: new Int32Array([4]), height: 1,
 *   width: 1, numClasses: 5 };
 * const { x, y } = makeBatch(set, new Int32Array([0]));
 * if (x[2] !== 1 || x[1] !== Math.fround(0.2) || y[0] !== 4) throw new Error("bad batch");
 * ```
 */
export function makeBatch(
  set: ImageSet,
  indices: Int32Array,
  options: MakeBatchOptions = {},
): { x: Float32Array; y: Int32Array } {
  const { height: h, width: w } = set;
  const n = set.labels.length;
  const b = indices.length;
  const pixels = h * w * 3;
  const crop = options.crop ?? false;
  const flip = options.flip ?? false;
  const pad = options.padding ?? Math.round(w / 8);
  const rng = options.rng;
  if ((crop || flip) && !rng) {
    throw new Error(
      "Cannot augment a batch without a generator: pass options.rng with crop or flip",
    );
  }
  if (!Number.isInteger(pad) || pad < 0) {
    throw new RangeError(`Cannot pad crops by ${pad} pixels: need an integer ≥ 0`);
  }
  const size = b * pixels;
  const x = options.out ? options.out.subarray(0, size) : new Float32Array(size);
  if (x.length < size) {
    throw new RangeError(`Cannot write a batch of ${size} floats into an output of ${x.length}`);
  }
  const y = new Int32Array(b);
  // Lookup table: lut[c*256 + v] = normalized value of byte v in channel c.
  const lut = new Float32Array(768);
  const mean = options.normalization?.mean ?? [0, 0, 0];
  const std = options.normalization?.std ?? [1, 1, 1];
  for (let c = 0; c < 3; c++) {
    if (!(std[c] > 0)) {
      throw new RangeError(`Cannot normalize channel ${c} by std ${std[c]}: it must be > 0`);
    }
    for (let v = 0; v < 256; v++) lut[c * 256 + v] = (v / 255 - mean[c]) / std[c];
  }
  const zero = [lut[0], lut[256], lut[512]];
  const src = set.images;
  for (let k = 0; k < b; k++) {
    const i = indices[k];
    if (!(i >= 0 && i < n)) {
      throw new RangeError(`Cannot batch image ${i} (position ${k}): the set has ${n} images`);
    }
    y[k] = set.labels[i];
    const base = i * pixels;
    const o = k * pixels;
    let dy = 0, dx = 0;
    if (crop && pad > 0) {
      dy = rng!.int(2 * pad + 1) - pad;
      dx = rng!.int(2 * pad + 1) - pad;
    }
    const mirror = flip && rng!.float() < 0.5;
    if (dy === 0 && dx === 0 && !mirror) {
      for (let p = 0; p < pixels; p += 3) {
        x[o + p] = lut[src[base + p]];
        x[o + p + 1] = lut[256 + src[base + p + 1]];
        x[o + p + 2] = lut[512 + src[base + p + 2]];
      }
      continue;
    }
    // Output pixel (r, c) shows source (r + dy, c' + dx), c' = mirrored column when flipping;
    // the crop is taken first, then the crop is mirrored.
    for (let r = 0; r < h; r++) {
      const sr = r + dy;
      const rowOut = o + r * w * 3;
      if (sr < 0 || sr >= h) {
        for (let c = 0; c < w; c++) {
          x[rowOut + c * 3] = zero[0];
          x[rowOut + c * 3 + 1] = zero[1];
          x[rowOut + c * 3 + 2] = zero[2];
        }
        continue;
      }
      const rowIn = base + sr * w * 3;
      for (let c = 0; c < w; c++) {
        const sc = (mirror ? w - 1 - c : c) + dx;
        const q = rowOut + c * 3;
        if (sc < 0 || sc >= w) {
          x[q] = zero[0];
          x[q + 1] = zero[1];
          x[q + 2] = zero[2];
        } else {
          const p = rowIn + sc * 3;
          x[q] = lut[src[p]];
          x[q + 1] = lut[256 + src[p + 1]];
          x[q + 2] = lut[512 + src[p + 2]];
        }
      }
    }
  }
  return { x, y };
}
