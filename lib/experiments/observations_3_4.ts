/**
 * BTM Observations 3 and 4 (Figure 2): two balanced fine-tunes f^{D_A} and
 * f^{D_B} of the same pre-trained model, the path between them, and the
 * fine-tune on the union D_A ∪ D_B as the reference.
 *
 * @module
 */
import { loadBenchmark } from "../data/mod.ts";
import { unionOfSubsets } from "../samplers/mod.ts";
import type { ProgressCallback, RunCache, StageResult } from "../train/mod.ts";
import {
  btmSubsets,
  facts,
  runFinetune,
  runPretrain,
  type SectionHeader,
  sectionHeader,
  type StageFacts,
  type TestMetrics,
  testMetrics,
  timed,
} from "./_stages.ts";
import { type ConfigOverrides, resolveConfig } from "./config.ts";
import { DEFAULT_LAMBDAS, interpolationCurve, type InterpolationPoint } from "../eval/mod.ts";
import { writeSectionResult } from "./write_section_result.ts";

/**
 * How the union fine-tune's training budget is matched: `epochs` (as many
 * passes over D_A ∪ D_B as each single fine-tune makes over its subset, so
 * about as many steps as the two single fine-tunes together, the compute
 * the merged model cost) or `steps` (as many steps as one single fine-tune:
 * epochs scaled by |D_A| / |D_A ∪ D_B|, at least 1).
 */
export type UnionBudget = "epochs" | "steps";

/** Options of {@linkcode observations34}. */
export interface Observations34Options {
  /** Experiment preset; default `default`. The pretrain and btm fields of its config are used. */
  preset?: string;
  /** Config overrides after the preset; default none. */
  overrides?: ConfigOverrides;
  /**
   * Which of BTM's balanced subsets are D_A and D_B; default [0, 1], so both
   * fine-tunes are members of the `btm` pipeline's merge (shared cache entries).
   * Subsets are drawn independently and may overlap, most in the tail classes
   * that have fewer than N_C images.
   */
  subsetIndices?: readonly [number, number];
  /** Budget of the union fine-tune; default `epochs` (see {@linkcode UnionBudget}). */
  unionBudget?: UnionBudget;
  /** λ grid; default 0, 0.1, …, 1. */
  lambdas?: readonly number[];
  /** Run cache; default `new RunCache()` (shared with the pipelines); `false` trains afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal/notebook printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /** Folder of the results JSON; default `resultsDir()`; `null` writes nothing. */
  out?: string | null;
}

/** Results of {@linkcode observations34} (written as `observations-3-4-<preset>-seed<seed>.json`). */
export interface Observations34Result extends SectionHeader {
  /** Section name. */
  section: "observations-3-4";
  /** The pre-trained model f and its test metrics (a reference). */
  pretrain: StageFacts & TestMetrics;
  /** f^{D_A} and f^{D_B}: subset number and size of each. */
  finetunes: (StageFacts & { subsetIndex: number; subsetSize: number })[];
  /** The union fine-tune: images, distinct ones shared by the subsets, epochs, budget rule, metrics. */
  union: StageFacts & TestMetrics & {
    size: number;
    overlap: number;
    epochs: number;
    budget: UnionBudget;
  };
  /** Test metrics of λ·f^{D_A} + (1−λ)·f^{D_B}: λ = 1 is f^{D_A}, λ = 0 is f^{D_B}, λ = 0.5 the merge. */
  curve: InterpolationPoint[];
  /** Wall-clock seconds: data, pretrain, finetunes, union, curve, total. */
  timings: Record<string, number>;
  /** Path of the JSON written, if any. */
  path?: string;
}

/**
 * Runs (or loads) the `btm` pipeline's pre-trained model and its fine-tunes on
 * two of BTM's balanced subsets, evaluates the path between the two
 * fine-tunes on the test split, and fine-tunes f on the union of the two
 * subsets with the same hyperparameters and the budget of `unionBudget`.
 */
export async function observations34(
  options: Observations34Options = {},
): Promise<Observations34Result> {
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  const indices = options.subsetIndices ?? [0, 1];
  const budget = options.unionBudget ?? "epochs";
  if (budget !== "epochs" && budget !== "steps") {
    throw new RangeError(`Unknown union budget "${budget}": valid budgets are epochs, steps`);
  }
  if (
    !Array.isArray(indices) || indices.length !== 2 || indices[0] === indices[1] ||
    indices.some((i) => !Number.isInteger(i) || i < 0 || i >= config.btm.subsets)
  ) {
    throw new RangeError(
      `Cannot use balanced subsets ${JSON.stringify(indices)}: give two different numbers in 0..${
        config.btm.subsets - 1
      } (btm.subsets = ${config.btm.subsets})`,
    );
  }
  const run = { cache: options.cache, onProgress: options.onProgress };
  const timings: Record<string, number> = {};
  const started = performance.now();
  const bench = await timed(timings, "data", () => loadBenchmark(config.data));
  const all = btmSubsets(config, bench);
  const subsets = indices.map((i) => all[i]);
  const union = unionOfSubsets(subsets);
  const unionEpochs = budget === "epochs"
    ? config.btm.epochs
    : Math.max(1, Math.round(config.btm.epochs * subsets[0].length / union.length));

  const f = await timed(timings, "pretrain", () => runPretrain(config, bench, run));
  const owned = [f.model];
  try {
    const pretrainMetrics = await timed(timings, "evaluate", () => testMetrics(f.model, bench));
    const ft: StageResult[] = [];
    for (let k = 0; k < 2; k++) {
      const r = await timed(timings, "finetunes", () =>
        runFinetune(f.model, bench, {
          config,
          subset: subsets[k],
          label: `f^D_${"AB"[k]} (subset ${indices[k]})`,
          ...run,
        }));
      owned.push(r.model);
      ft.push(r);
    }
    const u = await timed(timings, "union", () =>
      runFinetune(f.model, bench, {
        config,
        subset: union,
        epochs: unionEpochs,
        label: "f^{D_A ∪ D_B}",
        ...run,
      }));
    owned.push(u.model);
    const unionMetrics = await timed(timings, "evaluate", () => testMetrics(u.model, bench));
    const curve = await timed(
      timings,
      "curve",
      () =>
        interpolationCurve({ a: ft[0].model, b: ft[1].model }, bench, {
          lambdas: options.lambdas ?? DEFAULT_LAMBDAS,
        }),
    );
    timings.total = (performance.now() - started) / 1000;
    const result: Observations34Result = {
      section: "observations-3-4",
      ...sectionHeader(preset, config, bench),
      pretrain: { ...facts(f), ...pretrainMetrics },
      finetunes: ft.map((r, k) => ({
        ...facts(r),
        subsetIndex: indices[k],
        subsetSize: subsets[k].length,
      })),
      union: {
        ...facts(u),
        ...unionMetrics,
        size: union.length,
        overlap: subsets[0].length + subsets[1].length - union.length,
        epochs: unionEpochs,
        budget,
      },
      curve,
      timings,
    };
    if (options.out !== null) {
      result.path = await writeSectionResult(result.section, result, { out: options.out });
    }
    return result;
  } finally {
    for (const m of owned) m.dispose();
  }
}
