/**
 * The one experiment configuration: every knob of every pipeline with its
 * default, unit and the paper's value, and the presets that override it.
 *
 * @module
 */
import type { RecallSummary } from "../metrics/mod.ts";

/** SGD hyperparameters of one stage. */
export interface SgdConfig {
  /** Passes over the stage's sampler. */
  epochs: number;
  /** Images per batch. */
  batchSize: number;
  /** Peak learning rate (cosine schedule to 0). */
  lr: number;
  /** Momentum. */
  momentum: number;
  /** L2 weight decay on every weight. */
  weightDecay: number;
}

/** Everything an experiment run depends on. */
export interface ExperimentConfig {
  /** Data preset for `loadBenchmark` (e.g. `tiny`, `synth100-16`). */
  data: string;
  /** Run seed: every random stream derives from it by name. */
  seed: number;
  /** Model architecture and widths. */
  model: { arch: string; widths?: number[] };
  /** Stage 1 (plain CE on the long-tailed set) plus mixup α (0 = off). */
  pretrain: SgdConfig & { mixupAlpha: number };
  /** BTM: N_D subsets of N_C images per class, fine-tune hyperparameters, merge. */
  btm: SgdConfig & {
    subsets: number;
    perClass: number;
    mixupAlpha: number;
    merge: "uniform" | "greedy" | "adaptive";
    mergeMetric: "harmonicMean" | "geometricMean" | "accuracy" | "lowestRecall";
  };
  /** Post-training of the classifier (cRT / MiSLAS stage 2). */
  postTrain: SgdConfig & { loss: string; sampler: string; learnLogitScale: boolean };
  /** GML classifier retraining and its ensemble temperatures. */
  gml: SgdConfig & { tOld: number; tNew: number };
}

/**
 * Defaults, sized for the `synth100-16` preset (~10.8k 16×16 images, 100
 * classes) on 2 CPU cores; the paper's values are given beside each.
 */
export const DEFAULT_CONFIG: ExperimentConfig = {
  data: "synth100-16",
  seed: 0,
  // Papers: ResNet-32 (CIFAR), ResNet-50/152 (ImageNet-LT/Places-LT); ResNet-8 fits 2 cores.
  model: { arch: "resnet8" },
  pretrain: {
    epochs: 12, // epochs; paper 180 (ImageNet-LT) / 200 (CIFAR); scaled: ~130k images, measured ~300 img/s on 2-core wasm.
    batchSize: 128, // images; MiSLAS CIFAR 128, ImageNet-LT 256.
    lr: 0.1, // MiSLAS/BTM 0.1.
    momentum: 0.9, // papers 0.9.
    weightDecay: 5e-4, // BTM/MiSLAS 5e-4.
    mixupAlpha: 0, // plain CE; MiSLAS stage 1 uses 0.2 (ImageNet-LT) / 1.0 (CIFAR).
  },
  btm: {
    subsets: 10, // N_D; BTM 10.
    perClass: 10, // N_C images per class; BTM 10 (also 5, 15).
    epochs: 10, // epochs over the subset; BTM's config keeps stage 1's 180 — scaled: 10 × 1000 images per fine-tune.
    batchSize: 128, // images; BTM 256 (a 1000-image subset would be 4 batches).
    lr: 0.1, // BTM fine-tune config 0.1 (cosine).
    momentum: 0.9, // BTM 0.9.
    weightDecay: 5e-4, // BTM 5e-4.
    mixupAlpha: 0.2, // BTM fine-tune config mixup α 0.2.
    merge: "uniform", // BTM: uniform average (ratio 1/N_D).
    mergeMetric: "harmonicMean", // score for greedy/adaptive merges (on val only).
  },
  postTrain: {
    epochs: 10, // MiSLAS stage 2 / cRT: 10.
    batchSize: 128, // MiSLAS CIFAR 128; ImageNet-LT 256 (cRT 512).
    lr: 0.1, // MiSLAS stage 2 0.1 (cRT 0.2 at batch 512).
    momentum: 0.9,
    weightDecay: 5e-4,
    loss: "las", // BTM's stage 2 is MiSLAS (LAS); cRT is `ce`.
    sampler: "class-balanced", // cRT / MiSLAS class-balanced sampling.
    learnLogitScale: false,
  },
  gml: {
    epochs: 10, // classifier retraining budget as MiSLAS stage 2.
    batchSize: 128,
    lr: 0.1,
    momentum: 0.9,
    weightDecay: 5e-4,
    tOld: 1, // ensemble temperature of the original model's logits.
    tNew: 1, // ensemble temperature of the GML model's logits.
  },
};

/** A partial config: any field may be overridden, nested objects field by field. */
export type ConfigOverrides = {
  [K in keyof ExperimentConfig]?: ExperimentConfig[K] extends object ? Partial<ExperimentConfig[K]>
    : ExperimentConfig[K];
};

/**
 * Presets by name: `default` (the defaults) and `smoke` (the tiny data set
 * and very few epochs: checks that a pipeline runs end to end in seconds).
 */
export const EXPERIMENT_PRESETS: Readonly<Record<string, ConfigOverrides>> = {
  default: {},
  smoke: {
    data: "tiny",
    pretrain: { epochs: 2, batchSize: 32 },
    btm: { subsets: 2, perClass: 4, epochs: 2, batchSize: 32 },
    postTrain: { epochs: 1, batchSize: 32 },
    gml: { epochs: 1, batchSize: 32 },
  },
};

/** Applies overrides to a config, nested objects field by field. */
export function mergeConfig(base: ExperimentConfig, overrides: ConfigOverrides): ExperimentConfig {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!(key in base)) {
      throw new Error(
        `Cannot override "${key}": valid fields are ${Object.keys(base).join(", ")}`,
      );
    }
    const current = out[key];
    if (
      current && typeof current === "object" && !Array.isArray(current) && typeof value === "object"
    ) {
      for (const sub of Object.keys(value as object)) {
        if (!(sub in (current as object))) {
          if (key === "model" && sub === "widths") continue;
          throw new Error(
            `Cannot override "${key}.${sub}": valid fields are ${
              Object.keys(current as object).join(", ")
            }`,
          );
        }
      }
      out[key] = { ...(current as object), ...(value as object) };
    } else {
      out[key] = value;
    }
  }
  return out as unknown as ExperimentConfig;
}

/** Resolves a preset (and optional further overrides) to a validated config. */
export function resolveConfig(
  preset = "default",
  overrides: ConfigOverrides = {},
): ExperimentConfig {
  if (!Object.hasOwn(EXPERIMENT_PRESETS, preset)) {
    throw new Error(
      `Unknown preset "${preset}": valid presets are ${Object.keys(EXPERIMENT_PRESETS).join(", ")}`,
    );
  }
  const config = mergeConfig(mergeConfig(DEFAULT_CONFIG, EXPERIMENT_PRESETS[preset]), overrides);
  validateConfig(config);
  return config;
}

const METRICS: readonly (keyof RecallSummary)[] = [
  "harmonicMean",
  "geometricMean",
  "accuracy",
  "lowestRecall",
];

/** Throws an error naming the first invalid field of a config. */
export function validateConfig(config: ExperimentConfig): void {
  const positiveInt = (path: string, v: unknown) => {
    if (!Number.isInteger(v) || (v as number) < 1) {
      throw new RangeError(`Invalid config: ${path} = ${v} must be a positive integer`);
    }
  };
  const nonNegative = (path: string, v: unknown) => {
    if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(`Invalid config: ${path} = ${v} must be a finite number >= 0`);
    }
  };
  if (typeof config.data !== "string" || config.data === "") {
    throw new RangeError(`Invalid config: data = ${config.data} must name a data preset`);
  }
  if (!Number.isInteger(config.seed) || config.seed < 0) {
    throw new RangeError(`Invalid config: seed = ${config.seed} must be an integer >= 0`);
  }
  for (const stage of ["pretrain", "btm", "postTrain", "gml"] as const) {
    const s = config[stage];
    positiveInt(`${stage}.epochs`, s.epochs);
    positiveInt(`${stage}.batchSize`, s.batchSize);
    nonNegative(`${stage}.lr`, s.lr);
    nonNegative(`${stage}.weightDecay`, s.weightDecay);
    if (!(s.momentum >= 0 && s.momentum < 1)) {
      throw new RangeError(`Invalid config: ${stage}.momentum = ${s.momentum} must be in [0, 1)`);
    }
  }
  nonNegative("pretrain.mixupAlpha", config.pretrain.mixupAlpha);
  nonNegative("btm.mixupAlpha", config.btm.mixupAlpha);
  positiveInt("btm.subsets", config.btm.subsets);
  positiveInt("btm.perClass", config.btm.perClass);
  if (!["uniform", "greedy", "adaptive"].includes(config.btm.merge)) {
    throw new RangeError(
      `Invalid config: btm.merge = ${config.btm.merge}; valid merges are uniform, greedy, adaptive`,
    );
  }
  if (!METRICS.includes(config.btm.mergeMetric)) {
    throw new RangeError(
      `Invalid config: btm.mergeMetric = ${config.btm.mergeMetric}; valid: ${METRICS.join(", ")}`,
    );
  }
  for (const t of ["tOld", "tNew"] as const) {
    if (!(config.gml[t] > 0)) {
      throw new RangeError(`Invalid config: gml.${t} = ${config.gml[t]} must be > 0`);
    }
  }
}
