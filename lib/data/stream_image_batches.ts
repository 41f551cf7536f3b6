/**
 * Streams batches of decoded, resized and cropped images from a list of files (ImageNet-LT,
 * Places-LT, iNaturalist), without holding the whole set in memory. Decoding uses `sharp`.
 *
 * @module
 */
import sharp from "sharp";
import type { Rng } from "../random/rng.ts";
import type { ImageListEntry } from "./read_image_list.ts";

/** Options of {@linkcode streamImageBatches}. */
export interface StreamImageBatchesOptions {
  /** Images per batch; default 64. The last batch may be smaller. */
  batchSize?: number;
  /** Side of the square crop, pixels; default 32. */
  cropSize?: number;
  /**
   * Shorter side after resizing (aspect kept), pixels; default round(cropSize · 8/7) — the
   * 256→224 ratio of the ImageNet recipe. Must be ≥ cropSize.
   */
  resizeShorter?: number;
  /** Training augmentation: random crop and horizontal flip (needs `rng`); default false: centre crop. */
  augment?: boolean;
  /** Visit entries in a random order drawn from `rng`; default false (list order). */
  shuffle?: boolean;
  /** Generator for the order, crops and flips; required with `augment` or `shuffle`. */
  rng?: Rng;
  /** Images decoded at once, a positive integer; default 8. */
  concurrency?: number;
}

/** One streamed batch. */
export interface ImageBatch {
  /** Pixels in [B, cropSize, cropSize, 3] order, RGB, 0–255. */
  images: Uint8Array;
  /** Labels, length B. */
  labels: Int32Array;
  /** Entries of this batch, in order (for tracing an image back to its list line). */
  entries: ImageListEntry[];
}

/** Decodes one file to RGB with its shorter side resized to `shorter`. */
async function decode(entry: ImageListEntry, shorter: number) {
  try {
    const { data, info } = await sharp(entry.path)
      .removeAlpha()
      .toColourspace("srgb")
      .resize({ width: shorter, height: shorter, fit: "outside", kernel: "lanczos3" })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), ...info };
  } catch (e) {
    throw new Error(
      `Cannot decode image ${entry.path} (listed at ${entry.source}): ${(e as Error).message}`,
    );
  }
}

/**
 * Async iterator over batches of `entries`. Random draws happen in entry order before decoding
 * (per image: crop y, crop x, flip), so the output does not depend on decoding speed.
 */
export async function* streamImageBatches(
  entries: ImageListEntry[],
  options: StreamImageBatchesOptions = {},
): AsyncGenerator<ImageBatch> {
  const batchSize = options.batchSize ?? 64;
  const crop = options.cropSize ?? 32;
  const shorter = options.resizeShorter ?? Math.round((crop * 8) / 7);
  const concurrency = options.concurrency ?? 8;
  const { augment = false, shuffle = false, rng } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`Cannot stream batches of ${batchSize} images`);
  }
  if (!Number.isInteger(crop) || crop < 1) throw new RangeError(`Cannot crop to ${crop} pixels`);
  if (!Number.isInteger(shorter) || shorter < crop) {
    throw new RangeError(
      `Cannot resize the shorter side to ${shorter} pixels: need an integer ≥ the crop ${crop}`,
    );
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `Cannot stream images with concurrency ${concurrency}: it must be a positive integer (images decoded at once)`,
    );
  }
  if ((augment || shuffle) && !rng) {
    throw new Error("Cannot augment or shuffle without a generator: pass options.rng");
  }
  const order = shuffle ? rng!.permutation(entries.length) : Int32Array.from(entries.keys());
  const px = crop * crop * 3;
  for (let s = 0; s < order.length; s += batchSize) {
    const batch = Array.from(order.subarray(s, s + batchSize), (i) => entries[i]);
    const draws = batch.map(() =>
      augment
        ? { fy: rng!.float(), fx: rng!.float(), flip: rng!.float() < 0.5 }
        : { fy: 0.5, fx: 0.5, flip: false }
    );
    const images = new Uint8Array(batch.length * px);
    const labels = Int32Array.from(batch, (e) => e.label);
    for (let c = 0; c < batch.length; c += concurrency) {
      const decoded = await Promise.all(
        batch.slice(c, c + concurrency).map((e) => decode(e, shorter)),
      );
      decoded.forEach((d, j) => {
        const k = c + j;
        const ch = d.channels;
        if (d.width < crop || d.height < crop) {
          throw new Error(
            `Cannot crop ${crop}×${crop} from ${batch[k].path} (${
              batch[k].source
            }): it decodes to ${d.width}×${d.height}`,
          );
        }
        const y0 = Math.floor(draws[k].fy * (d.height - crop + 1));
        const x0 = Math.floor(draws[k].fx * (d.width - crop + 1));
        const out = k * px;
        for (let y = 0; y < crop; y++) {
          for (let x = 0; x < crop; x++) {
            const sx = x0 + (draws[k].flip ? crop - 1 - x : x);
            const p = ((y0 + y) * d.width + sx) * ch;
            const q = out + (y * crop + x) * 3;
            images[q] = d.data[p];
            images[q + 1] = d.data[p + (ch >= 3 ? 1 : 0)];
            images[q + 2] = d.data[p + (ch >= 3 ? 2 : 0)];
          }
        }
      });
    }
    yield { images, labels, entries: batch };
  }
}
