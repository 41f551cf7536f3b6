/**
 * Balanced Training and Merging: N_D fine-tunes of the same pre-trained model
 * on N_D few-shot balanced subsets, merged into one model by weight averaging.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import { seedFor } from "../random/mod.ts";
import { evaluateOn, type Evaluation } from "../eval/mod.ts";
import { getMerge, MERGE_NAMES, type MergeName, type MergeStep } from "../merge/mod.ts";
import type { NamedWeights } from "../merge/named_weights.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import type { Model } from "../models/types.ts";
import { cloneModel, getNamedWeights, setNamedWeights } from "../models/mod.ts";
import { fewShotSubsets } from "../samplers/mod.ts";
import type { StageHistory, StageRunOptions } from "./types.ts";
import { balancedFinetune, type BalancedFinetuneOptions } from "./balanced_finetune.ts";
import { modelHash } from "./save_model.ts";

/** How the fine-tuned models are merged: a name of the `MERGES` registry (lib/merge). */
export type MergeStrategy = MergeName;

/** Names accepted by {@linkcode BtmOptions.merge} (the `MERGES` registry's). */
export const MERGE_STRATEGIES: readonly MergeStrategy[] = MERGE_NAMES;

/** Options of {@linkcode btm}. */
export interface BtmOptions extends StageRunOptions {
  /** N_D, the number of balanced subsets and fine-tuned models; default 10 (BTM's main setting). */
  subsets?: number;
  /** N_C, images per class in each subset; default 10 (BTM ImageNet-LT/Places-LT `BL_train_10_*`). */
  perClass?: number;
  /**
   * Merge: `uniform` (BTM: ratio 1/N_D each), `greedy` (model soups: add a
   * model only if the validation score improves), `adaptive` (ratios in
   * proportion to validation scores). Default `uniform`.
   */
  merge?: MergeStrategy;
  /** Validation score used by `greedy`/`adaptive` merges and ranking; default `harmonicMean`. */
  mergeMetric?: keyof Pick<
    RecallSummary,
    "harmonicMean" | "geometricMean" | "accuracy" | "lowestRecall"
  >;
  /**
   * Split on which each fine-tuned model and the merge are evaluated for the
   * returned metrics (BTM Tables 5, 11–14 report test); default `test`;
   * `none` skips it. Merging decisions never look at test, only at `val`.
   */
  evaluateOn?: "test" | "val" | "none";
  /** Hyperparameters of each fine-tune (the subset is drawn here). */
  finetune?: Omit<BalancedFinetuneOptions, "subset" | "label" | keyof StageRunOptions>;
  /**
   * Run seed of the subsets (subset i from `seedFor(seed, "few-shot", i)`) and of the
   * fine-tunes (member i's from {@linkcode btmMemberSeed}); default 0.
   */
  seed?: number;
}

/** One fine-tuned model of a BTM run. */
export interface BtmMember {
  /** Subset number, 0-based. */
  index: number;
  /** Images in the subset. */
  subsetSize: number;
  /** Cache key of the fine-tune. */
  key: string;
  /** Whether it was loaded from the cache. */
  fromCache: boolean;
  /** Its weights (every variable, buffers included). */
  weights: NamedWeights;
  /** Training losses and throughput. */
  history: StageHistory;
  /** Metrics on `evaluateOn`, when evaluated. */
  evaluation?: Evaluation;
  /** Validation score (`mergeMetric` on val), when a val split exists and the merge needs it. */
  valScore?: number;
}

/** What {@linkcode btm} returns. */
export interface BtmResult {
  /** The merged model; the caller owns and disposes it. */
  model: Model;
  /** sha256 of the merged model's content, input hash of the next stage. */
  modelSha256: string;
  /** Every fine-tuned model, in subset order. */
  members: BtmMember[];
  /** How they were merged: strategy, subset numbers kept, ratios, and the greedy trail. */
  merge: { strategy: MergeStrategy; kept: number[]; ratios: number[]; trail?: MergeStep[] };
  /** Metrics of the merged model on `evaluateOn`, when evaluated. */
  evaluation?: Evaluation;
  /** The resolved options. */
  config: Record<string, unknown>;
}

/** Defaults of {@linkcode btm}; each fine-tune uses `BALANCED_FINETUNE_DEFAULTS`. */
export const BTM_DEFAULTS = {
  subsets: 10,
  perClass: 10,
  merge: "uniform",
  mergeMetric: "harmonicMean",
  evaluateOn: "test",
  seed: 0,
} as const satisfies BtmOptions;

/**
 * The run seed of BTM member `member`: `seedFor(runSeed, "btm-member", member)`.
 * Every random stream of a member's fine-tune (batch order, crops, flips,
 * mixup λ and partners) derives from it, so the N_D members differ in more
 * than which image of each class fills a slot, and member i is the same for
 * any N_D. The seed is in each member's config, and so in its cache key.
 *
 * @example
 * ```ts
 * import { btmMemberSeed } from "./btm.ts";
 * console.assert(btmMemberSeed(0, 0) !== btmMemberSeed(0, 1));
 * ```
 */
export function btmMemberSeed(runSeed: number, member: number): number {
  if (!Number.isInteger(member) || member < 0) {
    throw new RangeError(
      `Cannot derive the seed of BTM member ${member}: it must be an integer >= 0`,
    );
  }
  return seedFor(runSeed, "btm-member", member);
}

/**
 * Runs BTM from `model` (left unchanged): draws N_D balanced subsets of N_C
 * images per class, fine-tunes a copy of the model on each (cached one by
 * one), evaluates each, and merges their weights by name.
 */
export async function btm(
  model: Model,
  bench: LongTailBenchmark,
  options: BtmOptions = {},
): Promise<BtmResult> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...BTM_DEFAULTS, ...given } as
    & Required<Omit<BtmOptions, keyof StageRunOptions | "finetune">>
    & BtmOptions;
  const mergeMembers = getMerge(o.merge); // an unknown name fails here, before any training
  const needsVal = o.merge !== "uniform";
  if (needsVal && !bench.val) {
    throw new Error(
      `Cannot use the "${o.merge}" merge on ${bench.name}: it needs a validation split (never test)`,
    );
  }
  const subsets = fewShotSubsets(bench.train.labels, {
    subsets: o.subsets,
    perClass: o.perClass,
    seed: o.seed,
  });
  const evalSplit = o.evaluateOn === "none" ? undefined : o.evaluateOn;
  if (o.evaluateOn === "val" && !bench.val) {
    throw new Error(`Cannot evaluate BTM members on val: ${bench.name} has no validation split`);
  }
  const members: BtmMember[] = [];
  for (let i = 0; i < subsets.length; i++) {
    const r = await balancedFinetune(model, bench, {
      ...o.finetune,
      seed: btmMemberSeed(o.finetune?.seed ?? o.seed, i),
      subset: subsets[i],
      label: `btm ${i + 1}/${subsets.length}`,
      cache: options.cache,
      onProgress: options.onProgress,
    });
    try {
      const member: BtmMember = {
        index: i,
        subsetSize: subsets[i].length,
        key: r.key,
        fromCache: r.fromCache,
        weights: getNamedWeights(r.model),
        history: r.history,
      };
      if (evalSplit) member.evaluation = await evaluateOn(r.model, bench, evalSplit);
      if (needsVal) {
        member.valScore = (await evaluateOn(r.model, bench, "val")).summary[o.mergeMetric];
      }
      members.push(member);
    } finally {
      r.model.dispose();
    }
  }

  const merged = cloneModel(model);
  try {
    const merge = await mergeMembers({
      weights: members.map((m) => m.weights),
      scores: needsVal ? members.map((m) => m.valScore!) : undefined,
      score: async (w) => {
        setNamedWeights(merged, w);
        return (await evaluateOn(merged, bench, "val")).summary[o.mergeMetric];
      },
    });
    setNamedWeights(merged, merge.weights);
    const evaluation = evalSplit ? await evaluateOn(merged, bench, evalSplit) : undefined;
    const { cache: _c, onProgress: _p, ...config } = o;
    return {
      model: merged,
      modelSha256: await modelHash(merged),
      members,
      merge: { strategy: o.merge, kept: merge.kept, ratios: merge.ratios, trail: merge.trail },
      evaluation,
      config: config as Record<string, unknown>,
    };
  } catch (e) {
    merged.dispose();
    throw e;
  }
}
