/**
 * Loads a synthetic benchmark by preset name: from the git-ignored cache `data/cache/` when
 * present, else generated (and cached); always verified against the committed manifest
 * `data/manifests/<preset>.json`.
 *
 * @module
 */
import { readCacheFile, writeCacheFile } from "./_cache_file.ts";
import { compareManifests } from "./compare_manifests.ts";
import { generateBenchmark } from "./generate_benchmark.ts";
import { manifestFor } from "./manifest_for.ts";
import { getPreset } from "./presets.ts";
import { SYNTH_GENERATOR_VERSION } from "./synth_images.ts";
import { asManifest, manifestShapeProblem } from "./_manifest_shape.ts";
import { channelStats } from "./channel_stats.ts";
import type { ChannelStats, DatasetManifest, ImageSet, LongTailBenchmark } from "./types.ts";

/** Default folder of committed manifests: `<repo>/data/manifests`. */
export const DATA_MANIFEST_DIR: string = decodeURIComponent(
  new URL("../../data/manifests", import.meta.url).pathname,
);

/** Default cache folder (git-ignored): `<repo>/data/cache`. */
export const DATA_CACHE_DIR: string = decodeURIComponent(
  new URL("../../data/cache", import.meta.url).pathname,
);

/** Options of {@linkcode loadBenchmark}. */
export interface LoadBenchmarkOptions {
  /** Folder of cached benchmarks; default `<repo>/data/cache` (git-ignored). */
  cacheDir?: string;
  /** Folder of committed manifests; default `<repo>/data/manifests`. */
  manifestDir?: string;
  /** Read and write the cache; default true. False always regenerates and writes nothing. */
  cache?: boolean;
  /**
   * Fail when no committed manifest exists or it was written by another generator version;
   * default true. With false, such data is returned unverified against a committed manifest
   * (a cache file is still checked against the hashes in its own header).
   */
  requireManifest?: boolean;
}

/** Path of the committed manifest of `preset` under `manifestDir`. */
export function manifestPath(preset: string, manifestDir = DATA_MANIFEST_DIR): string {
  return `${manifestDir}/${preset}.json`;
}

async function readManifestIfExists(path: string): Promise<DatasetManifest | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw new Error(`Cannot read the manifest ${path}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`Cannot parse the manifest ${path}: ${(e as Error).message}`);
  }
  return asManifest(value, path);
}

/** The manifest computed from `bench`'s arrays; a bad label is an error naming `source`. */
async function manifestOf(
  preset: string,
  bench: LongTailBenchmark,
  seed: number,
  source: string,
): Promise<DatasetManifest> {
  const sets: Record<string, ImageSet> = { train: bench.train, test: bench.test };
  if (bench.val) sets.val = bench.val;
  try {
    return await manifestFor(preset, sets, { generator: SYNTH_GENERATOR_VERSION, seed });
  } catch (e) {
    throw new Error(`Cannot verify benchmark "${preset}" ${source}: ${(e as Error).message}`);
  }
}

/**
 * Checks every field a cache file's header claims against what its (already hashed) arrays
 * give: the manifest, the name, the train counts and the normalization statistics. A cache
 * header is never trusted: an edited mean would silently shift every input.
 */
function checkCacheHeader(
  preset: string,
  cached: LongTailBenchmark,
  got: DatasetManifest,
  normalization: ChannelStats,
  cachePath: string,
): void {
  const corrupt = (what: string): never => {
    throw new Error(
      `Cannot use the benchmark cache file ${cachePath}: ${what}; the file is corrupt or was edited, delete it to regenerate`,
    );
  };
  const problem = manifestShapeProblem(cached.manifest);
  if (problem) corrupt(`the manifest in its header is malformed (${problem})`);
  const diffs = compareManifests(cached.manifest, got);
  if (diffs.length > 0) {
    corrupt(
      `its arrays no longer match the hashes it was written with (${diffs.join("; ")})`,
    );
  }
  if (cached.name !== preset) {
    corrupt(`its header names the benchmark ${JSON.stringify(cached.name)}, not "${preset}"`);
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(cached.trainCounts, got.counts.train)) {
    corrupt(
      `its header records trainCounts ${
        JSON.stringify(cached.trainCounts)
      } but its train labels give ${JSON.stringify(got.counts.train)}`,
    );
  }
  if (!same(cached.normalization, normalization)) {
    corrupt(
      `its header records normalization ${
        JSON.stringify(cached.normalization)
      } but its train images give ${JSON.stringify(normalization)}`,
    );
  }
}

/**
 * The benchmark named `preset` (see `DATA_PRESETS`), verified: its class counts and the sha256 of
 * every array must equal the committed manifest's, else the error lists each difference
 * (split/array, expected vs got) and says which side is wrong: a cache file that disagrees with
 * the hashes it was written with is corrupt; one that disagrees with the committed manifest is
 * regenerated in memory to decide whether the cache file or the manifest is out of step. The
 * header of a cache file is never trusted: its train counts and normalization statistics must
 * equal those recomputed from its arrays. A missing manifest, or one from another generator
 * version, is an error that says how to regenerate manifests (`regenerateManifests`), unless
 * `requireManifest` is false.
 */
export async function loadBenchmark(
  preset: string,
  options: LoadBenchmarkOptions = {},
): Promise<LongTailBenchmark> {
  const p = getPreset(preset);
  const manifestDir = options.manifestDir ?? DATA_MANIFEST_DIR;
  const cacheDir = options.cacheDir ?? DATA_CACHE_DIR;
  const useCache = options.cache ?? true;
  const requireManifest = options.requireManifest ?? true;
  const mPath = manifestPath(preset, manifestDir);
  const committed = await readManifestIfExists(mPath);
  const howToFix =
    `regenerate manifests with regenerateManifests(["${preset}"]) from lib/data (or its script), check the diff, and commit it`;
  if (requireManifest) {
    if (!committed) {
      throw new Error(
        `Cannot verify benchmark "${preset}": no committed manifest at ${mPath}; ${howToFix}`,
      );
    }
    if (committed.generator !== SYNTH_GENERATOR_VERSION) {
      throw new Error(
        `Cannot verify benchmark "${preset}": the manifest ${mPath} was written by generator ${committed.generator} but the code is ${SYNTH_GENERATOR_VERSION}; ${howToFix}`,
      );
    }
  }
  const cachePath = `${cacheDir}/${preset}-${
    SYNTH_GENERATOR_VERSION.replace(/[^A-Za-z0-9._-]/g, "_")
  }-seed${p.seed}.bin`;
  let cached: LongTailBenchmark | undefined;
  if (useCache) {
    try {
      cached = await readCacheFile(cachePath);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  const bench = cached ?? await generateBenchmark(preset);
  const got = await manifestOf(
    preset,
    bench,
    p.seed,
    cached ? `from the cache file ${cachePath}` : "as generated",
  );
  const normalization = channelStats(bench.train);
  if (cached) checkCacheHeader(preset, cached, got, normalization, cachePath);
  if (committed && committed.generator === SYNTH_GENERATOR_VERSION) {
    if (compareManifests(committed, got).length > 0) {
      throw await mismatchError(preset, committed, mPath, got, cached ? cachePath : undefined);
    }
  }
  if (!cached && useCache) {
    await Deno.mkdir(cacheDir, { recursive: true });
    await writeCacheFile(cachePath, { ...bench, manifest: got, normalization });
  }
  return {
    ...bench,
    name: preset,
    trainCounts: [...got.counts.train],
    manifest: got,
    normalization,
  };
}

/**
 * The error for data that disagrees with the committed manifest, saying which side is wrong.
 * Data read from a cache file (which agreed with its own header) is checked once more against a
 * fresh generation: if that matches the manifest, the cache file is stale; if it matches the
 * cache file, the manifest is the odd one out.
 */
async function mismatchError(
  preset: string,
  committed: DatasetManifest,
  mPath: string,
  got: DatasetManifest,
  cachePath: string | undefined,
): Promise<Error> {
  const list = `Differences: ${compareManifests(committed, got).join("; ")}`;
  const fix = `either the manifest was edited (restore it with git) or the generator's output ` +
    `changed without a version bump (then bump SYNTH_GENERATOR_VERSION and regenerate manifests ` +
    `with regenerateManifests(["${preset}"]) from lib/data or its script)`;
  if (!cachePath) {
    return new Error(
      `Benchmark "${preset}": the committed manifest ${mPath} disagrees with freshly generated data; ${fix}. ${list}`,
    );
  }
  const fresh = await generateBenchmark(preset);
  const freshManifest = await manifestOf(preset, fresh, committed.seed, "as generated");
  if (compareManifests(committed, freshManifest).length === 0) {
    return new Error(
      `Benchmark "${preset}": the cache file ${cachePath} holds other data than the committed manifest ${mPath} records, and a fresh generation matches the manifest; the cache file is stale, delete it to regenerate. ${list}`,
    );
  }
  if (compareManifests(got, freshManifest).length === 0) {
    return new Error(
      `Benchmark "${preset}": the committed manifest ${mPath} disagrees with the data, which the cache file ${cachePath} and a fresh generation agree on; ${fix}. ${list}`,
    );
  }
  return new Error(
    `Benchmark "${preset}": the committed manifest ${mPath}, the cache file ${cachePath} and a fresh generation all differ (is the generator deterministic?). ${list}; fresh vs cache: ${
      compareManifests(got, freshManifest).join("; ")
    }`,
  );
}
