/**
 * The small writer of a paper section's results: one JSON file per section,
 * preset and seed, written atomically next to the other results.
 *
 * @module
 */
import { resultsDir } from "./run_experiment.ts";

/** Options of {@linkcode writeSectionResult}. */
export interface WriteSectionResultOptions {
  /** Folder of the file; default {@linkcode resultsDir} (`$BTM_RESULTS_DIR`, else `reports/results/`). */
  out?: string;
}

/**
 * Writes `result` as `<out>/<name>-<preset>-seed<seed>.json` (pretty JSON,
 * via a temporary file renamed into place, so a reader never sees half a
 * file) and returns the path. The name must be a plain file-name stem.
 *
 * @example
 * ```ts
 * import { writeSectionResult } from "./write_section_result.ts";
 * const out = await Deno.makeTempDir();
 * const path = await writeSectionResult("figure-3", { preset: "smoke", seed: 0, x: 1 }, { out });
 * if (!path.endsWith("/figure-3-smoke-seed0.json")) throw new Error(path);
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function writeSectionResult<T extends { preset: string; seed: number }>(
  name: string,
  result: T,
  options: WriteSectionResultOptions = {},
): Promise<string> {
  if (typeof name !== "string" || !/^[a-z0-9][a-z0-9_.+-]*$/i.test(name)) {
    throw new Error(
      `Cannot write results named ${JSON.stringify(name)}: use letters, digits, ., _, + or -`,
    );
  }
  if (typeof result?.preset !== "string" || !Number.isInteger(result?.seed)) {
    throw new Error(
      `Cannot write results "${name}": the result needs a preset name and an integer seed (got ${
        JSON.stringify({ preset: result?.preset, seed: result?.seed })
      })`,
    );
  }
  const dir = (options.out ?? resultsDir()).replace(/\/+$/, "");
  await Deno.mkdir(dir, { recursive: true });
  const path = `${dir}/${name}-${result.preset}-seed${result.seed}.json`;
  const tmp = `${path}.${Deno.pid}.tmp`;
  await Deno.writeTextFile(tmp, JSON.stringify(result, null, 2) + "\n");
  await Deno.rename(tmp, path);
  return path;
}
