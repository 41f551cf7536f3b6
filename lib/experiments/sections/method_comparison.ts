/**
 * BTM Tables 2–4: long-tailed methods on one benchmark, and BTM applied where
 * the paper applies it: to the two-stage MiSLAS pipeline (the paper's
 * "MiSLAS + BTM" rows; its other "+ BTM" rows are PaCo and GPaCo, which we do
 * not implement). "+ BTM" fine-tunes the method's stage-1 model on N_D
 * balanced subsets, averages the N_D models uniformly, then runs that
 * method's own stage 2. CE, BSCE and cRT stay baseline rows, as in the paper.
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";
import type { Model } from "../../models/types.ts";
import type { ComparisonRow } from "../../report/mod.ts";
import type { BtmResult, StageResult } from "../../train/mod.ts";
import { type BtmEffect, btmEffect } from "../analysis/btm_effect.ts";
import { type SummaryMetric, summaryRow, TABLE_METRICS } from "../analysis/summary_row.ts";
import { type ConfigOverrides, resolveConfig } from "../config.ts";
import { facts, metricsOf, runBtm, runGml, runPostTrain, runPretrain } from "../_stages.ts";
import { runSection } from "../section.ts";
import type { SectionContext, SectionOptions, SectionResult } from "../section.ts";
import type { StageFacts, TestMetrics } from "../section.ts";
import type { FirstStage, SecondStage } from "../stage_options.ts";

export type { FirstStage, SecondStage } from "../stage_options.ts";

/** One method of the comparison. */
export interface ComparedMethod {
  /** Name as the tables print it. */
  label: string;
  /** Stage 1: plain CE, balanced softmax, or CE with mixup. */
  stage1: FirstStage;
  /** Stage 2: none, cRT, MiSLAS' label-aware smoothing, or GML. */
  stage2: SecondStage;
  /** Whether the comparison also runs it with BTM (the paper applies BTM to MiSLAS, PaCo and GPaCo only). */
  withBtm: boolean;
  /** What it is, in one sentence. */
  description: string;
}

/** The methods we run, by registry name, in table order. */
export const COMPARED_METHODS: Readonly<Record<string, ComparedMethod>> = {
  ce: {
    label: "CE",
    stage1: "ce",
    stage2: "none",
    withBtm: false,
    description: "Cross-entropy with an instance sampler on the long-tailed set.",
  },
  bsce: {
    label: "BSCE",
    stage1: "bsce",
    stage2: "none",
    withBtm: false,
    description: "Balanced softmax (logits shifted by log class priors) instead of CE.",
  },
  crt: {
    label: "cRT",
    stage1: "ce",
    stage2: "crt",
    withBtm: false,
    description:
      "CE stage 1, then the classifier re-drawn and retrained with CE and a class-balanced sampler, backbone and batch norm frozen.",
  },
  mislas: {
    label: "MiSLAS",
    stage1: "mixup",
    stage2: "las",
    withBtm: true,
    description:
      "Mixup stage 1, then the classifier retrained with label-aware smoothing and a class-balanced sampler, batch-norm statistics re-estimated.",
  },
  gml: {
    label: "GML",
    stage1: "ce",
    stage2: "gml",
    withBtm: false,
    description:
      "CE stage 1, then the classifier retrained with the geometric-mean loss, backbone and batch norm frozen.",
  },
};

/**
 * The methods Tables 2–4 run by default, in table order: the paper's
 * baselines we implement (CE, BSCE, cRT) and MiSLAS, with and without BTM.
 * GML (Table 9's) is in {@linkcode COMPARED_METHODS} for a `methods` option.
 */
export const TABLES_2_4_METHODS: readonly string[] = ["ce", "bsce", "crt", "mislas"];

/** Methods of the paper's tables that we do not implement (rows with `ours: null`). */
export const UNIMPLEMENTED_METHODS: readonly string[] = [
  "PaCo",
  "PaCo + BTM",
  "GPaCo",
  "GPaCo + BTM",
  "RIDE",
  "DiVE",
  "BBN",
];

/** The metrics of the tables, in column order: the headline four, then the shot groups. */
export const METHOD_COMPARISON_METRICS: readonly SummaryMetric[] = TABLE_METRICS;

/** Options of {@linkcode methodComparison}. */
export interface MethodComparisonOptions extends SectionOptions {
  /** Registry names of the methods to run, in order; default {@linkcode TABLES_2_4_METHODS}. */
  methods?: readonly string[];
  /**
   * Mixup α of the `mixup` stage 1 (MiSLAS); default 0.2, MiSLAS' ImageNet-LT
   * and Places-LT value (CIFAR: 1.0).
   */
  mixupAlpha?: number;
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
export interface MethodComparisonResult extends SectionResult<"method-comparison"> {
  /** The methods run, with their definitions. */
  methods: (ComparedMethod & { name: string })[];
  /** Every evaluated model: each method, then "+ BTM" for those run with BTM. */
  runs: MethodRun[];
  /**
   * Rows of `comparisonTable` (metrics {@linkcode METHOD_COMPARISON_METRICS}):
   * each method, then "+ BTM", then the unimplemented methods with `ours: null`.
   */
  table: ComparisonRow[];
  /** What BTM changed, for each method run with it, and the counts. */
  effect: BtmEffect;
  /** MiSLAS' stage-1 mixup α used. */
  mixupAlpha: number;
}

/**
 * The stages of Tables 2–4 below the defaults: 4 pretrain epochs, 3 for each classifier stage.
 * GML's step decay keeps the paper's proportion: after 10 of 40 epochs there, after 1 of 3 here.
 */
const SCALED: ConfigOverrides = {
  pretrain: { epochs: 4 },
  postTrain: { epochs: 3 },
  gml: { epochs: 3, milestones: [1] },
};

/**
 * The benchmark stand-ins of Tables 2–4 and the scaling that fits each in
 * about a minute on 2 cores (the notebook explains it): each stand-in needs
 * three pretrains, 3 × N_D fine-tunes and six classifier stages, so every
 * stage runs well below the `synth100-16` defaults. By preset; `full` runs
 * each stand-in on the config's own schedule (60-epoch pretrains, N_D = 10
 * fine-tunes of 30 epochs: estimated at 15–20 minutes per table on 2 cores,
 * not measured), the `smoke` preset keeps its tiny data set for all three
 * tables, and any other preset uses the `default` entry.
 */
export const TABLES_2_4_STAND_INS: Readonly<
  Record<string, Readonly<Record<"places" | "imagenet" | "inat", ConfigOverrides>>>
> = {
  default: {
    places: { ...SCALED, data: "synth-places", btm: { subsets: 3, perClass: 10, epochs: 5 } },
    imagenet: { ...SCALED, data: "synth-imagenet", btm: { subsets: 3, perClass: 5, epochs: 5 } },
    inat: { ...SCALED, data: "synth-inat", btm: { subsets: 3, perClass: 5, epochs: 5 } },
  },
  full: {
    places: { data: "synth-places", btm: { perClass: 10 } },
    imagenet: { data: "synth-imagenet", btm: { perClass: 5 } },
    inat: { data: "synth-inat", btm: { perClass: 5 } },
  },
  smoke: { places: {}, imagenet: {}, inat: {} },
};

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

function secondStage(
  ctx: SectionContext,
  kind: SecondStage,
  model: Model,
): Promise<StageResult | undefined> {
  if (kind === "none") return Promise.resolve(undefined);
  if (kind === "gml") return runGml(ctx, model, { step: "stage2" });
  return runPostTrain(ctx, model, { method: kind, step: "stage2" });
}

/**
 * Runs each method on the config's benchmark, and with BTM those marked
 * `withBtm`, and evaluates every resulting model on the test split. Stage-1
 * models and BTM merges are shared between methods that share a stage 1, and
 * every stage is cached. Nothing is selected on test. The results file is
 * `<name>-…`, `name` defaulting to `method-comparison-<data preset>`.
 */
export async function methodComparison(
  options: MethodComparisonOptions = {},
): Promise<MethodComparisonResult> {
  const methods = options.methods ?? TABLES_2_4_METHODS;
  checkMethods(methods);
  const mixupAlpha = options.mixupAlpha ?? 0.2;
  if (!(mixupAlpha > 0) || !Number.isFinite(mixupAlpha)) {
    throw new RangeError(`Cannot run MiSLAS' stage 1 with mixup α ${mixupAlpha}: it must be > 0`);
  }
  const name = options.name ??
    `method-comparison-${resolveConfig(options.preset, options.overrides).data}`;
  return await runSection("method-comparison", { ...options, name }, async (ctx) => {
    const stage1 = new Map<FirstStage, StageResult>();
    const merges = new Map<FirstStage, BtmResult>();
    const runs: MethodRun[] = [];
    for (const method of methods) {
      const m = COMPARED_METHODS[method];
      let s1 = stage1.get(m.stage1);
      if (!s1) {
        s1 = await runPretrain(ctx, { stage1: m.stage1, mixupAlpha, step: "stage1" });
        stage1.set(m.stage1, s1);
      }
      for (const withBtm of m.withBtm ? [false, true] : [false]) {
        let merge: BtmResult | undefined;
        if (withBtm) {
          merge = merges.get(m.stage1) ?? await runBtm(ctx, s1.model);
          merges.set(m.stage1, merge);
        }
        const start = merge ? merge.model : s1.model;
        const s2 = await secondStage(ctx, m.stage2, start);
        const test = await ctx.time("eval", () => metricsOf(ctx, s2?.model ?? start));
        runs.push({
          method,
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
        if (s2) ctx.drop(s2.model);
      }
    }
    const summaryOf = (method: string, withBtm: boolean): RecallSummary =>
      runs.find((r) => r.method === method && r.btm === withBtm)!.summary;
    const effect = btmEffect(
      methods.filter((method) => COMPARED_METHODS[method].withBtm).map((method) => ({
        method: COMPARED_METHODS[method].label,
        base: summaryOf(method, false),
        btm: summaryOf(method, true),
      })),
    );
    const table: ComparisonRow[] = [
      ...runs.map((r) => summaryRow(r.label, r.summary, { metrics: METHOD_COMPARISON_METRICS })),
      ...UNIMPLEMENTED_METHODS.map((method) => ({ method, ours: null })),
    ];
    return {
      methods: methods.map((method) => ({ name: method, ...COMPARED_METHODS[method] })),
      runs,
      table,
      effect,
      mixupAlpha,
    };
  });
}
