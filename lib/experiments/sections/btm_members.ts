/**
 * BTM Table 5 and Tables 11–14: each of the N_D balanced fine-tunes, their
 * uniform merge, and the merge after post-training, from the `btm` pipeline;
 * and the original two-stage pipeline (stage 1 → post-train, Table 5's
 * "Stage2" row, the paper's MiSLAS) that BTM's final model is compared with.
 *
 * @module
 */
import type { ComparisonRow } from "../../report/mod.ts";
import type { StageHistory } from "../../train/mod.ts";
import { meanSummary, type MemberMean } from "../analysis/mean_summary.ts";
import { type SummaryMetric, summaryRow, TABLE_METRICS } from "../analysis/summary_row.ts";
import { facts, metricsOf, runPostTrain, runPretrain } from "../_stages.ts";
import { PIPELINES } from "../pipelines.ts";
import { runSection } from "../section.ts";
import type { SectionOptions, SectionResult, TestMetrics } from "../section.ts";

export type { MemberMean } from "../analysis/mean_summary.ts";

/** Options of {@linkcode btmMembers}: the frame's (the `btm` pipeline's own run, shared in the cache). */
export type BtmMembersOptions = SectionOptions;

/** One fine-tuned member on the test split. */
export interface MemberMetrics extends TestMetrics {
  /** Subset number, 0-based. */
  index: number;
  /** Images in its balanced subset. */
  subsetSize: number;
  /** Cache key of its fine-tune. */
  key: string;
  /** Whether it was loaded from the cache. */
  fromCache: boolean;
  /** Training losses and throughput of its fine-tune. */
  history?: StageHistory;
}

/** Results of {@linkcode btmMembers} (written as `btm-members-<preset>-seed<seed>.json`). */
export interface BtmMembersResult extends SectionResult<"btm-members"> {
  /** The pre-trained model the members start from. */
  pretrain: TestMetrics & { key?: string; fromCache?: boolean };
  /** Every fine-tuned member, in subset order. */
  members: MemberMetrics[];
  /** Each metric averaged over the members (the "average member"). */
  memberMean: MemberMean;
  /** Subset number of the member with the highest test H-mean, and of the highest G-mean (hindsight). */
  bestMember: { harmonicMean: number; geometricMean: number };
  /** The uniform merge of the members. */
  merge: TestMetrics;
  /** The merge after post-training (the `btm` pipeline's final model). */
  mergePostTrain: TestMetrics & { key?: string; fromCache?: boolean };
  /**
   * The original two-stage pipeline without BTM: the same pre-trained model
   * post-trained the same way (the `two-stage` pipeline's final model;
   * Table 5's "Stage2", the paper's MiSLAS).
   */
  twoStage: TestMetrics & { key: string; fromCache: boolean };
  /** How many members the merge beats (strictly), on H-mean and on G-mean. */
  mergeBeats: { harmonicMean: number; geometricMean: number };
  /**
   * Rows of `comparisonTable` (metrics {@linkcode BTM_MEMBER_METRICS}): the
   * pre-trained model, each member, the member mean, the merge, the merge
   * after post-training.
   */
  table: ComparisonRow[];
}

/** The metrics of Tables 5 and 11–14, in column order, then the shot groups. */
export const BTM_MEMBER_METRICS: readonly SummaryMetric[] = TABLE_METRICS;

function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Runs (or loads from the cache) the `btm` pipeline and collects, on the test
 * split, each fine-tuned member, their mean, the uniform merge and the merge
 * after post-training. Nothing is selected on test: the "best member" is
 * named in hindsight, as a reference.
 */
export async function btmMembers(options: BtmMembersOptions = {}): Promise<BtmMembersResult> {
  return await runSection("btm-members", options, async (ctx) => {
    const r = await PIPELINES.btm.run(ctx);
    if (!r.btm) throw new Error(`Cannot list BTM's members: the btm pipeline returned none`);
    const byName = (name: string) => {
      const m = r.models.find((x) => x.name === name);
      if (!m) {
        throw new Error(
          `Cannot find model "${name}" in the btm pipeline's results (it has ${
            r.models.map((x) => x.name).join(", ")
          })`,
        );
      }
      return m;
    };
    const pre = byName("pretrain");
    const merge = byName("btm");
    const post = byName("btm+post-train");
    // The two-stage pipeline's second stage, from the same (cached) pre-trained model.
    const f = await runPretrain(ctx);
    const two = await runPostTrain(ctx, f.model, { step: "twoStage" });
    const twoStage = { ...facts(two), ...(await metricsOf(ctx, two.model)) };
    ctx.drop(two.model);
    ctx.drop(f.model);
    const members: MemberMetrics[] = r.btm.members.map((m) => ({
      index: m.index,
      subsetSize: m.subsetSize,
      key: m.key!,
      fromCache: m.fromCache!,
      history: m.history,
      summary: m.summary,
      recalls: m.recalls,
    }));
    const memberMean = meanSummary(members.map((m) => m.summary));
    const beats = (metric: "harmonicMean" | "geometricMean") =>
      members.filter((m) => merge.summary[metric] > m.summary[metric]).length;
    const metrics = BTM_MEMBER_METRICS;
    const table: ComparisonRow[] = [
      summaryRow("Pre-trained f", pre.summary, { metrics }),
      ...members.map((m) => summaryRow(`Member ${m.index + 1}`, m.summary, { metrics })),
      {
        method: `Mean of the ${members.length} members`,
        ours: memberMean as Record<string, number>,
      },
      summaryRow("Uniform merge", merge.summary, { metrics }),
      summaryRow("Merge + post-train", post.summary, { metrics }),
    ];
    return {
      pretrain: {
        summary: pre.summary,
        recalls: pre.recalls,
        key: pre.key,
        fromCache: pre.fromCache,
      },
      members,
      memberMean,
      bestMember: {
        harmonicMean: members[argmax(members.map((m) => m.summary.harmonicMean))].index,
        geometricMean: members[argmax(members.map((m) => m.summary.geometricMean))].index,
      },
      merge: { summary: merge.summary, recalls: merge.recalls },
      mergePostTrain: {
        summary: post.summary,
        recalls: post.recalls,
        key: post.key,
        fromCache: post.fromCache,
      },
      twoStage: {
        key: twoStage.key,
        fromCache: twoStage.fromCache,
        summary: twoStage.summary,
        recalls: twoStage.recalls,
      },
      mergeBeats: { harmonicMean: beats("harmonicMean"), geometricMean: beats("geometricMean") },
      table,
    };
  });
}
