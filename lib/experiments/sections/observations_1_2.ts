/**
 * BTM Observations 1 and 2 (Figure 1): the pre-trained model f, one balanced
 * few-shot fine-tune f^D, and the models f_λ = λ·f^D + (1−λ)·f between them.
 *
 * @module
 */
import { DEFAULT_LAMBDAS, interpolationCurve, type InterpolationPoint } from "../../eval/mod.ts";
import { drawSubsets, facts, runFinetune, runPretrain } from "../_stages.ts";
import { runSection } from "../section.ts";
import type { SectionOptions, SectionResult, StageFacts } from "../section.ts";

/** Options of {@linkcode observations12}. */
export interface Observations12Options extends SectionOptions {
  /**
   * Which of BTM's balanced subsets is D; default 0, so f^D is the first
   * member of the `btm` pipeline's merge and comes from the same cache entry.
   */
  subsetIndex?: number;
  /** λ grid; default 0, 0.1, …, 1. */
  lambdas?: readonly number[];
}

/** Results of {@linkcode observations12} (written as `observations-1-2-<preset>-seed<seed>.json`). */
export interface Observations12Result extends SectionResult<"observations-1-2"> {
  /** The pre-trained model f (stage 1 of the `btm` pipeline). */
  pretrain: StageFacts;
  /** The balanced fine-tune f^D: BTM's subset `subsetIndex`, its size in images. */
  finetune: StageFacts & { subsetIndex: number; subsetSize: number };
  /** Test metrics of f_λ = λ·f^D + (1−λ)·f: λ = 0 is f, λ = 1 is f^D. */
  curve: InterpolationPoint[];
}

/**
 * Runs (or loads from the cache) the `btm` pipeline's pre-trained model f and
 * the balanced fine-tune on BTM's subset `subsetIndex`, then evaluates the
 * weight interpolation f_λ = λ·f^D + (1−λ)·f (every variable by name,
 * batch-norm statistics included) on the test split for each λ.
 */
export async function observations12(
  options: Observations12Options = {},
): Promise<Observations12Result> {
  const subsetIndex = options.subsetIndex ?? 0;
  return await runSection("observations-1-2", options, async (ctx) => {
    const n = ctx.config.btm.subsets;
    if (!Number.isInteger(subsetIndex) || subsetIndex < 0 || subsetIndex >= n) {
      throw new RangeError(
        `Cannot use balanced subset ${subsetIndex}: BTM draws subsets 0..${
          n - 1
        } (btm.subsets = ${n})`,
      );
    }
    const subset = drawSubsets(ctx)[subsetIndex];
    const f = await runPretrain(ctx);
    const fD = await runFinetune(ctx, f.model, {
      subset,
      label: `f^D (subset ${subsetIndex})`,
      member: subsetIndex,
    });
    const lambdas = options.lambdas ?? DEFAULT_LAMBDAS;
    const curve = await ctx.time(
      "curve",
      () => interpolationCurve({ a: fD.model, b: f.model }, ctx.bench, { lambdas }),
    );
    return {
      pretrain: facts(f),
      finetune: { ...facts(fD), subsetIndex, subsetSize: subset.length },
      curve,
    };
  });
}
