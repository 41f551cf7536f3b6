/**
 * BTM Figure 3 (notebook 10): each class's test recall of BTM's final model
 * beside the two-stage baseline's (the paper's Figure 3b compares the final
 * model with MiSLAS, the two-stage pipeline; `btm_paper.txt:1094`), classes
 * sorted by training count, the head and tail means, and the verdict on the
 * paper's claim that balanced training makes per-class recall more uniform.
 *
 * @module
 */
import type { ComparisonRow, Verdict } from "../../report/mod.ts";
import type { ExperimentResult, ModelResult } from "../pipelines.ts";
import { checkClaim } from "./paper_verdict.ts";
import { type RecallByTrainCount, recallByTrainCount } from "./recall_by_train_count.ts";

/**
 * The tail of the head/tail table: this share of the classes, those with the
 * fewest training images (our choice; the figure defines no such split), and
 * the head as many classes from the other end.
 */
export const TAIL_FRACTION = 0.2;

/** The models compared, as named in the figure. */
export const FIGURE_3_MODELS = {
  before: "two-stage (CE pre-train → post-train)",
  after: "BTM (merge + post-train)",
} as const;

/** What {@linkcode figure3} returns. */
export interface Figure3 {
  /** The pre-trained model (stage 1). */
  pretrain: ModelResult;
  /** The two-stage baseline: stage 1 post-trained without BTM (the paper's MiSLAS). */
  before: ModelResult;
  /** The BTM merge before post-training. */
  merged: ModelResult;
  /** The merge after post-training: BTM's final model. */
  after: ModelResult;
  /** Recalls of `before` and `after` (by {@linkcode FIGURE_3_MODELS}) sorted by training count. */
  sorted: RecallByTrainCount;
  /** Rows of the head's and the tail's mean recall, by model. */
  headTail: ComparisonRow[];
  /** The caption of the head/tail table: the training counts of each. */
  headTailCaption: string;
  /** `btm-figure3`: BTM's per-class recall more uniform (lower spread) and a higher H-mean than the baseline's. */
  uniform: Verdict;
}

/**
 * The spread of per-class recall: their standard deviation over the classes
 * (the smaller, the more uniform).
 *
 * @example
 * ```ts
 * import { recallSpread } from "./figure_3.ts";
 * if (recallSpread([0.5, 0.5]) !== 0 || recallSpread([0, 1]) !== 0.5) throw new Error();
 * ```
 */
export function recallSpread(recalls: readonly number[]): number {
  if (recalls.length === 0) throw new RangeError("Cannot take the spread of no recalls");
  const mean = recalls.reduce((a, b) => a + b, 0) / recalls.length;
  return Math.sqrt(recalls.reduce((a, r) => a + (r - mean) ** 2, 0) / recalls.length);
}

function model(result: Pick<ExperimentResult, "models">, name: string, what: string): ModelResult {
  const m = result.models.find((x) => x.name === name);
  if (!m) {
    throw new Error(
      `Cannot draw Figure 3: the ${what} pipeline's results have no model "${name}" (they have ${
        result.models.map((x) => x.name).join(", ")
      })`,
    );
  }
  return m;
}

/**
 * Figure 3 from a `btm` pipeline result and the `two-stage` pipeline's of the
 * same seed (`runExperiment("btm")`, `runExperiment("two-stage")`).
 */
export function figure3(
  btm: Pick<ExperimentResult, "models" | "data" | "seed">,
  twoStage: Pick<ExperimentResult, "models" | "seed">,
): Figure3 {
  if (btm.seed !== twoStage.seed) {
    throw new Error(
      `Cannot draw Figure 3 from seed ${btm.seed} of BTM and seed ${twoStage.seed} of the two-stage pipeline`,
    );
  }
  const pretrain = model(btm, "pretrain", "btm");
  const merged = model(btm, "btm", "btm");
  const after = model(btm, "btm+post-train", "btm");
  const before = model(twoStage, "post-train", "two-stage");
  const sorted = recallByTrainCount(
    { [FIGURE_3_MODELS.before]: before.recalls, [FIGURE_3_MODELS.after]: after.recalls },
    btm.data.trainCounts,
    { tailFraction: TAIL_FRACTION },
  );
  const c = sorted.counts;
  return {
    pretrain,
    before,
    merged,
    after,
    sorted,
    headTail: [
      {
        method: `head: ${sorted.head.size} classes with the most images`,
        ours: sorted.head.meanRecall,
      },
      {
        method: `tail: ${sorted.tail.size} classes with the fewest images`,
        ours: sorted.tail.meanRecall,
      },
    ],
    headTailCaption: `Mean test recall of the head and the tail (training images: head ${c[0]}–${
      c[sorted.head.size - 1]
    }, tail ${c[c.length - sorted.tail.size]}–${c[c.length - 1]})`,
    uniform: checkClaim("btm-figure3", [
      {
        what: "spread of per-class recall (standard deviation)",
        a: { label: "BTM", ours: [recallSpread(after.recalls)] },
        b: { label: "two-stage", ours: [recallSpread(before.recalls)] },
        expect: "lower",
      },
      {
        what: "H-mean",
        a: {
          label: "BTM",
          ours: [after.summary.harmonicMean],
          zeroClasses: [after.summary.zeroClasses],
        },
        b: {
          label: "two-stage",
          ours: [before.summary.harmonicMean],
          zeroClasses: [before.summary.zeroClasses],
        },
      },
    ], [btm.seed]),
  };
}
