/**
 * Per-channel mean and standard deviation of an image set, for input normalization.
 *
 * @module
 */
import type { ChannelStats, ImageSet } from "./types.ts";

/**
 * Mean and std of R, G, B over every pixel of `set`, on the [0, 1] scale, accumulated in
 * float64 over integer histograms (exact up to the final division).
 *
 * @example
 * ```ts
 * import { channelStats } from "./channel_stats.ts";
 * const set = { images: new Uint8Array([0, 255, 51, 0, 255, 51]), labels: new Int32Array([0, 0]),
 *   height: 1, width: 2, numClasses: 1 };
 * const s = channelStats(set);
 * if (s.mean[1] !== 1 || s.std[0] !== 0) throw new Error("wrong stats");
 * ```
 */
export function channelStats(set: ImageSet): ChannelStats {
  const n = set.images.length / 3;
  if (!Number.isInteger(n) || n === 0) {
    throw new RangeError(
      `Cannot compute channel statistics of a set with ${set.images.length} bytes: need a positive multiple of 3`,
    );
  }
  // Histograms make the sums exact integers, independent of summation order.
  const hist = new Float64Array(3 * 256);
  const px = set.images;
  for (let i = 0; i < px.length; i += 3) {
    hist[px[i]]++;
    hist[256 + px[i + 1]]++;
    hist[512 + px[i + 2]]++;
  }
  const mean: [number, number, number] = [0, 0, 0];
  const std: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let s = 0, s2 = 0;
    for (let v = 0; v < 256; v++) {
      const h = hist[c * 256 + v];
      s += h * v;
      s2 += h * v * v;
    }
    const m = s / n;
    mean[c] = m / 255;
    std[c] = Math.sqrt(Math.max(0, s2 / n - m * m)) / 255;
  }
  return { mean, std };
}
