/**
 * BTM Observations 3 and 4 (Figure 2), as the paper ran them: two fine-tunes
 * f^{D_A} and f^{D_B} of the stage-1 model on different 5-shot balanced
 * subsets (`btm_paper.txt:368`), the path between them, and the fine-tune on
 * the union D_A ∪ D_B (no longer balanced) as the reference.
 *
 * @module
 */
import { DEFAULT_LAMBDAS, interpolationCurve, type InterpolationPoint } from "../../eval/mod.ts";
import { unionOfSubsets } from "../../samplers/mod.ts";
import type { StageResult } from "../../train/mod.ts";
import { facts, metricsOf, runFinetune, runPretrain } from "../_stages.ts";
import { runSection } from "../section.ts";
import { OBSERVATION_SHOTS, observationSubsets } from "./observations_1_2.ts";
import type { SectionOptions, SectionResult, StageFacts, TestMetrics } from "../section.ts";

/**
 * How the union fine-tune's training budget is matched: `epochs` (as many
 * passes over D_A ∪ D_B as each single fine-tune makes over its subset, so
 * about as many steps as the two single fine-tunes together, the compute
 * the merged model cost) or `steps` (as many steps as one single fine-tune:
 * epochs scaled by |D_A| / |D_A ∪ D_B|, at least 1).
 */
export type UnionBudget = "epochs" | "steps";

/** Options of {@linkcode observations34}. */
export interface Observations34Options extends SectionOptions {
  /** Images per class of D_A and D_B; default `OBSERVATION_SHOTS` (the paper's 5). */
  perClass?: number;
  /**
   * Which of the balanced subsets are D_A and D_B; default [0, 1] (D_A is
   * Observation 1's D: f^{D_A} is f^D, one cache entry). Subsets are drawn
   * independently and may overlap, most in the tail classes that have fewer
   * than `perClass` images.
   */
  subsetIndices?: readonly [number, number];
  /** Budget of the union fine-tune; default `epochs` (see {@linkcode UnionBudget}). */
  unionBudget?: UnionBudget;
  /** λ grid; default 0, 0.1, …, 1. */
  lambdas?: readonly number[];
}

/** Results of {@linkcode observations34} (written as `observations-3-4-<preset>-seed<seed>.json`). */
export interface Observations34Result extends SectionResult<"observations-3-4"> {
  /** The pre-trained model f and its test metrics (a reference). */
  pretrain: StageFacts & TestMetrics;
  /** f^{D_A} and f^{D_B}: subset number, images per class and size of each. */
  finetunes: (StageFacts & { subsetIndex: number; perClass: number; subsetSize: number })[];
  /** The union fine-tune: images, distinct ones shared by the subsets, epochs, budget rule, metrics. */
  union: StageFacts & TestMetrics & {
    size: number;
    overlap: number;
    epochs: number;
    budget: UnionBudget;
  };
  /** Test metrics of λ·f^{D_A} + (1−λ)·f^{D_B}: λ = 1 is f^{D_A}, λ = 0 is f^{D_B}, λ = 0.5 the merge. */
  curve: InterpolationPoint[];
}

/**
 * Runs (or loads) the `btm` pipeline's pre-trained model and its fine-tunes on
 * two balanced subsets of `perClass` images per class, evaluates the path
 * between the two fine-tunes on the test split, and fine-tunes f on the union
 * of the two subsets with the same hyperparameters and the budget of
 * `unionBudget`.
 */
export async function observations34(
  options: Observations34Options = {},
): Promise<Observations34Result> {
  const indices = options.subsetIndices ?? [0, 1];
  const perClass = options.perClass ?? OBSERVATION_SHOTS;
  const budget = options.unionBudget ?? "epochs";
  if (budget !== "epochs" && budget !== "steps") {
    throw new RangeError(`Unknown union budget "${budget}": valid budgets are epochs, steps`);
  }
  if (
    !Array.isArray(indices) || indices.length !== 2 || indices[0] === indices[1] ||
    indices.some((i) => !Number.isInteger(i) || i < 0)
  ) {
    throw new RangeError(
      `Cannot use balanced subsets ${
        JSON.stringify(indices)
      }: give two different subset numbers, integers >= 0`,
    );
  }
  return await runSection("observations-3-4", options, async (ctx) => {
    const all = observationSubsets(ctx, perClass, Math.max(...indices) + 1);
    const subsets = indices.map((i) => all[i]);
    const union = unionOfSubsets(subsets);
    const epochs = budget === "epochs"
      ? ctx.config.btm.epochs
      : Math.max(1, Math.round(ctx.config.btm.epochs * subsets[0].length / union.length));
    const f = await runPretrain(ctx);
    const pretrainMetrics = await ctx.time("evaluate", () => metricsOf(ctx, f.model));
    const ft: StageResult[] = [];
    for (let k = 0; k < 2; k++) {
      const label = `f^D_${"AB"[k]} (${perClass}-shot subset ${indices[k]})`;
      ft.push(
        await runFinetune(ctx, f.model, {
          subset: subsets[k],
          label,
          step: "finetunes",
          member: indices[k],
        }),
      );
    }
    const u = await runFinetune(ctx, f.model, {
      subset: union,
      epochs,
      label: "f^{D_A ∪ D_B}",
      step: "union",
    });
    const unionMetrics = await ctx.time("evaluate", () => metricsOf(ctx, u.model));
    const lambdas = options.lambdas ?? DEFAULT_LAMBDAS;
    const curve = await ctx.time(
      "curve",
      () => interpolationCurve({ a: ft[0].model, b: ft[1].model }, ctx.bench, { lambdas }),
    );
    return {
      pretrain: { ...facts(f), ...pretrainMetrics },
      finetunes: ft.map((r, k) => ({
        ...facts(r),
        subsetIndex: indices[k],
        perClass,
        subsetSize: subsets[k].length,
      })),
      union: {
        ...facts(u),
        ...unionMetrics,
        size: union.length,
        overlap: subsets[0].length + subsets[1].length - union.length,
        epochs,
        budget,
      },
      curve,
    };
  });
}
