/**
 * The temperatures of GML's ensemble chosen on the validation split, with the trail of every
 * pair tried. The paper sets t_old = t_new = 1 on CIFAR100-LT (`gml_paper.txt:304`) and says
 * poorly calibrated models such as the CE baseline need them tuned (`gml_paper.txt:144`, 322),
 * without saying on which data; here they are chosen on the benchmark's validation split (a
 * class-balanced split held out from the same distribution as the test split, never the test
 * split itself), maximising its H-mean by default.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import {
  type GmlEnsembleModels,
  gridPairs,
  type TemperatureGrid,
  type TemperatureTrial,
  temperatureTrials,
} from "./temperature_trials.ts";

/**
 * The default grid: t_old, t_new ∈ {0.5, 1, 2, 3}, 16 pairs. It holds the paper's 1/1, every
 * value of its Table 7 ({1, 2, 3}), and 0.5 on either side, which sharpens one softmax against
 * the other: the CE baseline's over-confident head classes call for t_old > t_new (or the GML
 * model sharpened, t_new < 1), the direction Table 7 does not explore. Larger values add little:
 * as t_old grows the ensemble tends to the GML model alone.
 */
export const GML_TEMPERATURE_GRID: TemperatureGrid = { tOld: [0.5, 1, 2, 3], tNew: [0.5, 1, 2, 3] };

/** The validation metrics temperatures can be chosen by (fields of `RecallSummary`). */
export type TemperatureMetric = "harmonicMean" | "geometricMean" | "accuracy" | "lowestRecall";

/** Every {@linkcode TemperatureMetric}. */
export const TEMPERATURE_METRICS: readonly TemperatureMetric[] = [
  "harmonicMean",
  "geometricMean",
  "accuracy",
  "lowestRecall",
];

/** Options of {@linkcode selectGmlTemperatures}. */
export interface SelectGmlTemperaturesOptions {
  /** Values tried for each temperature (every pair); default {@linkcode GML_TEMPERATURE_GRID}. */
  grid?: TemperatureGrid;
  /**
   * Validation score maximised; default `harmonicMean`, the GML paper's headline metric ("we
   * therefore advocate to focus more on … the harmonic mean of all recall values").
   */
  metric?: TemperatureMetric;
  /** Images per forward pass; default 256 (as `evaluate`). */
  batchSize?: number;
}

/** One pair tried, with its validation score. */
export interface TemperatureStep extends TemperatureTrial {
  /** The chosen metric of `summary`, the score compared. */
  score: number;
}

/** What {@linkcode selectGmlTemperatures} returns: the choice and why. */
export interface GmlTemperatureSelection {
  /** The split the choice was made on: always `val`. */
  split: "val";
  /** The metric maximised. */
  metric: TemperatureMetric;
  /** The grid searched. */
  grid: TemperatureGrid;
  /** Chosen t_old. */
  tOld: number;
  /** Chosen t_new. */
  tNew: number;
  /** Its validation score. */
  score: number;
  /** Its validation summary. */
  summary: RecallSummary;
  /** Every pair tried, in grid order (t_old outer), with its validation summary and score. */
  trail: TemperatureStep[];
}

/** Distance of a pair from the paper's 1/1, in log-temperature: ties are broken towards 1/1. */
function fromPaper(p: { tOld: number; tNew: number }): number {
  return Math.abs(Math.log(p.tOld)) + Math.abs(Math.log(p.tNew));
}

/**
 * The step of `trail` that {@linkcode selectGmlTemperatures} chooses: the highest score; among
 * equal scores the pair closest to the paper's 1/1 (smallest |log t_old| + |log t_new|), then
 * the earliest. An empty trail, or one with a non-finite score, is an error.
 *
 * @example
 * ```ts
 * import { bestTemperatureStep } from "./select_gml_temperatures.ts";
 * const s = (tOld: number, tNew: number, score: number) => ({ tOld, tNew, score });
 * const best = bestTemperatureStep([s(2, 2, 0.3), s(1, 2, 0.3), s(3, 1, 0.2)]);
 * if (best.tOld !== 1 || best.tNew !== 2) throw new Error("ties go towards 1/1");
 * ```
 */
export function bestTemperatureStep<T extends { tOld: number; tNew: number; score: number }>(
  trail: readonly T[],
): T {
  if (!Array.isArray(trail) || trail.length === 0) {
    throw new RangeError("Cannot choose GML temperatures from an empty trail");
  }
  for (const step of trail) {
    if (!Number.isFinite(step.score)) {
      throw new RangeError(
        `Cannot choose GML temperatures: the pair ${step.tOld}/${step.tNew} scored ${step.score}`,
      );
    }
  }
  let best = trail[0];
  for (const step of trail.slice(1)) {
    if (
      step.score > best.score || (step.score === best.score && fromPaper(step) < fromPaper(best))
    ) best = step;
  }
  return best;
}

/**
 * Chooses t_old and t_new of GML's ensemble on `bench.val`: every pair of the grid is
 * evaluated there (`temperatureTrials` with `split: "val"`; nothing else of the benchmark but
 * its training counts and normalization is read, never `bench.test`), and the pair with the
 * highest score wins. Ties go to the pair closest to the paper's 1/1 (smallest
 * |log t_old| + |log t_new|), then to the earlier pair in grid order. A benchmark without a
 * validation split is an error: choosing on the test split would report a tuned test score.
 */
export async function selectGmlTemperatures(
  models: GmlEnsembleModels,
  bench: LongTailBenchmark,
  options: SelectGmlTemperaturesOptions = {},
): Promise<GmlTemperatureSelection> {
  const metric = options.metric ?? "harmonicMean";
  if (!TEMPERATURE_METRICS.includes(metric)) {
    throw new RangeError(
      `Cannot choose GML temperatures by "${metric}": valid metrics are ${
        TEMPERATURE_METRICS.join(", ")
      }`,
    );
  }
  const grid = options.grid ?? GML_TEMPERATURE_GRID;
  const pairs = gridPairs(grid);
  if (bench.val === undefined) {
    throw new Error(
      `Cannot choose GML temperatures on ${bench.name}: it has no validation split, and choosing them on the test split would report a tuned test score`,
    );
  }
  const trials = await temperatureTrials(models, bench, {
    split: "val",
    pairs,
    batchSize: options.batchSize,
  });
  const trail: TemperatureStep[] = trials.map((t) => ({ ...t, score: t.summary[metric] }));
  const best = bestTemperatureStep(trail);
  return {
    split: "val",
    metric,
    grid: { tOld: [...grid.tOld], tNew: [...grid.tNew] },
    tOld: best.tOld,
    tNew: best.tNew,
    score: best.score,
    summary: best.summary,
    trail,
  };
}
