/**
 * Runs a named pipeline with a resolved config and writes its results JSON.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { loadBenchmark } from "../data/mod.ts";
import {
  currentVersions,
  type ProgressCallback,
  type RunCache,
  type Versions,
} from "../train/mod.ts";
import { type ConfigOverrides, type ExperimentConfig, resolveConfig } from "./config.ts";
import { getPipeline, type PipelineContext, type PipelineOutput } from "./pipelines.ts";

/** Options of {@linkcode runExperiment}. */
export interface RunExperimentOptions {
  /** Preset name; default `default`. */
  preset?: string;
  /** Overrides applied after the preset (e.g. `{ seed: 3 }`). */
  overrides?: ConfigOverrides;
  /** Folder of the results JSON; default {@linkcode resultsDir}; `null` writes nothing. */
  out?: string | null;
  /** Run cache; default `new RunCache()` (data/cache/runs/); `false` trains everything afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default terminal printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
}

/** The results file of one run: data that notebooks and reports read. */
export interface ExperimentResult extends PipelineOutput {
  /** Pipeline name. */
  experiment: string;
  /** Preset name. */
  preset: string;
  /** The resolved config. */
  config: ExperimentConfig;
  /** The run seed (also in config). */
  seed: number;
  /** tfjs backend used. */
  backend: string;
  /** Versions of btm-lab, tfjs, Deno. */
  versions: Versions;
  /** The benchmark: name, classes, training counts, manifest hashes. */
  data: { name: string; numClasses: number; trainCounts: number[]; sha256: Record<string, string> };
  /** Wall-clock seconds of each step and in total. */
  timings: Record<string, number>;
  /** ISO start time. */
  startedAt: string;
  /** Path of the JSON written, if any. */
  path?: string;
}

/** Folder of results files when the environment names none: `reports/results/`. */
export const DEFAULT_RESULTS_DIR: string = decodeURIComponent(
  new URL("../../reports/results/", import.meta.url).pathname,
);

/**
 * Where results files go: `$BTM_RESULTS_DIR` (set by `deno task report`, so a
 * report and its data stay together), else {@linkcode DEFAULT_RESULTS_DIR}.
 */
export function resultsDir(): string {
  let fromEnv: string | undefined;
  try {
    fromEnv = Deno.env.get("BTM_RESULTS_DIR");
  } catch { /* no env permission: use the default */ }
  return fromEnv || DEFAULT_RESULTS_DIR;
}

/**
 * Runs the pipeline `name` and returns its results; also writes them to
 * `<out>/<name>-<preset>-seed<seed>.json` (atomically) unless `out` is null.
 */
export async function runExperiment(
  name: string,
  options: RunExperimentOptions = {},
): Promise<ExperimentResult> {
  const pipeline = getPipeline(name);
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const timings: Record<string, number> = {};
  const bench = await loadBenchmark(config.data);
  timings.data = (performance.now() - started) / 1000;
  const ctx: PipelineContext = {
    config,
    bench,
    cache: options.cache,
    onProgress: options.onProgress,
    time: async (step, work) => {
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        timings[step] = (timings[step] ?? 0) + (performance.now() - t0) / 1000;
      }
    },
  };
  const output = await pipeline(ctx);
  timings.total = (performance.now() - started) / 1000;
  const result: ExperimentResult = {
    experiment: name,
    preset,
    config,
    seed: config.seed,
    backend: tf.getBackend(),
    versions: currentVersions(),
    data: {
      name: bench.name,
      numClasses: bench.numClasses,
      trainCounts: [...bench.trainCounts],
      sha256: bench.manifest.sha256,
    },
    ...output,
    timings,
    startedAt,
  };
  if (options.out !== null) {
    const dir = (options.out ?? resultsDir()).replace(/\/+$/, "");
    await Deno.mkdir(dir, { recursive: true });
    const path = `${dir}/${name}-${preset}-seed${config.seed}.json`;
    const tmp = `${path}.${Deno.pid}.tmp`;
    await Deno.writeTextFile(tmp, JSON.stringify(result, null, 2) + "\n");
    await Deno.rename(tmp, path);
    result.path = path;
  }
  return result;
}
