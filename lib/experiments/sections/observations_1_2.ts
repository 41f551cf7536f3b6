/**
 * BTM Observations 1 and 2 (Figure 1), as the paper ran them: the stage-1
 * model f, its fine-tune f^D on one randomly sampled 5-shot balanced subset D
 * (`btm_paper.txt:309`: "randomly sample a 5-shot balanced dataset D from the
 * training data. Then we fine-tune f using D for 30 epochs"), and the models
 * f_λ = λ·f^D + (1−λ)·f between them.
 *
 * @module
 */
import { DEFAULT_LAMBDAS, interpolationCurve, type InterpolationPoint } from "../../eval/mod.ts";
import { paperNumber } from "../../paper/mod.ts";
import { drawSubsets, facts, runFinetune, runPretrain } from "../_stages.ts";
import { runSection } from "../section.ts";
import type { SectionContext, SectionOptions, SectionResult, StageFacts } from "../section.ts";

/**
 * Images per class of the Observations' balanced subsets: the paper's 5
 * shots (`paperNumber("btm-obs1", "shots")`, `btm_paper.txt:309`), not BTM's
 * N_C (10).
 */
export const OBSERVATION_SHOTS: number = paperNumber("btm-obs1", "shots");

/**
 * How many 5-shot subsets the Observations draw: D_A and D_B of Observations
 * 3–4; D of Observations 1–2 is D_A (as in the paper, whose f^{D_A} has f^D's
 * numbers, 26.37 / 32.98), so f^D and f^{D_A} share one cache entry.
 */
export const OBSERVATION_SUBSETS = 2;

/** The Observations' balanced subsets: `OBSERVATION_SUBSETS` of `perClass` images per class. */
export function observationSubsets(
  ctx: SectionContext,
  perClass: number,
  count = OBSERVATION_SUBSETS,
): Int32Array[] {
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new RangeError(`Cannot draw balanced subsets of ${perClass} images per class`);
  }
  return drawSubsets(ctx, { subsets: Math.max(count, OBSERVATION_SUBSETS), perClass });
}

/** Options of {@linkcode observations12}. */
export interface Observations12Options extends SectionOptions {
  /**
   * Images per class of D; default {@linkcode OBSERVATION_SHOTS} (the paper's 5).
   */
  perClass?: number;
  /**
   * Which of the balanced subsets is D; default 0 (D_A of Observations 3–4,
   * sharing its fine-tune through the cache).
   */
  subsetIndex?: number;
  /** λ grid; default 0, 0.1, …, 1. */
  lambdas?: readonly number[];
}

/** Results of {@linkcode observations12} (written as `observations-1-2-<preset>-seed<seed>.json`). */
export interface Observations12Result extends SectionResult<"observations-1-2"> {
  /** The pre-trained model f (stage 1 of the `btm` pipeline). */
  pretrain: StageFacts;
  /** The balanced fine-tune f^D: subset number, images per class, size in images. */
  finetune: StageFacts & { subsetIndex: number; perClass: number; subsetSize: number };
  /** Test metrics of f_λ = λ·f^D + (1−λ)·f: λ = 0 is f, λ = 1 is f^D. */
  curve: InterpolationPoint[];
}

/**
 * Runs (or loads from the cache) the `btm` pipeline's pre-trained model f
 * (stage 1) and its balanced fine-tune on subset `subsetIndex` of `perClass`
 * images per class (BTM's fine-tune hyperparameters), then evaluates the
 * weight interpolation f_λ = λ·f^D + (1−λ)·f (every variable by name,
 * batch-norm statistics included) on the test split for each λ.
 */
export async function observations12(
  options: Observations12Options = {},
): Promise<Observations12Result> {
  const subsetIndex = options.subsetIndex ?? 0;
  const perClass = options.perClass ?? OBSERVATION_SHOTS;
  if (!Number.isInteger(subsetIndex) || subsetIndex < 0) {
    throw new RangeError(
      `Cannot use balanced subset ${subsetIndex}: give a subset number, an integer >= 0`,
    );
  }
  return await runSection("observations-1-2", options, async (ctx) => {
    const subset = observationSubsets(ctx, perClass, subsetIndex + 1)[subsetIndex];
    const f = await runPretrain(ctx);
    const fD = await runFinetune(ctx, f.model, {
      subset,
      label: `f^D (${perClass}-shot subset ${subsetIndex})`,
      member: subsetIndex,
    });
    const lambdas = options.lambdas ?? DEFAULT_LAMBDAS;
    const curve = await ctx.time(
      "curve",
      () => interpolationCurve({ a: fD.model, b: f.model }, ctx.bench, { lambdas }),
    );
    return {
      pretrain: facts(f),
      finetune: { ...facts(fD), subsetIndex, perClass, subsetSize: subset.length },
      curve,
    };
  });
}
