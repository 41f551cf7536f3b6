/**
 * Reader of the CIFAR-100 binary format (`train.bin`, `test.bin` of cifar-100-binary.tar.gz).
 *
 * @module
 */

/** Bytes of one CIFAR-100 record: coarse label, fine label, 1024 R, 1024 G, 1024 B. */
export const CIFAR100_RECORD_BYTES = 3074;

/** Options of {@linkcode readCifar100}. */
export interface ReadCifar100Options {
  /**
   * Read at most this many records (from the start), a non-negative integer; default: all.
   * For quick experiments.
   */
  maxRecords?: number;
}

/** Images and labels of a CIFAR-100 binary file. */
export interface Cifar100Data {
  /** Pixels in [N, 32, 32, 3] order (HWC), RGB, 0–255. */
  images: Uint8Array;
  /** Fine labels (0–99). */
  labels: Uint8Array;
  /** Coarse labels (0–19). */
  coarseLabels: Uint8Array;
}

/**
 * Reads a CIFAR-100 binary file and converts its planar records (1024 R, 1024 G, 1024 B, rows
 * top to bottom) to HWC. A file whose size is not a whole number of records, or a label out of
 * range, is an error naming the file and the record.
 */
export async function readCifar100(
  path: string,
  options: ReadCifar100Options = {},
): Promise<Cifar100Data> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    throw new Error(`Cannot read CIFAR-100 file ${path}: ${(e as Error).message}`);
  }
  return parseCifar100(bytes, path, options);
}

/** Parses the bytes of a CIFAR-100 binary file; `source` names it in errors. */
export function parseCifar100(
  bytes: Uint8Array,
  source: string,
  options: ReadCifar100Options = {},
): Cifar100Data {
  const whole = Math.floor(bytes.length / CIFAR100_RECORD_BYTES);
  const rest = bytes.length % CIFAR100_RECORD_BYTES;
  if (bytes.length === 0) throw new Error(`Cannot read CIFAR-100 file ${source}: it is empty`);
  if (rest !== 0) {
    throw new Error(
      `Cannot read CIFAR-100 file ${source}: it is truncated — record ${whole} has ${rest} of ${CIFAR100_RECORD_BYTES} bytes (file size ${bytes.length})`,
    );
  }
  const max = options.maxRecords ?? whole;
  if (!Number.isInteger(max) || max < 0) {
    throw new RangeError(
      `Cannot read CIFAR-100 file ${source} with maxRecords ${max}: it must be a non-negative integer`,
    );
  }
  const n = Math.min(whole, max);
  const images = new Uint8Array(n * 3072);
  const labels = new Uint8Array(n);
  const coarseLabels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const o = r * CIFAR100_RECORD_BYTES;
    const coarse = bytes[o], fine = bytes[o + 1];
    if (coarse > 19) {
      throw new Error(
        `Cannot read CIFAR-100 file ${source}: record ${r} has coarse label ${coarse}, outside 0–19`,
      );
    }
    if (fine > 99) {
      throw new Error(
        `Cannot read CIFAR-100 file ${source}: record ${r} has fine label ${fine}, outside 0–99`,
      );
    }
    coarseLabels[r] = coarse;
    labels[r] = fine;
    const px = o + 2, out = r * 3072;
    for (let i = 0; i < 1024; i++) {
      images[out + 3 * i] = bytes[px + i];
      images[out + 3 * i + 1] = bytes[px + 1024 + i];
      images[out + 3 * i + 2] = bytes[px + 2048 + i];
    }
  }
  return { images, labels, coarseLabels };
}
