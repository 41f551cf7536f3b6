/**
 * The binary cache format of a benchmark: "BTMLT001", a little-endian uint32 header length, a
 * JSON header (manifest, train counts, normalization, array layout), then the raw arrays.
 * Written to a temporary file and renamed, so a reader never sees half a file.
 *
 * @module
 */
import type { ImageSet, LongTailBenchmark } from "./types.ts";

const MAGIC = "BTMLT001";

interface Layout {
  split: string;
  count: number;
  height: number;
  width: number;
  imagesOffset: number;
  labelsOffset: number;
}

/** Writes `bench` to `path` atomically (temporary file in the same folder, then rename). */
export async function writeCacheFile(path: string, bench: LongTailBenchmark): Promise<void> {
  const splits: Record<string, ImageSet> = { train: bench.train, test: bench.test };
  if (bench.val) splits.val = bench.val;
  const layout: Layout[] = [];
  let offset = 0;
  for (const [split, set] of Object.entries(splits)) {
    const imagesOffset = offset;
    offset += set.images.byteLength;
    offset = Math.ceil(offset / 4) * 4;
    const labelsOffset = offset;
    offset += set.labels.byteLength;
    layout.push({
      split,
      count: set.labels.length,
      height: set.height,
      width: set.width,
      imagesOffset,
      labelsOffset,
    });
  }
  const header = new TextEncoder().encode(JSON.stringify({
    name: bench.name,
    numClasses: bench.numClasses,
    trainCounts: bench.trainCounts,
    manifest: bench.manifest,
    normalization: bench.normalization,
    layout,
  }));
  const pre = 8 + 4 + header.length;
  const start = Math.ceil(pre / 4) * 4;
  const bytes = new Uint8Array(start + offset);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, header.length, true);
  bytes.set(header, 12);
  for (const l of layout) {
    const set = splits[l.split];
    bytes.set(set.images, start + l.imagesOffset);
    bytes.set(
      new Uint8Array(set.labels.buffer, set.labels.byteOffset, set.labels.byteLength),
      start + l.labelsOffset,
    );
  }
  const tmp = `${path}.${Deno.pid}.${Date.now()}.tmp`;
  try {
    await Deno.writeFile(tmp, bytes);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw new Error(`Cannot write the benchmark cache file ${path}: ${(e as Error).message}`);
  }
}

/**
 * Reads a cache file written by {@linkcode writeCacheFile}; a malformed file is an error naming
 * it. Only the file's structure is checked here: `loadBenchmark` verifies the arrays against
 * the hashes and checks every header field (manifest, train counts, normalization, name)
 * against values recomputed from the arrays.
 */
export async function readCacheFile(path: string): Promise<LongTailBenchmark> {
  const bytes = await Deno.readFile(path);
  const bad = (why: string): never => {
    throw new Error(
      `Cannot read the benchmark cache file ${path}: ${why}; delete it to regenerate`,
    );
  };
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    bad(`it does not start with "${MAGIC}"`);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + headerLength > bytes.length) bad(`its header length ${headerLength} runs past the end`);
  let header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
  } catch (e) {
    return bad(`its header is not JSON (${(e as Error).message})`);
  }
  if (typeof header !== "object" || header === null) bad("its header is not a JSON object");
  if (typeof header.name !== "string") bad(`its header has no "name"`);
  if (!Number.isInteger(header.numClasses) || header.numClasses < 1) {
    bad(`its header's numClasses ${JSON.stringify(header.numClasses)} is not a positive integer`);
  }
  if (!Array.isArray(header.layout)) bad(`its header has no "layout" list`);
  const start = Math.ceil((12 + headerLength) / 4) * 4;
  const sets: Record<string, ImageSet> = {};
  for (const l of header.layout as Layout[]) {
    const fields = ["count", "height", "width", "imagesOffset", "labelsOffset"] as const;
    const wrong = fields.find((f) => !Number.isInteger(l?.[f]) || l[f] < 0);
    if (wrong || typeof l.split !== "string") {
      bad(`its header's layout entry ${JSON.stringify(l)} is malformed`);
    }
    if (l.labelsOffset % 4 !== 0) bad(`split "${l.split}" has unaligned labels`);
    const nImages = l.count * l.height * l.width * 3;
    const end = start + l.labelsOffset + l.count * 4;
    if (end > bytes.length || start + l.imagesOffset + nImages > bytes.length) {
      bad(`split "${l.split}" needs ${end} bytes but the file has ${bytes.length}`);
    }
    const images = bytes.slice(start + l.imagesOffset, start + l.imagesOffset + nImages);
    const labels = new Int32Array(bytes.slice(start + l.labelsOffset, end).buffer);
    sets[l.split] = {
      images,
      labels,
      height: l.height,
      width: l.width,
      numClasses: header.numClasses,
    };
  }
  if (!sets.train || !sets.test) bad("it lacks a train or test split");
  return {
    name: header.name,
    numClasses: header.numClasses,
    train: sets.train,
    ...(sets.val ? { val: sets.val } : {}),
    test: sets.test,
    trainCounts: header.trainCounts,
    manifest: header.manifest,
    normalization: header.normalization,
  };
}
