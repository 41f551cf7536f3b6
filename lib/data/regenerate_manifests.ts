/**
 * Regenerates the committed manifests of synthetic presets from freshly generated data.
 *
 * @module
 */
import { generateBenchmark } from "./generate_benchmark.ts";
import { DATA_MANIFEST_DIR, manifestPath } from "./load_benchmark.ts";
import { DATA_PRESETS, getPreset } from "./presets.ts";

/** Options of {@linkcode regenerateManifests}. */
export interface RegenerateManifestsOptions {
  /** Folder to write `<preset>.json` into; default `<repo>/data/manifests`. */
  manifestDir?: string;
}

/** What {@linkcode regenerateManifests} did for one preset. */
export interface RegeneratedManifest {
  /** Preset name. */
  preset: string;
  /** Path of the written manifest. */
  path: string;
  /** Whether the written manifest differs from the file that was there (false if none was). */
  changed: boolean;
  /** Wall time to generate the benchmark and hash it, seconds. */
  seconds: number;
}

/**
 * Generates each preset in `presets` (default: all of `DATA_PRESETS`) from scratch, never from the
 * cache, and writes its manifest atomically. Commit the result after checking the diff.
 */
export async function regenerateManifests(
  presets: string[] = Object.keys(DATA_PRESETS),
  options: RegenerateManifestsOptions = {},
): Promise<RegeneratedManifest[]> {
  const dir = options.manifestDir ?? DATA_MANIFEST_DIR;
  for (const name of presets) getPreset(name);
  await Deno.mkdir(dir, { recursive: true });
  const done: RegeneratedManifest[] = [];
  for (const preset of presets) {
    const t0 = performance.now();
    const bench = await generateBenchmark(preset);
    const seconds = (performance.now() - t0) / 1000;
    const path = manifestPath(preset, dir);
    const text = JSON.stringify(bench.manifest, null, 2) + "\n";
    let before: string | undefined;
    try {
      before = await Deno.readTextFile(path);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    const tmp = `${path}.${Deno.pid}.tmp`;
    await Deno.writeTextFile(tmp, text);
    await Deno.rename(tmp, path);
    done.push({ preset, path, changed: before !== undefined && before !== text, seconds });
  }
  return done;
}
