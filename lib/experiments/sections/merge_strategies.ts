/**
 * BTM Table 6: ways of merging the N_D balanced fine-tunes — the uniform
 * average, ratios in proportion to each member's validation H- or G-mean, and
 * greedy soups ranked and grown by validation H- or G-mean — each evaluated
 * before and after post-training. Every choice looks at the validation split
 * only; the test split gives the reported numbers.
 *
 * @module
 */
import { evaluateOn } from "../../eval/mod.ts";
import { MERGES, type MergeStep } from "../../merge/mod.ts";
import type { NamedWeights } from "../../merge/named_weights.ts";
import type { RecallSummary } from "../../metrics/mod.ts";
import type { Model } from "../../models/types.ts";
import { cloneModel, setNamedWeights } from "../../models/mod.ts";
import type { ComparisonColumn, ComparisonRow } from "../../report/mod.ts";
import { type SummaryMetric, summaryRow, TABLE_METRICS } from "../analysis/summary_row.ts";
import { facts, modelWithWeights, runBtm, runPostTrain, runPretrain } from "../_stages.ts";
import { runSection } from "../section.ts";
import type { SectionContext, SectionOptions, SectionResult, StageFacts } from "../section.ts";

/** The validation score a merge strategy ranks or weighs members by. */
export type MergeScore = "harmonicMean" | "geometricMean";

/** One merge strategy of Table 6. */
export interface MergeStrategyDef {
  /** Name as the table prints it. */
  label: string;
  /** `uniform`: ratio 1/N_D each; `adaptive`: ratios ∝ val score; `greedy`: model-soup greedy (a name of `MERGES`). */
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
export const MERGE_STRATEGY_METRICS: readonly SummaryMetric[] = TABLE_METRICS;

/** Options of {@linkcode mergeStrategies}. */
export interface MergeStrategiesOptions extends SectionOptions {
  /** Registry names of the strategies to run, in order; default every one of {@linkcode MERGE_STRATEGY_DEFS}. */
  strategies?: readonly string[];
}

/** One step of a greedy soup, by member (the `MERGES.greedy` trail). */
export type GreedyDecision = MergeStep;

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
export interface MergeStrategiesResult extends SectionResult<"merge-strategies"> {
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

async function summaries(ctx: SectionContext, model: Model): Promise<SplitSummaries> {
  return {
    val: (await evaluateOn(model, ctx.bench, "val")).summary,
    test: (await evaluateOn(model, ctx.bench, "test")).summary,
  };
}

/**
 * Runs (or loads from the cache) the `btm` pipeline's pre-trained model and
 * N_D fine-tunes, scores each member on the validation split, merges them
 * with each strategy (`MERGES`), post-trains each merge with the pipeline's
 * post-train options, and evaluates every merge before and after on both splits.
 */
export async function mergeStrategies(
  options: MergeStrategiesOptions = {},
): Promise<MergeStrategiesResult> {
  const names = options.strategies ?? Object.keys(MERGE_STRATEGY_DEFS);
  checkStrategies(names);
  return await runSection("merge-strategies", options, async (ctx) => {
    if (!ctx.bench.val) {
      throw new Error(
        `Cannot compare merge strategies on ${ctx.bench.name}: it has no validation split, and merges must never be chosen on test`,
      );
    }
    const f = await runPretrain(ctx);
    const probe = ctx.own(cloneModel(f.model));
    const b = await runBtm(ctx, f.model);
    ctx.drop(b.model); // every merge, the uniform one included, is rebuilt below the same way
    const weights = b.members.map((m) => m.weights);
    const valOf = async (w: NamedWeights) => {
      setNamedWeights(probe, w);
      return (await evaluateOn(probe, ctx.bench, "val")).summary;
    };
    const members: MergeStrategiesResult["members"] = [];
    for (const m of b.members) {
      const val = await ctx.time("memberVal", () => valOf(m.weights));
      members.push({ index: m.index, key: m.key, fromCache: m.fromCache, val });
    }
    const outcomes: MergeOutcome[] = [];
    for (const name of names) {
      const def = MERGE_STRATEGY_DEFS[name];
      const score = def.score ?? "harmonicMean";
      const merge = await ctx.time("merge", () =>
        MERGES[def.kind]({
          weights,
          scores: members.map((m) => m.val[score]),
          score: async (w) => (await valOf(w))[score],
        }));
      const model = modelWithWeights(ctx, f.model, merge.weights);
      const before = await ctx.time("eval", () => summaries(ctx, model));
      const post = await runPostTrain(ctx, model);
      const after = await ctx.time("eval", () => summaries(ctx, post.model));
      outcomes.push({
        name,
        def,
        ratios: merge.ratios,
        kept: merge.kept,
        trail: merge.trail,
        trailTable: merge.trail?.map((t, i) => ({
          method: `${i + 1}. member ${t.member + 1} (${t.kept ? "kept" : "dropped"})`,
          ours: { memberScore: t.memberScore, soupScore: t.soupScore },
        })),
        before,
        after: { ...after, stage: facts(post) },
      });
      ctx.drop(post.model);
      ctx.drop(model);
    }
    const metrics = MERGE_STRATEGY_METRICS;
    const adaptive = outcomes.filter((o) => o.def.kind === "adaptive");
    return {
      pretrain: facts(f),
      members,
      outcomes,
      table: [
        ...outcomes.map((o) => summaryRow(o.def.label, o.before.test, { metrics })),
        ...outcomes.map((o) =>
          summaryRow(`${o.def.label} + post-train`, o.after.test, { metrics })
        ),
      ],
      memberTable: members.map((m) => ({
        method: `Member ${m.index + 1}`,
        ours: {
          valHarmonicMean: m.val.harmonicMean,
          valGeometricMean: m.val.geometricMean,
          ...Object.fromEntries(adaptive.map((o) => [`ratio:${o.name}`, o.ratios[m.index]])),
        },
      })),
      memberColumns: [
        { key: "valHarmonicMean", label: "Val H-mean" },
        { key: "valGeometricMean", label: "Val G-mean" },
        ...adaptive.map((o) => ({ key: `ratio:${o.name}`, label: `Ratio, ${o.def.label}` })),
      ],
      trailColumns: [
        { key: "memberScore", label: "Member's own val score" },
        { key: "soupScore", label: "Val score of the soup with it" },
      ],
    };
  });
}
