/**
 * BTM Figure 3 read off the `btm` pipeline's results (notebook 10): each
 * class's test recall before and after BTM, classes sorted by training
 * count, the head and tail means, and the verdict on the tail.
 *
 * @module
 */
import { type ComparisonRow, greaterThan, type Verdict, verdict } from "../../report/mod.ts";
import type { ExperimentResult, ModelResult } from "../pipelines.ts";
import { type RecallByTrainCount, recallByTrainCount } from "./recall_by_train_count.ts";

/**
 * The tail of Figure 3: this share of the classes, those with the fewest
 * training images (our choice; the figure defines no such split as far as
 * we know), and the head as many classes from the other end.
 */
export const TAIL_FRACTION = 0.2;

/** The models compared, as named in the figure. */
export const FIGURE_3_MODELS = {
  before: "pre-trained (CE)",
  after: "BTM (merge + post-training)",
} as const;

/** What {@linkcode figure3} returns. */
export interface Figure3 {
  /** The pre-trained model. */
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
  /** After BTM the tail classes gain recall on average. */
  tailGains: Verdict;
}

function model(result: Pick<ExperimentResult, "models">, name: string): ModelResult {
  const m = result.models.find((x) => x.name === name);
  if (!m) {
    throw new Error(
      `Cannot draw Figure 3: the btm pipeline's results have no model "${name}" (they have ${
        result.models.map((x) => x.name).join(", ")
      })`,
    );
  }
  return m;
}

/** Figure 3 from a `btm` pipeline result (`runExperiment("btm")`). */
export function figure3(result: Pick<ExperimentResult, "models" | "data">): Figure3 {
  const before = model(result, "pretrain");
  const merged = model(result, "btm");
  const after = model(result, "btm+post-train");
  const sorted = recallByTrainCount(
    { [FIGURE_3_MODELS.before]: before.recalls, [FIGURE_3_MODELS.after]: after.recalls },
    result.data.trainCounts,
    { tailFraction: TAIL_FRACTION },
  );
  const c = sorted.counts;
  return {
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
    tailGains: verdict(
      `After BTM the tail classes (the ${sorted.tail.size} with the fewest training images) gain recall on average`,
      greaterThan(
        {
          label: "tail mean recall after BTM",
          value: sorted.tail.meanRecall[FIGURE_3_MODELS.after],
        },
        {
          label: "tail mean recall of the pre-trained model",
          value: sorted.tail.meanRecall[FIGURE_3_MODELS.before],
        },
      ),
      { source: "BTM paper, Figure 3" },
    ),
  };
}
