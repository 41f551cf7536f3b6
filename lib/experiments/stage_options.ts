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
import type { FewShotSubsetsOptions } from "../samplers/mod.ts";
import type {
  BalancedFinetuneOptions,
  BtmOptions,
  FinetuneTrainable,
  GmlFinetuneOptions,
  PostTrainOptions,
  PretrainOptions,
} from "../train/mod.ts";
import { btmMemberSeed } from "../train/mod.ts";
import { type ExperimentConfig, type MergeMetric, sgdFields } from "./config.ts";

/** How a method trains its stage-1 model on the long-tailed set (BTM Tables 2–4). */
export type FirstStage = "ce" | "bsce" | "mixup";

/** What a method does after stage 1 (and after BTM's merge, with BTM). */
export type SecondStage = "none" | "crt" | "las" | "gml";

/** Options of {@linkcode pretrainOptions}. */
export interface PretrainVariant {
  /**
   * A method's own stage 1 (BTM Tables 2–4): `ce` (mixup off), `bsce`
   * (balanced softmax, mixup off) or `mixup` (MiSLAS' stage 1, with
   * `mixupAlpha`). Default none: the pipelines' pre-training as the config
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
  if (stage1 !== "ce" && stage1 !== "bsce" && stage1 !== "mixup") {
    throw new RangeError(`Unknown stage 1 "${stage1}": valid stages are ce, bsce, mixup`);
  }
  return {
    ...base,
    mixupAlpha: stage1 === "mixup" ? variant.mixupAlpha : 0,
    // Left out for `ce`, so a plain pretrain keeps the key it had before `loss` existed.
    loss: stage1 === "bsce" ? "bsce" : undefined,
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

/** Options of `gmlFinetune`: the config's `gml` SGD fields and the run seed. */
export function gmlOptions(config: ExperimentConfig): GmlFinetuneOptions {
  return { ...sgdFields(config.gml), seed: config.seed };
}

/** Options of `gmlEnsemble`: the config's `gml` temperatures. */
export function ensembleOptions(config: ExperimentConfig): GmlEnsembleOptions {
  return { tOld: config.gml.tOld, tNew: config.gml.tNew };
}
