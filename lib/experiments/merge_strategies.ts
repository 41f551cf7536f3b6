/**
 * BTM Table 6: ways of merging the N_D balanced fine-tunes — the uniform
 * average, ratios in proportion to each member's validation H- or G-mean, and
 * greedy soups ranked and grown by validation H- or G-mean — each evaluated
 * before and after post-training. Every choice looks at the validation split
 * only; the test split gives the reported numbers.
 *
 * @module
 */
import { loadBenchmark } from "../data/mod.ts";
import type { LongTailBenchmark } from "../data/types.ts";
import { evaluate } from "../eval/mod.ts";
import { adaptiveRatio, greedySoup, uniformSoup, weightedSoup } from "../merge/mod.ts";
import type { NamedWeights } from "../merge/named_weights.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import type { Model } from "../models/types.ts";
import { cloneModel, setNamedWeights } from "../models/mod.ts";
import type { ComparisonColumn, ComparisonRow } from "../report/mod.ts";
import { postTrain, type ProgressCallback, type RunCache } from "../train/mod.ts";
import {
  facts,
  runBtmStage,
  runPretrain,
  type SectionHeader,
  sectionHeader,
  type StageFacts,
  timed,
} from "./_stages.ts";
import { type ConfigOverrides, resolveConfig } from "./config.ts";
import { type SummaryMetric, summaryRow } from "./summary_row.ts";
import { writeSectionResult } from "./write_section_result.ts";

/** The validation score a merge strategy ranks or weighs members by. */
export type MergeScore = "harmonicMean" | "geometricMean";

/** One merge strategy of Table 6. */
export interface MergeStrategyDef {
  /** Name as the table prints it. */
  label: string;
  /** `uniform`: ratio 1/N_D each; `adaptive`: ratios ∝ val score; `greedy`: model-soup greedy. */
  kind: "uniform" | "adaptive" | "greedy";
  /** Validation score used, for `adaptive` and `greedy`. */
  score?: MergeScore;
}

/** The merge strategies, by registry name, in table order. */
export const MERGE_STRATEGY_DEFS: Readonly<Record<string, MergeStrategyDef>> = {
  uniform: { label: "Uniform average", kind: "uniform" },
  "adaptive-h": { label: "Adaptive ratio (H-mean)", kind: "adaptive", score: "harmonicMean" },
  "adaptive-g": { label: "Adaptive ratio (G-mean)", kind: "adaptive", score: "geometricMean" },
  "greedy-h": { label: "Greedy soup (H-mean)", kind: "greedy", score: "harmonicMean" },
  "greedy-g": { label: "Greedy soup (G-mean)", kind: "greedy", score: "geometricMean" },
};

/** The metrics of Table 6, in column order, then the shot groups. */
export const MERGE_STRATEGY_METRICS: readonly SummaryMetric[] = [
  "harmonicMean",
  "geometricMean",
  "lowestRecall",
  "accuracy",
  "many",
  "medium",
  "few",
];

/** Options of {@linkcode mergeStrategies}. */
export interface MergeStrategiesOptions {
  /** Experiment preset; default `default`. */
  preset?: string;
  /** Config overrides after the preset; default none (the `btm` pipeline's fine-tunes, shared in the cache). */
  overrides?: ConfigOverrides;
  /** Registry names of the strategies to run, in order; default every one of {@linkcode MERGE_STRATEGY_DEFS}. */
  strategies?: readonly string[];
  /** Run cache; default `new RunCache()` (data/cache/runs/); `false` trains afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal/notebook printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /** Folder of the results JSON; default `resultsDir()`; `null` writes nothing. */
  out?: string | null;
}

/** One step of a greedy soup, by member. */
export interface GreedyDecision {
  /** Subset number of the member tried, 0-based. */
  member: number;
  /** That member's own validation score. */
  memberScore: number;
  /** Validation score of the soup of the kept members plus this one. */
  soupScore: number;
  /** Whether it stayed in the soup. */
  kept: boolean;
}

/** Validation and test summaries of one model. */
export interface SplitSummaries {
  /** Validation split (what the choices look at). */
  val: RecallSummary;
  /** Test split (what is reported). */
  test: RecallSummary;
}

/** One merge strategy's outcome. */
export interface MergeOutcome {
  /** Registry name. */
  name: string;
  /** Its definition. */
  def: MergeStrategyDef;
  /** Each member's ratio in the merge, in subset order (0 = left out). */
  ratios: number[];
  /** Subset numbers of the members in the merge. */
  kept: number[];
  /** The greedy soup's decisions, in the order tried (greedy strategies only). */
  trail?: GreedyDecision[];
  /**
   * The trail as rows of `comparisonTable` (columns `trailColumns` of the
   * result): `1. member 4 (kept)` with the member's and the soup's val score.
   */
  trailTable?: ComparisonRow[];
  /** The merge, before post-training. */
  before: SplitSummaries;
  /** The merge after post-training, with the stage's facts. */
  after: SplitSummaries & { stage: StageFacts };
}

/** Results of {@linkcode mergeStrategies} (written as `merge-strategies-<preset>-seed<seed>.json`). */
export interface MergeStrategiesResult extends SectionHeader {
  /** Section name. */
  section: "merge-strategies";
  /** The pre-trained model. */
  pretrain: StageFacts;
  /** Each fine-tuned member: cache facts and validation summary. */
  members: { index: number; key: string; fromCache: boolean; val: RecallSummary }[];
  /** Each strategy's merge, in the order run. */
  outcomes: MergeOutcome[];
  /**
   * Rows of `comparisonTable` (metrics {@linkcode MERGE_STRATEGY_METRICS},
   * test split): each strategy before post-training, then after.
   */
  table: ComparisonRow[];
  /** Rows of `comparisonTable`: each member's val H-/G-mean and its ratio in each adaptive merge. */
  memberTable: ComparisonRow[];
  /** The columns of `memberTable`. */
  memberColumns: ComparisonColumn[];
  /** The columns of each greedy outcome's `trailTable`. */
  trailColumns: ComparisonColumn[];
  /** Wall-clock seconds: data, pretrain, btm, memberVal, merge, postTrain, eval, total. */
  timings: Record<string, number>;
  /** Path of the JSON written, if any. */
  path?: string;
}

function checkStrategies(names: readonly string[]): void {
  if (!Array.isArray(names) || names.length === 0) {
    throw new RangeError(`Cannot compare merge strategies ${names}: give at least one name`);
  }
  for (const n of names) {
    if (!Object.hasOwn(MERGE_STRATEGY_DEFS, n)) {
      throw new RangeError(
        `Unknown merge strategy "${n}": valid strategies are ${
          Object.keys(MERGE_STRATEGY_DEFS).join(", ")
        }`,
      );
    }
  }
}

async function summaries(model: Model, bench: LongTailBenchmark): Promise<SplitSummaries> {
  const o = { trainCounts: bench.trainCounts, normalization: bench.normalization };
  return {
    val: (await evaluate(model, bench.val!, o)).summary,
    test: (await evaluate(model, bench.test, o)).summary,
  };
}

/**
 * Runs (or loads from the cache) the `btm` pipeline's pre-trained model and
 * N_D fine-tunes, scores each member on the validation split, merges them
 * with each strategy, post-trains each merge with the pipeline's post-train
 * options, and evaluates every merge before and after on both splits.
 */
export async function mergeStrategies(
  options: MergeStrategiesOptions = {},
): Promise<MergeStrategiesResult> {
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  const names = options.strategies ?? Object.keys(MERGE_STRATEGY_DEFS);
  checkStrategies(names);
  const run = { cache: options.cache, onProgress: options.onProgress };
  const timings: Record<string, number> = {};
  const started = performance.now();
  const bench = await timed(timings, "data", () => loadBenchmark(config.data));
  if (!bench.val) {
    throw new Error(
      `Cannot compare merge strategies on ${bench.name}: it has no validation split, and merges must never be chosen on test`,
    );
  }
  const evalOptions = { trainCounts: bench.trainCounts, normalization: bench.normalization };
  const f = await timed(timings, "pretrain", () => runPretrain(config, bench, run));
  const probe = cloneModel(f.model);
  try {
    const b = await timed(timings, "btm", () => runBtmStage(f.model, { config, bench, ...run }));
    b.model.dispose(); // every merge, the uniform one included, is rebuilt below the same way
    const weights = b.members.map((m) => m.weights);
    const valOf = async (w: NamedWeights) => {
      setNamedWeights(probe, w);
      return (await evaluate(probe, bench.val!, evalOptions)).summary;
    };
    const members: MergeStrategiesResult["members"] = [];
    for (const m of b.members) {
      const val = await timed(timings, "memberVal", () => valOf(m.weights));
      members.push({ index: m.index, key: m.key, fromCache: m.fromCache, val });
    }
    const outcomes: MergeOutcome[] = [];
    for (const name of names) {
      const def = MERGE_STRATEGY_DEFS[name];
      let merged: NamedWeights;
      let ratios = members.map(() => 1 / members.length);
      let trail: GreedyDecision[] | undefined;
      if (def.kind === "uniform") {
        merged = uniformSoup(weights);
      } else if (def.kind === "adaptive") {
        ratios = adaptiveRatio(members.map((m) => m.val[def.score!]));
        merged = weightedSoup(weights, ratios);
      } else {
        const ranked = [...members].sort((x, y) => y.val[def.score!] - x.val[def.score!]);
        const soup = await timed(timings, "merge", () =>
          greedySoup(
            ranked.map((m) => weights[m.index]),
            async (w) => (await valOf(w))[def.score!],
          ));
        merged = soup.weights;
        const kept = new Set(soup.kept.map((i) => ranked[i].index));
        ratios = members.map((m) => (kept.has(m.index) ? 1 / kept.size : 0));
        trail = soup.trail.map((s) => ({
          member: ranked[s.index].index,
          memberScore: ranked[s.index].val[def.score!],
          soupScore: s.score,
          kept: s.kept,
        }));
      }
      const model = cloneModel(f.model);
      try {
        setNamedWeights(model, merged);
        const before = await timed(timings, "eval", () => summaries(model, bench));
        const post = await timed(timings, "postTrain", () =>
          postTrain(model, bench, {
            ...config.postTrain,
            seed: config.seed,
            cache: run.cache,
            onProgress: run.onProgress,
          }));
        try {
          const after = await timed(timings, "eval", () => summaries(post.model, bench));
          outcomes.push({
            name,
            def,
            ratios,
            kept: members.filter((_, i) => ratios[i] > 0).map((m) => m.index),
            trail,
            trailTable: trail?.map((t, i) => ({
              method: `${i + 1}. member ${t.member + 1} (${t.kept ? "kept" : "dropped"})`,
              ours: { memberScore: t.memberScore, soupScore: t.soupScore },
            })),
            before,
            after: { ...after, stage: facts(post) },
          });
        } finally {
          post.model.dispose();
        }
      } finally {
        model.dispose();
      }
    }
    const metrics = MERGE_STRATEGY_METRICS;
    const table: ComparisonRow[] = [
      ...outcomes.map((o) => summaryRow(o.def.label, o.before.test, { metrics })),
      ...outcomes.map((o) => summaryRow(`${o.def.label} + post-train`, o.after.test, { metrics })),
    ];
    const adaptive = outcomes.filter((o) => o.def.kind === "adaptive");
    const memberTable: ComparisonRow[] = members.map((m) => ({
      method: `Member ${m.index + 1}`,
      ours: {
        valHarmonicMean: m.val.harmonicMean,
        valGeometricMean: m.val.geometricMean,
        ...Object.fromEntries(adaptive.map((o) => [`ratio:${o.name}`, o.ratios[m.index]])),
      },
    }));
    const memberColumns: ComparisonColumn[] = [
      { key: "valHarmonicMean", label: "Val H-mean" },
      { key: "valGeometricMean", label: "Val G-mean" },
      ...adaptive.map((o) => ({ key: `ratio:${o.name}`, label: `Ratio, ${o.def.label}` })),
    ];
    const trailColumns: ComparisonColumn[] = [
      { key: "memberScore", label: "Member's own val score" },
      { key: "soupScore", label: "Val score of the soup with it" },
    ];
    timings.total = (performance.now() - started) / 1000;
    const result: MergeStrategiesResult = {
      section: "merge-strategies",
      ...sectionHeader(preset, config, bench),
      pretrain: facts(f),
      members,
      outcomes,
      table,
      memberTable,
      memberColumns,
      trailColumns,
      timings,
    };
    if (options.out !== null) {
      result.path = await writeSectionResult(result.section, result, { out: options.out });
    }
    return result;
  } finally {
    probe.dispose();
    f.model.dispose();
  }
}
