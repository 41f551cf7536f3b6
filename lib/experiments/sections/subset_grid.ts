/**
 * BTM Table 7: the effect of the number of balanced subsets N_D and of the
 * images per class N_C on BTM (merge, then post-train), run as the paper's
 * cross centred on its default N_D = N_C = 10.
 *
 * @module
 */
import { MERGES } from "../../merge/mod.ts";
import type { NamedWeights } from "../../merge/named_weights.ts";
import { getNamedWeights } from "../../models/mod.ts";
import {
  drawSubsets,
  facts,
  metricsOf,
  modelWithWeights,
  runFinetune,
  runPostTrain,
  runPretrain,
} from "../_stages.ts";
import { runSection } from "../section.ts";
import type { SectionOptions, SectionResult, StageFacts, TestMetrics } from "../section.ts";

/** The cross of Table 7 and the epochs of its stages. */
export interface SubsetGridScale {
  /**
   * The centre of the cross, the setting both arms share: the paper's
   * default N_D = N_C = 10 (`btm_paper.txt:830`).
   */
  center: { subsets: number; perClass: number };
  /** The N_D values run at N_C = `center.perClass` (the paper's 2, 4, 8, 10, 20); must include `center.subsets`. */
  subsetCounts: readonly number[];
  /** The N_C values run at N_D = `center.subsets` (the paper's 5, 10, 20); must include `center.perClass`. */
  perClassValues: readonly number[];
  /**
   * Epochs of each balanced fine-tune; default the config's `btm.epochs`
   * (then the centre's fine-tunes are the `btm` pipeline's, from the cache).
   * The cross fine-tunes max(N_D) models at the centre's N_C and N_D models
   * at each other N_C, so a preset may scale this below `btm.epochs`.
   */
  finetuneEpochs?: number;
  /** Epochs of each post-training (one per cell and one for the baseline); default the config's `postTrain.epochs`. */
  postTrainEpochs?: number;
}

/** Options of {@linkcode subsetGrid}. */
export interface SubsetGridOptions extends SectionOptions, Partial<SubsetGridScale> {}

/**
 * Table 7's cross by preset, as its notebook runs it: the paper's rows,
 * N_C = 10 with N_D ∈ {2, 4, 8, 10, 20} and N_D = 10 with N_C ∈ {5, 10, 20}
 * (`btm_paper.txt:822`, 828), with the config's fine-tunes and post-trainings
 * (40 fine-tunes, 10 of them the `btm` pipeline's, and 8 post-trainings per
 * seed; the default report runs it on one seed, `DEFAULT_SEED_CAPS`);
 * `smoke` a small cross on its tiny set. Any other preset uses the `default`
 * entry.
 */
export const TABLE_7_GRIDS: Readonly<Record<string, SubsetGridScale>> = {
  default: {
    center: { subsets: 10, perClass: 10 },
    subsetCounts: [2, 4, 8, 10, 20],
    perClassValues: [5, 10, 20],
  },
  smoke: {
    center: { subsets: 2, perClass: 4 },
    subsetCounts: [1, 2, 4],
    perClassValues: [2, 4],
    finetuneEpochs: 2,
    postTrainEpochs: 1,
  },
};

/** One balanced fine-tune of the grid: subset `index` of N_C images per class. */
export interface SubsetGridMember extends StageFacts {
  /** N_C of its subset. */
  perClass: number;
  /** Subset number, 0-based (subset i is the same for every N_D). */
  index: number;
  /** Images in the subset (a tail class with fewer than N_C images gives all it has). */
  subsetSize: number;
}

/** One cell of the cross: the first N_D fine-tunes of N_C merged, then post-trained. */
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
export interface SubsetGridResult extends SectionResult<"table-7-subset-grid"> {
  /** The centre of the cross. */
  center: { subsets: number; perClass: number };
  /** The N_D values run at the centre's N_C, in the given order. */
  subsetCounts: number[];
  /** The N_C values run at the centre's N_D, in the given order. */
  perClassValues: number[];
  /** Epochs of each balanced fine-tune. */
  finetuneEpochs: number;
  /** Epochs of each post-training. */
  postTrainEpochs: number;
  /** The pre-trained model f (the `btm` pipeline's) and its test metrics. */
  pretrain: StageFacts & TestMetrics;
  /** Reference without BTM: f post-trained with the same epochs. */
  baseline: StageFacts & TestMetrics;
  /** Every fine-tune: max(N_D) at the centre's N_C, the centre's N_D at each other N_C; each trained once. */
  members: SubsetGridMember[];
  /** Every cell: the N_D arm (at the centre's N_C) in the given order, then the N_C arm's other cells. */
  cells: SubsetGridCell[];
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

function checkEpochs(name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
    throw new RangeError(
      `Cannot run the subset grid with ${name} = ${v}: it must be a positive integer`,
    );
  }
}

/**
 * Runs Table 7's cross from the pre-trained model f: for each N_C of the
 * cross, fine-tunes f on subsets 0..n−1 (n = max(N_D) at the centre's N_C,
 * the centre's N_D at the others; each once: subset i does not depend on N_D,
 * so the N_D = 2 merge uses the first two of the N_D = 20 fine-tunes), then
 * for every cell merges the first N_D uniformly, evaluates the merge,
 * post-trains it and evaluates again. Without a cross in the options, the
 * paper's (centre N_D = N_C = 10) with the config's epochs.
 */
export async function subsetGrid(options: SubsetGridOptions = {}): Promise<SubsetGridResult> {
  const center = options.center ?? { subsets: 10, perClass: 10 };
  const subsetCounts = checkValues("subsetCounts", options.subsetCounts ?? [2, 4, 8, 10, 20]);
  const perClassValues = checkValues("perClassValues", options.perClassValues ?? [5, 10, 20]);
  if (!subsetCounts.includes(center?.subsets) || !perClassValues.includes(center?.perClass)) {
    throw new RangeError(
      `Cannot run Table 7's cross centred on ${JSON.stringify(center)}: its N_D ` +
        `(${center?.subsets}) must be one of subsetCounts ${subsetCounts.join(", ")} and its N_C ` +
        `(${center?.perClass}) one of perClassValues ${perClassValues.join(", ")}`,
    );
  }
  checkEpochs("finetuneEpochs", options.finetuneEpochs);
  checkEpochs("postTrainEpochs", options.postTrainEpochs);
  return await runSection("table-7-subset-grid", options, async (ctx) => {
    const finetuneEpochs = options.finetuneEpochs ?? ctx.config.btm.epochs;
    const postTrainEpochs = options.postTrainEpochs ?? ctx.config.postTrain.epochs;
    const f = await runPretrain(ctx);
    const pretrain = { ...facts(f), ...(await metricsOf(ctx, f.model)) };
    const base = await runPostTrain(ctx, f.model, { epochs: postTrainEpochs, step: "baseline" });
    const baseline = { ...facts(base), ...(await metricsOf(ctx, base.model)) };
    ctx.drop(base.model);
    const members: SubsetGridMember[] = [];
    const cells: SubsetGridCell[] = [];
    // The centre's N_C first (its arm is the N_D arm), then the other N_C.
    const perClassOrder = [center.perClass, ...perClassValues.filter((c) => c !== center.perClass)];
    for (const perClass of perClassOrder) {
      const arm = perClass === center.perClass ? subsetCounts : [center.subsets];
      const count = Math.max(...arm);
      const subsets = drawSubsets(ctx, { subsets: count, perClass });
      const weights: NamedWeights[] = [];
      for (let i = 0; i < count; i++) {
        const r = await runFinetune(ctx, f.model, {
          subset: subsets[i],
          label: `N_C ${perClass}: fine-tune ${i + 1}/${count}`,
          epochs: finetuneEpochs,
          member: i,
        });
        weights.push(getNamedWeights(r.model));
        members.push({ ...facts(r), perClass, index: i, subsetSize: subsets[i].length });
        ctx.drop(r.model);
      }
      for (const nD of arm) {
        const merge = await ctx.time(
          "merge",
          () => MERGES.uniform({ weights: weights.slice(0, nD) }),
        );
        const merged = modelWithWeights(ctx, f.model, merge.weights);
        const mergedMetrics = await ctx.time("merge", () => metricsOf(ctx, merged));
        const post = await runPostTrain(ctx, merged, { epochs: postTrainEpochs });
        cells.push({
          subsets: nD,
          perClass,
          merged: mergedMetrics,
          postTrained: { ...facts(post), ...(await metricsOf(ctx, post.model)) },
        });
        ctx.drop(post.model);
        ctx.drop(merged);
      }
    }
    return {
      center: { ...center },
      subsetCounts,
      perClassValues,
      finetuneEpochs,
      postTrainEpochs,
      pretrain,
      baseline,
      members,
      cells,
    };
  });
}
