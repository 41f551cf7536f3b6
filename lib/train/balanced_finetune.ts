/**
 * BTM's balanced training: the whole pre-trained model fine-tuned on one
 * few-shot balanced subset.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import type { Model } from "../models/types.ts";
import { cloneModel } from "../models/mod.ts";
import { plainConfig, runStage } from "./_run_stage.ts";
import { sgdLoopOptions } from "./_sgd_stage.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";
import type { SgdStageOptions, StageResult } from "./types.ts";
import { modelHash } from "./save_model.ts";
import { hashJson } from "./stable_hash.ts";
import { trainLoop } from "./train_loop.ts";

/** Hyperparameters of {@linkcode balancedFinetune}. */
export interface BalancedFinetuneOptions extends SgdStageOptions {
  /** Indices (into the training split) of the balanced subset. Required. */
  subset: Int32Array;
  /** Label of this fine-tune in progress reports, e.g. `btm 3/10`. */
  label?: string;
  /** Mixup α; default 0 (chosen on the validation split, issue #14: at our scale α 0 beats the paper's 0.2, "We set the α of mixup as 0.2", `btm_paper.txt:920`, by 2–4 points of validation H). */
  mixupAlpha?: number;
  /**
   * Which weights are fine-tuned: `all` (BTM: the whole model), `backbone`
   * (classifier kept fixed) or `classifier` (backbone weights fixed; batch-norm
   * running statistics still follow the subset, as PyTorch's `model.train()`
   * with frozen parameters does). Default `all`. Left out of the cache key
   * when `all`, so whole-model fine-tunes keep the key they had before this
   * option existed (BTM Table 8 compares the three).
   */
  trainable?: FinetuneTrainable;
}

/** The parts of a model {@linkcode balancedFinetune} can fine-tune. */
export type FinetuneTrainable = "all" | "backbone" | "classifier";

/** Every {@linkcode FinetuneTrainable}, in the order BTM Table 8 lists them. */
export const FINETUNE_TRAINABLES: readonly FinetuneTrainable[] = ["all", "backbone", "classifier"];

/**
 * Defaults of {@linkcode balancedFinetune}. The paper's fine-tune (BTM
 * Appendix A, `btm_paper_with_supplement.txt:333`; 30 epochs, 168): SGD
 * momentum 0.9, weight decay 5×10⁻⁴, initial lr 5×10⁻³ on Places-LT with a
 * cosine schedule, mixup α 0.2, batch 256, plain CE. Ours keeps momentum,
 * weight decay, schedule, loss and the 30 epochs, with batch 64 (a 10-shot
 * subset of 1,000 images is 16 steps an epoch, ~470 in all, near the paper's
 * ~420 on Places-LT). Chosen on the validation split (issue #14; the table is
 * `data/calibration/synth100-16-finetune-ablation.txt`: median H of 3 members
 * from the converged pre-train): lr 0.01 (val H 41.8 against 37.9 at 0.005 and
 * 41.2 at 0.02, without mixup), 10× below stage 1's like the paper's 20×, and
 * mixup α 0 (at lr 0.03, α 0 gave val H 40.3 against α 0.2's 37.9). Warm-up,
 * dropping the last batch, batch-norm momentum 0.01 and batch 128 moved val H
 * by at most 2 points; no augmentation lowered accuracy by 3.
 */
export const BALANCED_FINETUNE_DEFAULTS = {
  ...SGD_STAGE_DEFAULTS,
  epochs: 30,
  batchSize: 64,
  lr: 0.01,
  mixupAlpha: 0,
} as const satisfies Omit<BalancedFinetuneOptions, "subset">;

/**
 * Fine-tunes every weight of a copy of `model` (or only its backbone or
 * classifier, see `trainable`; batch norm in training mode) on the subset with
 * an instance sampler and cross-entropy. The input model is not changed.
 */
export async function balancedFinetune(
  model: Model,
  bench: LongTailBenchmark,
  options: BalancedFinetuneOptions,
): Promise<StageResult> {
  if (!(options.subset instanceof Int32Array) || options.subset.length === 0) {
    throw new Error(
      "Cannot fine-tune on a balanced subset: options.subset must be a non-empty Int32Array",
    );
  }
  const { subset, label, trainable: given, ...rest } = options;
  const trainable = given ?? "all";
  if (!FINETUNE_TRAINABLES.includes(trainable)) {
    throw new Error(
      `Cannot fine-tune "${trainable}": valid choices are ${FINETUNE_TRAINABLES.join(", ")}`,
    );
  }
  const o = { ...BALANCED_FINETUNE_DEFAULTS, ...plainConfig(rest) } as
    & typeof BALANCED_FINETUNE_DEFAULTS
    & SgdStageOptions
    & { mixupAlpha: number };
  const config = {
    ...plainConfig(o),
    // Only a partial fine-tune enters the key: whole-model keys stay as they were.
    ...(trainable === "all" ? {} : { trainable }),
    subsetSha256: await hashJson(subset),
    subsetSize: subset.length,
  };
  return await runStage({
    stage: "balanced-finetune",
    config,
    inputHash: await modelHash(model),
    bench,
    run: options,
    start: () => cloneModel(model),
    train: (m, resume) =>
      trainLoop(m, bench.train, {
        label: label ?? "balanced-finetune",
        trainable,
        bnMode: "train",
        indices: subset,
        sampler: "instance",
        loss: "ce",
        mixupAlpha: o.mixupAlpha,
        ...sgdLoopOptions(o),
        normalization: bench.normalization,
        onProgress: options.onProgress,
        resumePath: resume.path,
        resumeKey: resume.key,
      }),
  });
}
