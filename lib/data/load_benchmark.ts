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
import type { DatasetManifest, ImageSet, LongTailBenchmark } from "./types.ts";

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

async function readJsonIfExists(path: string): Promise<DatasetManifest | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  try {
    return JSON.parse(text) as DatasetManifest;
  } catch (e) {
    throw new Error(`Cannot parse the manifest ${path}: ${(e as Error).message}`);
  }
}

/**
 * The benchmark named `preset` (see `DATA_PRESETS`), verified: its class counts and the sha256 of
 * every array must equal the committed manifest's, else the error lists each difference
 * (split/array, expected vs got) and where the data came from. A missing manifest, or one from
 * another generator version, is an error that says how to regenerate manifests
 * (`regenerateManifests`), unless `requireManifest` is false.
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
  const committed = await readJsonIfExists(mPath);
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
  let bench: LongTailBenchmark | undefined;
  let source =
    "freshly generated (so the generator's output changed without a version bump, or the preset changed)";
  if (useCache) {
    try {
      bench = await readCacheFile(cachePath);
      source = `read from the cache file ${cachePath} (delete it to regenerate)`;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  let fresh = false;
  if (!bench) {
    bench = await generateBenchmark(preset);
    fresh = true;
  }
  const sets: Record<string, ImageSet> = { train: bench.train, test: bench.test };
  if (bench.val) sets.val = bench.val;
  const got = await manifestFor(preset, sets, { generator: SYNTH_GENERATOR_VERSION, seed: p.seed });
  const expected = committed && committed.generator === SYNTH_GENERATOR_VERSION
    ? committed
    : (fresh ? undefined : bench.manifest);
  if (expected) {
    const diffs = compareManifests(expected, got);
    if (diffs.length > 0) {
      const against = expected === committed
        ? `the committed manifest ${mPath}`
        : "the hashes stored in its cache header";
      throw new Error(
        `Benchmark "${preset}" does not match ${against}; the data was ${source}. Differences: ${
          diffs.join("; ")
        }`,
      );
    }
  }
  if (fresh && useCache) {
    await Deno.mkdir(cacheDir, { recursive: true });
    await writeCacheFile(cachePath, { ...bench, manifest: got });
  }
  return { ...bench, manifest: got };
}
