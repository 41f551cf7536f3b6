/**
 * GML (*No One Left Behind*, Algorithm 1): freeze the backbone of a pre-trained model,
 * re-initialize its classifier and re-train it with the geometric-mean loss, so the old and the
 * new classifier share one feature extractor and can be ensembled (Eq. 11).
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import type { Model } from "../models/types.ts";
import { seedFor } from "../random/mod.ts";
import { postTrain, type PostTrainOptions } from "./post_train.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";
import type { StageResult } from "./types.ts";

/**
 * The losses a GML fine-tune trains with: `gml` (Eqs. 1–3) or `gml+las`, λ·L_GML + L_LAS, the
 * paper's loss when the pre-trained model is MiSLAS' (a two-stage method with its own
 * label-aware smoothing; `gml_appendix.txt:33`).
 */
export const GML_FINETUNE_LOSSES = ["gml", "gml+las"] as const;

/** A name of {@linkcode GML_FINETUNE_LOSSES}. */
export type GmlFinetuneLoss = typeof GML_FINETUNE_LOSSES[number];

/** Hyperparameters of {@linkcode gmlFinetune}. */
export interface GmlFinetuneOptions extends Omit<PostTrainOptions, "loss" | "resetSeed"> {
  /** `gml` (default) or `gml+las` (see {@linkcode GML_FINETUNE_LOSSES}). */
  loss?: GmlFinetuneLoss;
}

/**
 * Defaults of {@linkcode gmlFinetune}: the paper's fine-tuning stage on CIFAR100-LT
 * (`gml_appendix.txt:22`): 40 epochs, SGD with momentum 0.9 and weight decay 5×10⁻⁴, lr
 * 5×10⁻² multiplied by 0.2 after 10 epochs (a step schedule with milestone 10: the tenth
 * epoch is the last at the initial rate, as PyTorch's `MultiStepLR([10])` stepped per epoch),
 * batch 128, random crop with 4-pixel padding and horizontal flip (`makeBatch`'s default
 * padding is width / 8: 4 px at 32×32, 2 px on the 16×16 stand-ins). ImageNet-LT and
 * Places-LT (`gml_appendix.txt:33`) differ only in batch 512 and the decrease at epoch 20.
 *
 * The method (`gml_paper.txt:87`, Algorithm 1 steps 3–4): the classifier is re-initialized
 * (`resetClassifier: true`) and only it trains; the backbone is frozen, batch norm included
 * (`bnMode: "frozen"`): the paper's ensemble applies the old classifier to the new model's
 * features ("since we re-initialize the classifier during fine-tuning and the backbone is kept
 * frozen, the old classifier is still usable during inference", `gml_paper.txt:140`), which
 * holds only if the running statistics stay as they were. The sampler is the plain instance
 * sampler: GML re-weights classes itself (Eq. 3), and the paper names no re-sampling except as
 * the ablation of its Table 8.
 */
export const GML_FINETUNE_DEFAULTS = {
  ...SGD_STAGE_DEFAULTS,
  epochs: 40,
  lr: 0.05,
  schedule: "step",
  milestones: [10],
  gamma: 0.2,
  loss: "gml",
  sampler: "instance",
  bnMode: "frozen",
  resetClassifier: true,
  learnLogitScale: false,
} as const satisfies GmlFinetuneOptions;

/**
 * Retrains the classifier of a copy of `model` with GML (or `gml+las`): by default
 * re-initialized (seeded by `seedFor(seed, "gml", "classifier")`, a stream of its own),
 * backbone and batch norm frozen, the paper's schedule ({@linkcode GML_FINETUNE_DEFAULTS}).
 * `resetClassifier: false` continues from the model's classifier instead. The input model is
 * not changed. The stage is keyed `post-train-gml-…` (`post-train-gml-las-…`); milestones and
 * gamma are left out of the key when the schedule is not `step` (they do not act then).
 */
export async function gmlFinetune(
  model: Model,
  bench: LongTailBenchmark,
  options: GmlFinetuneOptions = {},
): Promise<StageResult> {
  const loss = options.loss ?? GML_FINETUNE_DEFAULTS.loss;
  if (!(GML_FINETUNE_LOSSES as readonly string[]).includes(loss)) {
    throw new RangeError(
      `Cannot fine-tune with GML using the loss "${loss}": valid losses are ${
        GML_FINETUNE_LOSSES.join(", ")
      }`,
    );
  }
  return await postTrain(model, bench, gmlProtocolOptions(options));
}

/** Options of {@linkcode gmlProtocolOptions}: a GML fine-tune's, with any registered loss. */
export interface GmlProtocolOptions extends Omit<GmlFinetuneOptions, "loss"> {
  /** Loss registry name; default `gml`. */
  loss?: string;
}

/**
 * The `postTrain` options of a classifier retraining run exactly as {@linkcode gmlFinetune}
 * runs it, with `options` over {@linkcode GML_FINETUNE_DEFAULTS} and the re-drawn classifier's
 * seed `seedFor(seed, "gml", "classifier")`; milestones and gamma dropped unless the schedule is
 * `step`. With a loss other than GML it is the paper's "better baselines" (GML appendix 3.1:
 * "instead of using the proposed GML, we use either balanced cross-entropy or pure
 * cross-entropy but combined with a balanced sampler. All the other settings remain
 * unchanged.").
 */
export function gmlProtocolOptions(options: GmlProtocolOptions = {}): PostTrainOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...GML_FINETUNE_DEFAULTS, ...given } as PostTrainOptions;
  if (o.schedule !== "step") {
    delete o.milestones;
    delete o.gamma;
  }
  if (o.resetClassifier) o.resetSeed = seedFor(o.seed!, "gml", "classifier");
  return o;
}
