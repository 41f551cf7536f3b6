/**
 * The one mapping from the experiment config to each training stage's
 * options. What a stage sees, and so its cache key, is decided here and
 * nowhere else: the pipelines and every paper section build their stages'
 * options with these functions, so two of them that run "the same stage"
 * share its cache entry by construction.
 *
 * Run options (cache, progress) are not part of the mapping: they change
 * neither the result nor the key, and the caller adds them.
 *
 * @module
 */
import type { GmlEnsembleOptions } from "../eval/mod.ts";
import type { LossOptions } from "../losses/mod.ts";
import type { FewShotSubsetsOptions } from "../samplers/mod.ts";
import {
  type BalancedFinetuneOptions,
  type BtmOptions,
  type FinetuneTrainable,
  type GmlFinetuneLoss,
  type GmlFinetuneOptions,
  gmlProtocolOptions,
  type PostTrainOptions,
  type PretrainOptions,
} from "../train/mod.ts";
import { btmMemberSeed } from "../train/mod.ts";
import { type ExperimentConfig, type MergeMetric, sgdFields } from "./config.ts";

/**
 * How a method trains its stage-1 model on the long-tailed set (BTM Tables 2–4): CE, balanced
 * softmax, CE with mixup, or GML itself (the GML paper's Table 9, "training from scratch").
 */
export type FirstStage = "ce" | "bsce" | "mixup" | "gml";

/** What a method does after stage 1 (and after BTM's merge, with BTM). */
export type SecondStage = "none" | "crt" | "las" | "gml";

/** Options of {@linkcode pretrainOptions}. */
export interface PretrainVariant {
  /**
   * A method's own stage 1 (BTM Tables 2–4): `ce` (mixup off), `bsce`
   * (balanced softmax, mixup off), `mixup` (MiSLAS' stage 1, with
   * `mixupAlpha`) or `gml` (the whole network trained with GML from scratch,
   * mixup off: the GML paper's Table 9). Default none: the pipelines' pre-training as the config
   * says (`pretrain.mixupAlpha` included), which `ce` equals when that is 0.
   */
  stage1?: FirstStage;
  /** Mixup α of the `mixup` stage 1 (> 0); required with it, unused otherwise. */
  mixupAlpha?: number;
}

/** Options of `pretrain`: the config's `pretrain` and `model` fields and the run seed. */
export function pretrainOptions(
  config: ExperimentConfig,
  variant: PretrainVariant = {},
): PretrainOptions {
  const base: PretrainOptions = {
    ...config.pretrain,
    arch: config.model.arch,
    widths: config.model.widths,
    seed: config.seed,
  };
  const stage1 = variant.stage1;
  if (stage1 === undefined) return base;
  if (stage1 === "mixup" && !(typeof variant.mixupAlpha === "number" && variant.mixupAlpha > 0)) {
    throw new RangeError(
      `Cannot run a mixup stage 1 with mixup α ${variant.mixupAlpha}: it must be > 0`,
    );
  }
  if (stage1 !== "ce" && stage1 !== "bsce" && stage1 !== "mixup" && stage1 !== "gml") {
    throw new RangeError(`Unknown stage 1 "${stage1}": valid stages are ce, bsce, mixup, gml`);
  }
  return {
    ...base,
    mixupAlpha: stage1 === "mixup" ? variant.mixupAlpha : 0,
    // Left out for `ce`, so a plain pretrain keeps the key it had before `loss` existed.
    loss: stage1 === "bsce" || stage1 === "gml" ? stage1 : undefined,
  };
}

/** Options of {@linkcode subsetOptions}. */
export interface SubsetVariant {
  /** N_D; default the config's `btm.subsets`. */
  subsets?: number;
  /** N_C; default the config's `btm.perClass`. */
  perClass?: number;
}

/**
 * Options of `fewShotSubsets` for BTM's balanced subsets: subset i depends on
 * the run seed, i and N_C only, so subset i of N_D = 2 is subset i of N_D = 20.
 */
export function subsetOptions(
  config: ExperimentConfig,
  variant: SubsetVariant = {},
): FewShotSubsetsOptions {
  return {
    subsets: variant.subsets ?? config.btm.subsets,
    perClass: variant.perClass ?? config.btm.perClass,
    seed: config.seed,
  };
}

/** Options of {@linkcode finetuneOptions}. */
export interface BalancedFinetuneVariant {
  /** Epochs; default the config's `btm.epochs` (Table 7 and the union fine-tune scale it). */
  epochs?: number;
  /** Part fine-tuned; default `all`, BTM's (Table 8 compares the others). */
  trainable?: FinetuneTrainable;
  /**
   * BTM member this fine-tune stands for: its run seed is then that member's
   * (`btmMemberSeed`), so fine-tuning BTM's subset i with it gives BTM's member i.
   * Default none: the run seed itself.
   */
  member?: number;
}

/**
 * Options of one `balancedFinetune` with BTM's fine-tune hyperparameters
 * (`btm.*`), without the subset and label: fine-tuning BTM's subset i with
 * them gives BTM's member i.
 */
export function finetuneOptions(
  config: ExperimentConfig,
  variant: BalancedFinetuneVariant = {},
): Omit<BalancedFinetuneOptions, "subset" | "label"> {
  const c = config.btm;
  return {
    ...sgdFields(c),
    epochs: variant.epochs ?? c.epochs,
    mixupAlpha: c.mixupAlpha,
    trainable: variant.trainable,
    seed: variant.member === undefined ? config.seed : btmMemberSeed(config.seed, variant.member),
  };
}

/** Options of {@linkcode btmOptions}. */
export interface BtmVariant {
  /**
   * Merge; default `uniform`, BTM's. The `btm` pipeline passes the config's
   * `btm.merge`; the sections keep BTM's uniform average (Table 6 compares
   * merges itself, from the same members).
   */
  merge?: ExperimentConfig["btm"]["merge"];
  /** Split the members and the merge are evaluated on; default `none` (keys do not depend on it). */
  evaluateOn?: "test" | "val" | "none";
  /** Part each member fine-tunes; default `all` (see {@linkcode finetuneOptions}). */
  trainable?: FinetuneTrainable;
}

/** Options of `btm`: N_D, N_C, the merge and each member's fine-tune as {@linkcode finetuneOptions}. */
export function btmOptions(config: ExperimentConfig, variant: BtmVariant = {}): BtmOptions {
  const c = config.btm;
  const mergeMetric: MergeMetric = c.mergeMetric;
  return {
    subsets: c.subsets,
    perClass: c.perClass,
    merge: variant.merge ?? "uniform",
    mergeMetric,
    evaluateOn: variant.evaluateOn ?? "none",
    seed: config.seed,
    finetune: {
      ...sgdFields(c),
      mixupAlpha: c.mixupAlpha,
      trainable: variant.trainable,
    },
  };
}

/** Options of {@linkcode postTrainOptions}. */
export interface PostTrainVariant {
  /** Epochs; default the config's `postTrain.epochs` (Table 7 scales it). */
  epochs?: number;
  /**
   * A method's own stage 2 (BTM Tables 2–4): `las` (MiSLAS: label-aware
   * smoothing, class-balanced sampling; the pipelines' stage 2 under the
   * default config) or `crt` (classifier re-drawn, CE, class-balanced
   * sampling, batch norm frozen). Default none: the config's `postTrain`.
   */
  method?: "las" | "crt";
}

/** Options of `postTrain`: the config's `postTrain` fields (or a method's stage 2) and the run seed. */
export function postTrainOptions(
  config: ExperimentConfig,
  variant: PostTrainVariant = {},
): PostTrainOptions {
  const base: PostTrainOptions = {
    ...config.postTrain,
    epochs: variant.epochs ?? config.postTrain.epochs,
    seed: config.seed,
  };
  if (variant.method === undefined) return base;
  if (variant.method === "las") return { ...base, loss: "las", sampler: "class-balanced" };
  if (variant.method === "crt") {
    return {
      ...base,
      loss: "ce",
      sampler: "class-balanced",
      bnMode: "frozen",
      resetClassifier: true,
      learnLogitScale: false,
    };
  }
  throw new RangeError(`Unknown stage 2 "${variant.method}": valid stages are las, crt`);
}

/** Options of {@linkcode gmlOptions}: the GML paper's variants of its fine-tune. */
export interface GmlVariant {
  /**
   * Loss: `gml` (default) or `gml+las`, the paper's loss on a MiSLAS model (λ·L_GML + L_LAS,
   * `gml_appendix.txt:33`).
   */
  loss?: GmlFinetuneLoss;
  /**
   * `false` drops Eq. (3)'s re-weighting by the training counts (the paper's Table 8
   * ablation); default true, GML as written.
   */
  reweight?: boolean;
  /**
   * Sampler; default `instance` (GML's). `class-balanced` is the re-sampling of Table 8's
   * "w/o re-weighting, re-sampling" row.
   */
  sampler?: "instance" | "class-balanced";
}

/** The loss options of a {@linkcode GmlVariant}; undefined for GML as written (no key change). */
function gmlLossOptions(variant: GmlVariant): LossOptions | undefined {
  if (variant.reweight === undefined || variant.reweight === true) return undefined;
  return { gmlReweight: false };
}

/**
 * Options of `gmlFinetune`: the config's `gml` SGD fields, milestones and gamma, the run seed,
 * and a variant of the paper's. The default variant is the pipelines' GML (one cache key).
 */
export function gmlOptions(config: ExperimentConfig, variant: GmlVariant = {}): GmlFinetuneOptions {
  if (variant.sampler !== undefined && !["instance", "class-balanced"].includes(variant.sampler)) {
    throw new RangeError(
      `Unknown GML sampler "${variant.sampler}": valid samplers are instance, class-balanced`,
    );
  }
  return {
    ...sgdFields(config.gml),
    milestones: [...config.gml.milestones],
    gamma: config.gml.gamma,
    seed: config.seed,
    loss: variant.loss,
    lossOptions: gmlLossOptions(variant),
    sampler: variant.sampler,
  };
}

/** Options of {@linkcode gmlBaselineOptions}. */
export interface GmlBaselineVariant {
  /**
   * The loss instead of GML (GML appendix, Table 1): `bsce`, "CE + CE (re-weighting)" (CE on
   * the re-weighted probabilities of Eq. 3, p̃_j ∝ N_j·exp(o_j), is the balanced softmax the
   * paper re-weights after, its ref. [22]), or `ce` with `class-balanced` sampling, "CE + CE
   * (re-sampling)".
   */
  loss: "bsce" | "ce";
  /** Sampler; default `instance`. */
  sampler?: "instance" | "class-balanced";
}

/**
 * Options of `postTrain` for the GML paper's "better baselines": the classifier retrained
 * exactly as {@linkcode gmlOptions}' GML fine-tune (re-initialized, frozen backbone and batch
 * norm, the same schedule and seed), with another loss and sampler.
 */
export function gmlBaselineOptions(
  config: ExperimentConfig,
  variant: GmlBaselineVariant,
): PostTrainOptions {
  if (variant?.loss !== "bsce" && variant?.loss !== "ce") {
    throw new RangeError(
      `Unknown baseline loss "${variant?.loss}" of GML's better baselines: valid losses are bsce, ce`,
    );
  }
  const { loss: _gml, lossOptions: _o, sampler: _s, ...gml } = gmlOptions(config);
  return gmlProtocolOptions({ ...gml, loss: variant.loss, sampler: variant.sampler });
}

/** Options of `gmlEnsemble`: the config's `gml` temperatures. */
export function ensembleOptions(config: ExperimentConfig): GmlEnsembleOptions {
  return { tOld: config.gml.tOld, tNew: config.gml.tNew };
}
