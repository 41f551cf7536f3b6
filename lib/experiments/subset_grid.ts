/**
 * BTM Table 7: the effect of the number of balanced subsets N_D and of the
 * images per class N_C on BTM (merge, then post-train).
 *
 * @module
 */
import { loadBenchmark } from "../data/mod.ts";
import { uniformSoup } from "../merge/mod.ts";
import type { NamedWeights } from "../merge/named_weights.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import { getNamedWeights } from "../models/mod.ts";
import { fewShotSubsets } from "../samplers/mod.ts";
import type { ProgressCallback, RunCache } from "../train/mod.ts";
import {
  facts,
  modelWithWeights,
  runFinetune,
  runPostTrainStage,
  runPretrain,
  type SectionHeader,
  sectionHeader,
  type StageFacts,
  type TestMetrics,
  testMetrics,
  timed,
} from "./_stages.ts";
import { type ConfigOverrides, resolveConfig } from "./config.ts";
import { writeSectionResult } from "./write_section_result.ts";

/** Options of {@linkcode subsetGrid}. */
export interface SubsetGridOptions {
  /** Experiment preset; default `default`. Its pretrain, btm and postTrain fields are used. */
  preset?: string;
  /** Config overrides after the preset (e.g. `{ seed: 1 }`); default none. */
  overrides?: ConfigOverrides;
  /** The N_D values (models merged); default 2, 4, 8, 20 (BTM Table 7). Positive integers. */
  subsetCounts?: readonly number[];
  /** The N_C values (images per class per subset); default 5, 10, 20 (BTM Table 7). Positive integers. */
  perClassValues?: readonly number[];
  /**
   * Epochs of each balanced fine-tune; default the config's `btm.epochs`.
   * The grid fine-tunes max(N_D) × |N_C| models, so notebooks scale this down
   * to fit their time budget.
   */
  finetuneEpochs?: number;
  /**
   * Epochs of each post-training (one per grid cell and one for the baseline);
   * default the config's `postTrain.epochs`; scaled down like `finetuneEpochs`.
   */
  postTrainEpochs?: number;
  /** Run cache; default `new RunCache()` (data/cache/runs/, shared with the pipelines); `false` trains afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal/notebook printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /** Folder of the results JSON; default `resultsDir()`; `null` writes nothing. */
  out?: string | null;
}

/** One balanced fine-tune of the grid: subset `index` of N_C images per class. */
export interface SubsetGridMember extends StageFacts {
  /** N_C of its subset. */
  perClass: number;
  /** Subset number, 0-based (subset i is the same for every N_D). */
  index: number;
  /** Images in the subset (a tail class with fewer than N_C images gives all it has). */
  subsetSize: number;
}

/** One cell of the grid: the first N_D fine-tunes of N_C merged, then post-trained. */
export interface SubsetGridCell {
  /** N_D, models merged. */
  subsets: number;
  /** N_C, images per class per subset. */
  perClass: number;
  /** Test metrics of the uniform merge of fine-tunes 0..N_D−1. */
  merged: TestMetrics;
  /** Test metrics after post-training the merge (BTM's result), and that stage's facts. */
  postTrained: TestMetrics & StageFacts;
}

/** Results of {@linkcode subsetGrid} (written as `table-7-subset-grid-<preset>-seed<seed>.json`). */
export interface SubsetGridResult extends SectionHeader {
  /** Section name. */
  section: "table-7-subset-grid";
  /** The N_D values, in the given order. */
  subsetCounts: number[];
  /** The N_C values, in the given order. */
  perClassValues: number[];
  /** Epochs of each balanced fine-tune. */
  finetuneEpochs: number;
  /** Epochs of each post-training. */
  postTrainEpochs: number;
  /** The pre-trained model f (the `btm` pipeline's) and its test metrics. */
  pretrain: StageFacts & TestMetrics;
  /** Reference without BTM: f post-trained with the same epochs. */
  baseline: StageFacts & TestMetrics;
  /** Every fine-tune, max(N_D) per N_C, each trained once and shared by all N_D. */
  members: SubsetGridMember[];
  /** Every (N_D, N_C) cell, N_C-major in the given orders. */
  cells: SubsetGridCell[];
  /** Wall-clock seconds: data, pretrain, baseline, finetune, merge, postTrain, total. */
  timings: Record<string, number>;
  /** Path of the JSON written, if any. */
  path?: string;
}

function checkValues(name: string, values: readonly number[]): number[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError(`Cannot run the subset grid: ${name} must list at least one value`);
  }
  for (const v of values) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(
        `Cannot run the subset grid with ${name} value ${v}: it must be a positive integer`,
      );
    }
  }
  if (new Set(values).size !== values.length) {
    throw new RangeError(
      `Cannot run the subset grid: ${name} ${values.join(", ")} repeats a value`,
    );
  }
  return [...values];
}

/**
 * Fine-tunes the pre-trained model f on subsets 0..max(N_D)−1 of each N_C
 * (each once: subset i does not depend on N_D, so the N_D = 2 merge uses the
 * first two of the N_D = 20 fine-tunes), then for every (N_D, N_C) merges the
 * first N_D uniformly, evaluates the merge, post-trains it and evaluates again.
 */
export async function subsetGrid(options: SubsetGridOptions = {}): Promise<SubsetGridResult> {
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  const subsetCounts = checkValues("subsetCounts", options.subsetCounts ?? [2, 4, 8, 20]);
  const perClassValues = checkValues("perClassValues", options.perClassValues ?? [5, 10, 20]);
  const finetuneEpochs = options.finetuneEpochs ?? config.btm.epochs;
  const postTrainEpochs = options.postTrainEpochs ?? config.postTrain.epochs;
  for (
    const [name, v] of [["finetuneEpochs", finetuneEpochs], ["postTrainEpochs", postTrainEpochs]]
  ) {
    if (!Number.isInteger(v) || (v as number) < 1) {
      throw new RangeError(
        `Cannot run the subset grid with ${name} = ${v}: it must be a positive integer`,
      );
    }
  }
  const maxSubsets = Math.max(...subsetCounts);
  const run = { cache: options.cache, onProgress: options.onProgress };
  const timings: Record<string, number> = {};
  const started = performance.now();
  const bench = await timed(timings, "data", () => loadBenchmark(config.data));
  const f = await timed(timings, "pretrain", () => runPretrain(config, bench, run));
  try {
    const pretrainMetrics = await testMetrics(f.model, bench);
    const base = await timed(
      timings,
      "baseline",
      () => runPostTrainStage(f.model, { config, bench, epochs: postTrainEpochs, ...run }),
    );
    let baseline: SubsetGridResult["baseline"];
    try {
      baseline = { ...facts(base), ...(await testMetrics(base.model, bench)) };
    } finally {
      base.model.dispose();
    }
    const members: SubsetGridMember[] = [];
    const cells: SubsetGridCell[] = [];
    for (const perClass of perClassValues) {
      const subsets = fewShotSubsets(bench.train.labels, {
        subsets: maxSubsets,
        perClass,
        seed: config.seed,
      });
      const weights: NamedWeights[] = [];
      for (let i = 0; i < maxSubsets; i++) {
        const r = await timed(timings, "finetune", () =>
          runFinetune(f.model, bench, {
            config,
            subset: subsets[i],
            label: `N_C ${perClass}: fine-tune ${i + 1}/${maxSubsets}`,
            epochs: finetuneEpochs,
            ...run,
          }));
        try {
          weights.push(getNamedWeights(r.model));
          members.push({ ...facts(r), perClass, index: i, subsetSize: subsets[i].length });
        } finally {
          r.model.dispose();
        }
      }
      for (const nD of subsetCounts) {
        const merged = await timed(
          timings,
          "merge",
          () => Promise.resolve(modelWithWeights(f.model, uniformSoup(weights.slice(0, nD)))),
        );
        try {
          const mergedMetrics = await timed(timings, "merge", () => testMetrics(merged, bench));
          const post = await timed(
            timings,
            "postTrain",
            () => runPostTrainStage(merged, { config, bench, epochs: postTrainEpochs, ...run }),
          );
          try {
            cells.push({
              subsets: nD,
              perClass,
              merged: mergedMetrics,
              postTrained: { ...facts(post), ...(await testMetrics(post.model, bench)) },
            });
          } finally {
            post.model.dispose();
          }
        } finally {
          merged.dispose();
        }
      }
    }
    timings.total = (performance.now() - started) / 1000;
    const result: SubsetGridResult = {
      section: "table-7-subset-grid",
      ...sectionHeader(preset, config, bench),
      subsetCounts,
      perClassValues,
      finetuneEpochs,
      postTrainEpochs,
      pretrain: { ...facts(f), ...pretrainMetrics },
      baseline,
      members,
      cells,
      timings,
    };
    if (options.out !== null) {
      result.path = await writeSectionResult(result.section, result, { out: options.out });
    }
    return result;
  } finally {
    f.model.dispose();
  }
}

/** Options of {@linkcode gridMatrix}. */
export interface GridMatrixOptions {
  /** Which model of each cell: `postTrained` (BTM's result, default) or `merged` (before post-training). */
  stage?: "merged" | "postTrained";
}

/**
 * One metric of every cell as a matrix for a heatmap: row r is
 * `perClassValues[r]` (N_C), column c is `subsetCounts[c]` (N_D).
 *
 * @example
 * ```ts
 * import { gridMatrix, type SubsetGridResult } from "./subset_grid.ts";
 * const m = (h: number) => ({ summary: { harmonicMean: h }, recalls: [] });
 * const r = {
 *   subsetCounts: [2, 4], perClassValues: [5],
 *   cells: [{ subsets: 4, perClass: 5, postTrained: m(0.3) }, { subsets: 2, perClass: 5, postTrained: m(0.2) }],
 * } as unknown as SubsetGridResult;
 * if (gridMatrix(r, "harmonicMean").join() !== "0.2,0.3") throw new Error();
 * ```
 */
export function gridMatrix(
  result: Pick<SubsetGridResult, "subsetCounts" | "perClassValues" | "cells">,
  metric: Exclude<keyof RecallSummary, "zeroClasses">,
  options: GridMatrixOptions = {},
): number[][] {
  const stage = options.stage ?? "postTrained";
  return result.perClassValues.map((perClass) =>
    result.subsetCounts.map((subsets) => {
      const cell = result.cells.find((c) => c.subsets === subsets && c.perClass === perClass);
      const value = cell?.[stage].summary[metric];
      if (typeof value !== "number") {
        throw new Error(
          `Cannot read ${metric} of cell N_D = ${subsets}, N_C = ${perClass} (${stage}): the grid has no such value`,
        );
      }
      return value;
    })
  );
}
