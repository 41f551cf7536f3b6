/**
 * What a notebook's config cell needs, in one call: the preset and settings
 * the report passed (`$BTM_PRESET`, `$BTM_SET`), the resolved config, the
 * section options that carry them, and the compute backend.
 *
 * @module
 */
import { type BackendInfo, initBackend } from "../backend/mod.ts";
import type { RunInfo } from "../report/mod.ts";
import { currentVersions } from "../train/mod.ts";
import {
  checkPreset,
  checkSeeds,
  type ConfigOverrides,
  describeConfig,
  type ExperimentConfig,
  presetSeedCount,
  resolveConfig,
  seedList,
} from "./config.ts";
import { parseSettings, settingsFromEnv, settingsTag } from "./parse_settings.ts";
import type { SectionOptions } from "./section.ts";

/** The environment variable notebooks read their preset from (set by `deno task report --preset`). */
export const PRESET_ENV = "BTM_PRESET";

/**
 * The environment variable notebooks read the number of seeds of their core
 * sections from (set by `deno task report --seeds N`); unset: the preset's
 * (`PRESET_SEEDS`).
 */
export const SEEDS_ENV = "BTM_SEEDS";

/** `value` as a seed count: an integer >= 1 written in digits; else a RangeError naming it and `what`. */
export function parseSeedCount(value: string, what = SEEDS_ENV): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(
      `Invalid ${what} ${JSON.stringify(value)}: give the number of seeds, an integer >= 1`,
    );
  }
  return n;
}

/** Options of {@linkcode notebookSetup}. */
export interface NotebookSetupOptions {
  /** Start a compute backend (`initBackend()`'s choice); default true. False for notebooks that train nothing. */
  backend?: boolean;
  /**
   * The notebook's own settings, `key=value` as `--set` takes them (e.g. `"seed=1"`,
   * `"btm.perClass=5"`): what a reader edits in the config cell to re-run a figure. Applied
   * after `$BTM_SET` (the report's), so a later setting of the same key wins. Default none.
   */
  set?: readonly string[];
  /** Preset to use instead of `$BTM_PRESET` (else `default`); an unknown name is an error. */
  preset?: string;
  /**
   * The seeds of the notebook's core sections: a count (that many seeds from
   * the config's `seed` up) or the seeds themselves. Default `$BTM_SEEDS`
   * (a count), else the preset's (`PRESET_SEEDS`: 3 on `default`).
   */
  seeds?: number | readonly number[];
}

/** What {@linkcode notebookSetup} returns. */
export interface NotebookSetup {
  /** The preset: the option's, else `$BTM_PRESET`, else `default`. */
  preset: string;
  /** The settings of `$BTM_SET` then the notebook's own (`key=value`), as given. */
  settings: string[];
  /** Those settings as config overrides. */
  overrides: ConfigOverrides;
  /** The config the preset and settings resolve to (a section may scale some of it; its result says). */
  config: ExperimentConfig;
  /** Options to pass to every section the notebook runs: preset, overrides and the results-file tag. */
  options: SectionOptions;
  /**
   * The run seeds of the notebook's core sections, in order (`runSeeds` runs
   * one section per seed; sections that are not core run the first only).
   */
  seeds: number[];
  /** The backend started, when asked for. */
  backend?: BackendInfo;
  /** What the notebook runs on, for `runInfo`. */
  info: RunInfo;
  /** The preset, settings, config and backend in words, for the config cell to print. */
  summary: string;
}

/**
 * Reads the notebook's preset and settings from the environment (an unknown
 * preset or a bad setting is an error saying what is valid), resolves the
 * config, and starts the backend. Every notebook calls it in its config cell,
 * so that `deno task report --preset P --set k=v` reaches every section alike
 * (and so every shared stage keeps its cache key).
 */
export async function notebookSetup(options: NotebookSetupOptions = {}): Promise<NotebookSetup> {
  let preset = options.preset;
  if (preset === undefined) {
    try {
      preset = Deno.env.get(PRESET_ENV);
    } catch { /* no env permission: the default preset */ }
  }
  preset = preset || "default";
  checkPreset(preset);
  const settings = [...settingsFromEnv(), ...(options.set ?? [])];
  const overrides = parseSettings(settings);
  const config = resolveConfig(preset, overrides);
  let seeds: number[];
  if (Array.isArray(options.seeds)) {
    seeds = checkSeeds(options.seeds);
  } else {
    let count = options.seeds as number | undefined;
    if (count === undefined) {
      let fromEnv: string | undefined;
      try {
        fromEnv = Deno.env.get(SEEDS_ENV);
      } catch { /* no env permission: the preset's */ }
      count = fromEnv ? parseSeedCount(fromEnv) : presetSeedCount(preset);
    }
    seeds = seedList(config.seed, count);
  }
  const backend = (options.backend ?? true) ? await initBackend() : undefined;
  const tag = await settingsTag(settings);
  const given = settings.length > 0 ? ` + ${settings.join(" ")}` : "";
  const on = backend ? `; backend ${backend.backend} (${backend.threads} threads)` : "";
  return {
    preset,
    settings,
    overrides,
    config,
    options: { preset, overrides, ...(tag ? { tag } : {}) },
    seeds,
    backend,
    info: {
      backend: backend?.backend ?? "none (no tensors)",
      seed: seeds[0],
      seeds,
      preset: `${preset}${given}`,
      versions: backend ? { ...currentVersions() } : {
        btmLab: currentVersions().btmLab,
        deno: Deno.version.deno,
      },
    },
    summary: `preset ${preset}${given}: ${describeConfig(config)}${on}; core sections on ${
      seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds.join(", ")}`
    }`,
  };
}
