/**
 * BTM Observations 1 and 2 (Figure 1): the pre-trained model f, one balanced
 * few-shot fine-tune f^D, and the models f_λ = λ·f^D + (1−λ)·f between them.
 *
 * @module
 */
import { loadBenchmark } from "../data/mod.ts";
import type { ProgressCallback, RunCache } from "../train/mod.ts";
import {
  btmSubsets,
  facts,
  runFinetune,
  runPretrain,
  type SectionHeader,
  sectionHeader,
  type StageFacts,
  timed,
} from "./_stages.ts";
import { type ConfigOverrides, resolveConfig } from "./config.ts";
import { DEFAULT_LAMBDAS, interpolationCurve, type InterpolationPoint } from "../eval/mod.ts";
import { writeSectionResult } from "./write_section_result.ts";

/** Options of {@linkcode observations12}. */
export interface Observations12Options {
  /** Experiment preset; default `default`. The pretrain and btm fields of its config are used. */
  preset?: string;
  /** Config overrides after the preset (e.g. `{ seed: 1 }`); default none. */
  overrides?: ConfigOverrides;
  /**
   * Which of BTM's balanced subsets is D; default 0, so f^D is the first
   * member of the `btm` pipeline's merge and comes from the same cache entry.
   */
  subsetIndex?: number;
  /** λ grid; default 0, 0.1, …, 1. */
  lambdas?: readonly number[];
  /** Run cache; default `new RunCache()` (data/cache/runs/, shared with the pipelines); `false` trains afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal/notebook printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /** Folder of the results JSON; default `resultsDir()`; `null` writes nothing. */
  out?: string | null;
}

/** Results of {@linkcode observations12} (written as `observations-1-2-<preset>-seed<seed>.json`). */
export interface Observations12Result extends SectionHeader {
  /** Section name. */
  section: "observations-1-2";
  /** The pre-trained model f (stage 1 of the `btm` pipeline). */
  pretrain: StageFacts;
  /** The balanced fine-tune f^D: BTM's subset `subsetIndex`, its size in images. */
  finetune: StageFacts & { subsetIndex: number; subsetSize: number };
  /** Test metrics of f_λ = λ·f^D + (1−λ)·f: λ = 0 is f, λ = 1 is f^D. */
  curve: InterpolationPoint[];
  /** Wall-clock seconds: data, pretrain, finetune, curve, total. */
  timings: Record<string, number>;
  /** Path of the JSON written, if any. */
  path?: string;
}

/**
 * Runs (or loads from the cache) the `btm` pipeline's pre-trained model f and
 * the balanced fine-tune on BTM's subset `subsetIndex`, then evaluates the
 * weight interpolation f_λ = λ·f^D + (1−λ)·f (every variable by name,
 * batch-norm statistics included) on the test split for each λ.
 */
export async function observations12(
  options: Observations12Options = {},
): Promise<Observations12Result> {
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  const subsetIndex = options.subsetIndex ?? 0;
  if (!Number.isInteger(subsetIndex) || subsetIndex < 0 || subsetIndex >= config.btm.subsets) {
    throw new RangeError(
      `Cannot use balanced subset ${subsetIndex}: BTM draws subsets 0..${
        config.btm.subsets - 1
      } (btm.subsets = ${config.btm.subsets})`,
    );
  }
  const run = { cache: options.cache, onProgress: options.onProgress };
  const timings: Record<string, number> = {};
  const started = performance.now();
  const bench = await timed(timings, "data", () => loadBenchmark(config.data));
  const subset = btmSubsets(config, bench)[subsetIndex];
  const f = await timed(timings, "pretrain", () => runPretrain(config, bench, run));
  try {
    const fD = await timed(timings, "finetune", () =>
      runFinetune(f.model, bench, {
        config,
        subset,
        label: `f^D (subset ${subsetIndex})`,
        ...run,
      }));
    try {
      const curve = await timed(
        timings,
        "curve",
        () =>
          interpolationCurve({ a: fD.model, b: f.model }, bench, {
            lambdas: options.lambdas ?? DEFAULT_LAMBDAS,
          }),
      );
      timings.total = (performance.now() - started) / 1000;
      const result: Observations12Result = {
        section: "observations-1-2",
        ...sectionHeader(preset, config, bench),
        pretrain: facts(f),
        finetune: { ...facts(fD), subsetIndex, subsetSize: subset.length },
        curve,
        timings,
      };
      if (options.out !== null) {
        result.path = await writeSectionResult(result.section, result, { out: options.out });
      }
      return result;
    } finally {
      fD.model.dispose();
    }
  } finally {
    f.model.dispose();
  }
}
