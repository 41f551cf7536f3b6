/**
 * BTM Tables 2–4: long-tailed methods without and with BTM on one benchmark.
 * "+ BTM" fine-tunes the method's stage-1 model on N_D balanced subsets,
 * averages the N_D models uniformly, then runs that method's own stage 2.
 *
 * @module
 */
import { loadBenchmark } from "../data/mod.ts";
import type { LongTailBenchmark } from "../data/types.ts";
import type { RecallSummary } from "../metrics/mod.ts";
import type { Model } from "../models/types.ts";
import type { ComparisonRow } from "../report/mod.ts";
import {
  type BtmResult,
  gmlFinetune,
  postTrain,
  pretrain,
  type ProgressCallback,
  type RunCache,
  type StageResult,
} from "../train/mod.ts";
import {
  facts,
  runBtmStage,
  type SectionHeader,
  sectionHeader,
  type StageFacts,
  type StageRun,
  type TestMetrics,
  testMetrics,
  timed,
} from "./_stages.ts";
import { type BtmEffect, btmEffect } from "./btm_effect.ts";
import { type ConfigOverrides, type ExperimentConfig, resolveConfig } from "./config.ts";
import { type SummaryMetric, summaryRow } from "./summary_row.ts";
import { writeSectionResult } from "./write_section_result.ts";

/** How a method trains its stage-1 model on the long-tailed set. */
export type FirstStage = "ce" | "bsce" | "mixup";

/** What a method does after stage 1 (and after BTM's merge, with BTM). */
export type SecondStage = "none" | "crt" | "las" | "gml";

/** One method of the comparison. */
export interface ComparedMethod {
  /** Name as the tables print it. */
  label: string;
  /** Stage 1: plain CE, balanced softmax, or CE with mixup. */
  stage1: FirstStage;
  /** Stage 2: none, cRT, MiSLAS' label-aware smoothing, or GML. */
  stage2: SecondStage;
  /** What it is, in one sentence. */
  description: string;
}

/** The methods we run, by registry name, in table order. */
export const COMPARED_METHODS: Readonly<Record<string, ComparedMethod>> = {
  ce: {
    label: "CE",
    stage1: "ce",
    stage2: "none",
    description: "Cross-entropy with an instance sampler on the long-tailed set.",
  },
  bsce: {
    label: "BSCE",
    stage1: "bsce",
    stage2: "none",
    description: "Balanced softmax (logits shifted by log class priors) instead of CE.",
  },
  crt: {
    label: "cRT",
    stage1: "ce",
    stage2: "crt",
    description:
      "CE stage 1, then the classifier re-drawn and retrained with CE and a class-balanced sampler, backbone and batch norm frozen.",
  },
  mislas: {
    label: "MiSLAS",
    stage1: "mixup",
    stage2: "las",
    description:
      "Mixup stage 1, then the classifier retrained with label-aware smoothing and a class-balanced sampler, batch-norm statistics re-estimated.",
  },
  gml: {
    label: "GML",
    stage1: "ce",
    stage2: "gml",
    description:
      "CE stage 1, then the classifier retrained with the geometric-mean loss, backbone and batch norm frozen.",
  },
};

/** Methods of the paper's tables that we do not implement (rows with `ours: null`). */
export const UNIMPLEMENTED_METHODS: readonly string[] = ["PaCo", "GPaCo", "RIDE", "DiVE", "BBN"];

/** The metrics of the tables, in column order: the headline four, then the shot groups. */
export const METHOD_COMPARISON_METRICS: readonly SummaryMetric[] = [
  "harmonicMean",
  "geometricMean",
  "lowestRecall",
  "accuracy",
  "many",
  "medium",
  "few",
];

/** Options of {@linkcode methodComparison}. */
export interface MethodComparisonOptions {
  /** Experiment preset; default `default`. */
  preset?: string;
  /**
   * Config overrides after the preset; default none. `data` picks the
   * benchmark (e.g. `synth-places`); the epochs of every stage come from here.
   */
  overrides?: ConfigOverrides;
  /** Registry names of the methods to run, in order; default every one of {@linkcode COMPARED_METHODS}. */
  methods?: readonly string[];
  /**
   * Mixup α of the `mixup` stage 1 (MiSLAS); default 0.2, MiSLAS' ImageNet-LT
   * and Places-LT value (CIFAR: 1.0).
   */
  mixupAlpha?: number;
  /** Results file stem; default `method-comparison-<data preset>`. */
  name?: string;
  /** Run cache; default `new RunCache()` (data/cache/runs/); `false` trains afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal/notebook printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /** Folder of the results JSON; default `resultsDir()`; `null` writes nothing. */
  out?: string | null;
}

/** One evaluated model: a method without or with BTM. */
export interface MethodRun extends TestMetrics {
  /** Registry name of the method. */
  method: string;
  /** Printed name, e.g. `cRT + BTM`. */
  label: string;
  /** Whether BTM ran between stage 1 and stage 2. */
  btm: boolean;
  /** The stage-1 model's stage. */
  stage1: StageFacts;
  /** Cache keys of BTM's fine-tunes, and how many were loaded from the cache, with BTM. */
  btmMembers?: { keys: string[]; fromCache: number };
  /** The stage-2 stage, when the method has one. */
  stage2?: StageFacts;
}

/** Results of {@linkcode methodComparison} (written as `<name>-<preset>-seed<seed>.json`). */
export interface MethodComparisonResult extends SectionHeader {
  /** Section name. */
  section: "method-comparison";
  /** The methods run, with their definitions. */
  methods: (ComparedMethod & { name: string })[];
  /** Every evaluated model: each method without, then with BTM. */
  runs: MethodRun[];
  /**
   * Rows of `comparisonTable` (metrics {@linkcode METHOD_COMPARISON_METRICS}):
   * each method, then "+ BTM", then the unimplemented methods with `ours: null`.
   */
  table: ComparisonRow[];
  /** What BTM changed, method by method, and the counts. */
  effect: BtmEffect;
  /** MiSLAS' stage-1 mixup α used. */
  mixupAlpha: number;
  /** Wall-clock seconds: data, stage1, btm, stage2, eval, total. */
  timings: Record<string, number>;
  /** Path of the JSON written, if any. */
  path?: string;
}

function firstStage(
  kind: FirstStage,
  config: ExperimentConfig,
  bench: LongTailBenchmark,
  run: StageRun & { mixupAlpha: number },
): Promise<StageResult> {
  // The same fields as the `btm` pipeline's pretrain, so `ce` shares its cache key.
  return pretrain(bench, {
    ...config.pretrain,
    mixupAlpha: kind === "mixup" ? run.mixupAlpha : 0,
    loss: kind === "bsce" ? "bsce" : undefined,
    arch: config.model.arch,
    widths: config.model.widths,
    seed: config.seed,
    cache: run.cache,
    onProgress: run.onProgress,
  });
}

function secondStage(
  kind: SecondStage,
  model: Model,
  config: ExperimentConfig,
  bench: LongTailBenchmark,
  run: StageRun,
): Promise<StageResult> | undefined {
  const common = { seed: config.seed, cache: run.cache, onProgress: run.onProgress };
  if (kind === "none") return undefined;
  if (kind === "crt") {
    // cRT: re-drawn classifier, CE, class-balanced sampling, batch norm frozen.
    return postTrain(model, bench, {
      ...config.postTrain,
      loss: "ce",
      sampler: "class-balanced",
      bnMode: "frozen",
      resetClassifier: true,
      learnLogitScale: false,
      ...common,
    });
  }
  if (kind === "las") {
    // MiSLAS stage 2 as the `btm` pipeline runs it (same options, same cache key by default).
    return postTrain(model, bench, {
      ...config.postTrain,
      loss: "las",
      sampler: "class-balanced",
      ...common,
    });
  }
  const g = config.gml;
  return gmlFinetune(model, bench, {
    epochs: g.epochs,
    batchSize: g.batchSize,
    lr: g.lr,
    momentum: g.momentum,
    weightDecay: g.weightDecay,
    ...common,
  });
}

function checkMethods(methods: readonly string[]): void {
  if (!Array.isArray(methods) || methods.length === 0) {
    throw new RangeError(`Cannot compare methods ${methods}: give at least one method name`);
  }
  for (const m of methods) {
    if (!Object.hasOwn(COMPARED_METHODS, m)) {
      throw new RangeError(
        `Unknown method "${m}": valid methods are ${Object.keys(COMPARED_METHODS).join(", ")}`,
      );
    }
  }
}

/**
 * Runs each method without and with BTM on the config's benchmark and
 * evaluates every resulting model on the test split. Stage-1 models and BTM
 * merges are shared between methods that share a stage 1 (CE, cRT and GML),
 * and every stage is cached. Nothing is selected on test.
 */
export async function methodComparison(
  options: MethodComparisonOptions = {},
): Promise<MethodComparisonResult> {
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  const methods = options.methods ?? Object.keys(COMPARED_METHODS);
  checkMethods(methods);
  const mixupAlpha = options.mixupAlpha ?? 0.2;
  if (!(mixupAlpha > 0) || !Number.isFinite(mixupAlpha)) {
    throw new RangeError(`Cannot run MiSLAS' stage 1 with mixup α ${mixupAlpha}: it must be > 0`);
  }
  const run = { cache: options.cache, onProgress: options.onProgress };
  const timings: Record<string, number> = {};
  const started = performance.now();
  const bench = await timed(timings, "data", () => loadBenchmark(config.data));
  const stage1 = new Map<FirstStage, StageResult>();
  const merges = new Map<FirstStage, BtmResult>();
  const runs: MethodRun[] = [];
  try {
    for (const name of methods) {
      const m = COMPARED_METHODS[name];
      let s1 = stage1.get(m.stage1);
      if (!s1) {
        s1 = await timed(
          timings,
          "stage1",
          () => firstStage(m.stage1, config, bench, { ...run, mixupAlpha }),
        );
        stage1.set(m.stage1, s1);
      }
      for (const withBtm of [false, true]) {
        let merge: BtmResult | undefined;
        if (withBtm) {
          merge = merges.get(m.stage1);
          if (!merge) {
            merge = await timed(
              timings,
              "btm",
              () => runBtmStage(s1.model, { config, bench, ...run }),
            );
            merges.set(m.stage1, merge);
          }
        }
        const start = merge ? merge.model : s1.model;
        const s2 = await timed(
          timings,
          "stage2",
          async () => await secondStage(m.stage2, start, config, bench, run),
        );
        try {
          const test = await timed(timings, "eval", () => testMetrics(s2?.model ?? start, bench));
          runs.push({
            method: name,
            label: withBtm ? `${m.label} + BTM` : m.label,
            btm: withBtm,
            stage1: facts(s1),
            btmMembers: merge
              ? {
                keys: merge.members.map((b) => b.key),
                fromCache: merge.members.filter((b) => b.fromCache).length,
              }
              : undefined,
            stage2: s2 ? facts(s2) : undefined,
            ...test,
          });
        } finally {
          s2?.model.dispose();
        }
      }
    }
  } finally {
    for (const s of stage1.values()) s.model.dispose();
    for (const b of merges.values()) b.model.dispose();
  }
  const summaryOf = (name: string, withBtm: boolean): RecallSummary =>
    runs.find((r) => r.method === name && r.btm === withBtm)!.summary;
  const effect = btmEffect(
    methods.map((name) => ({
      method: COMPARED_METHODS[name].label,
      base: summaryOf(name, false),
      btm: summaryOf(name, true),
    })),
  );
  const table: ComparisonRow[] = [
    ...runs.map((r) => summaryRow(r.label, r.summary, { metrics: METHOD_COMPARISON_METRICS })),
    ...UNIMPLEMENTED_METHODS.map((method) => ({ method, ours: null })),
  ];
  timings.total = (performance.now() - started) / 1000;
  const result: MethodComparisonResult = {
    section: "method-comparison",
    ...sectionHeader(preset, config, bench),
    methods: methods.map((name) => ({ name, ...COMPARED_METHODS[name] })),
    runs,
    table,
    effect,
    mixupAlpha,
    timings,
  };
  if (options.out !== null) {
    const name = options.name ?? `method-comparison-${config.data}`;
    result.path = await writeSectionResult(name, result, { out: options.out });
  }
  return result;
}
