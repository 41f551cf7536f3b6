/**
 * Collects a streamed list of image files into an in-memory `ImageSet`, for lists small
 * enough to hold (validation and test splits, or a subset of a large train list).
 *
 * @module
 */
import type { ImageListEntry } from "./read_image_list.ts";
import { streamImageBatches, type StreamImageBatchesOptions } from "./stream_image_batches.ts";
import type { ImageSet } from "./types.ts";

/** Options of {@linkcode loadImageSet}: those of `streamImageBatches`, plus the class count. */
export interface LoadImageSetOptions extends StreamImageBatchesOptions {
  /** Number of classes of the benchmark; default 1 + the largest label in `entries`. */
  numClasses?: number;
}

/**
 * Decodes every entry (centre crop unless `augment`) into one `ImageSet` of
 * `cropSize`×`cropSize` images, in list order unless `shuffle`.
 */
export async function loadImageSet(
  entries: ImageListEntry[],
  options: LoadImageSetOptions = {},
): Promise<ImageSet> {
  const crop = options.cropSize ?? 32;
  const px = crop * crop * 3;
  const images = new Uint8Array(entries.length * px);
  const labels = new Int32Array(entries.length);
  let n = 0;
  for await (const b of streamImageBatches(entries, options)) {
    images.set(b.images, n * px);
    labels.set(b.labels, n);
    n += b.labels.length;
  }
  const numClasses = options.numClasses ?? entries.reduce((m, e) => Math.max(m, e.label), -1) + 1;
  return { images, labels, height: crop, width: crop, numClasses };
}
