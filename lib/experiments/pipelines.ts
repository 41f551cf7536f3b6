/**
 * The experiment pipelines by name (`two-stage`, `btm`, `gml`, `btm+gml`),
 * and `runExperiment`, which runs one in the section frame and writes its
 * results JSON.
 *
 * @module
 */
import {
  evaluateOn,
  type Evaluation,
  gmlEnsemble,
  type GmlTemperatureSelection,
  selectGmlTemperatures,
  type TemperaturePair,
} from "../eval/mod.ts";
import type { Ensemble } from "../eval/mod.ts";
import type { MergeStep } from "../merge/mod.ts";
import type { Model } from "../models/types.ts";
import type { StageResult } from "../train/mod.ts";
import { runBtm, runGml, runPostTrain, runPretrain } from "./_stages.ts";
import {
  runSection,
  type SectionContext,
  type SectionOptions,
  type SectionResult,
} from "./section.ts";
import { ensembleOptions } from "./stage_options.ts";

/** What a pipeline gets: the section frame's context. */
export type PipelineContext = SectionContext;

/** Metrics of one model of a run. */
export interface ModelResult {
  /** Name in the results, e.g. `pretrain`, `btm`, `btm+post-train`. */
  name: string;
  /** Cache key of the stage that made it, when it came from a stage. */
  key?: string;
  /** Whether that stage was loaded from the cache. */
  fromCache?: boolean;
  /** Test-set summary (accuracy, G-mean, H-mean, lowest recall, zero classes, many/medium/few). */
  summary: Evaluation["summary"];
  /** Test-set per-class recall, index = class. */
  recalls: number[];
  /** Training losses per epoch and throughput, when trained by a stage. */
  history?: StageResult["history"];
  /** The ensemble's temperatures, for a GML ensemble. */
  temperatures?: TemperaturePair;
}

/** What a pipeline returns (besides the header and timings, which the frame adds). */
export interface PipelineOutput {
  /** Every model evaluated, in pipeline order. */
  models: ModelResult[];
  /** BTM's fine-tuned members and merge decisions, when the pipeline ran BTM. */
  btm?: {
    members: (Omit<ModelResult, "name"> & { index: number; subsetSize: number })[];
    merge: { strategy: string; kept: number[]; ratios: number[]; trail?: MergeStep[] };
  };
  /**
   * The GML ensembles' temperatures chosen on the validation split, by the name of the model
   * GML started from (`pretrain`, `btm`): the choice and the trail of every pair tried.
   */
  gmlTemperatures?: Record<string, GmlTemperatureSelection>;
}

/** A pipeline's body: stages run in order on the context's benchmark. */
export type Pipeline = (ctx: PipelineContext) => Promise<PipelineOutput>;

/** A registered pipeline. */
export interface PipelineDef {
  /** What it runs, in one line. */
  description: string;
  /** The names of the models it evaluates, in order (its `models[].name`). */
  models: readonly string[];
  /** The body. */
  run: Pipeline;
}

async function evaluated(
  ctx: PipelineContext,
  name: string,
  target: Model | Ensemble,
  stage?: StageResult,
): Promise<ModelResult> {
  const e = await evaluateOn(target, ctx.bench, "test");
  return {
    name,
    key: stage?.key,
    fromCache: stage?.fromCache,
    summary: e.summary,
    recalls: Array.from(e.recalls),
    history: stage?.history,
  };
}

async function withBtm(ctx: PipelineContext, model: Model, out: PipelineOutput): Promise<Model> {
  const r = await runBtm(ctx, model, { merge: ctx.config.btm.merge, evaluateOn: "test" });
  out.btm = {
    members: r.members.map((m) => ({
      index: m.index,
      subsetSize: m.subsetSize,
      key: m.key,
      fromCache: m.fromCache,
      summary: m.evaluation!.summary,
      recalls: Array.from(m.evaluation!.recalls),
      history: m.history,
    })),
    merge: r.merge,
  };
  out.models.push({
    name: "btm",
    summary: r.evaluation!.summary,
    recalls: Array.from(r.evaluation!.recalls),
  });
  return r.model;
}

/**
 * GML on `base`, then its ensemble with `base` twice: at the config's temperatures (the
 * paper's 1/1 by default) and at the pair chosen on the validation split (the trail goes to
 * `out.gmlTemperatures[baseName]`). Every model is reported on the test split.
 */
async function withGml(ctx: PipelineContext, base: Model, baseName: string, out: PipelineOutput) {
  const g = await runGml(ctx, base);
  out.models.push(await evaluated(ctx, `${baseName}+gml`, g.model, g));
  const fixed = ensembleOptions(ctx.config);
  out.models.push({
    ...await evaluated(ctx, `${baseName}+gml-ensemble`, gmlEnsemble(base, g.model, fixed)),
    temperatures: { tOld: fixed.tOld!, tNew: fixed.tNew! },
  });
  const chosen = await ctx.time(
    "temperatures",
    () => selectGmlTemperatures({ oldModel: base, newModel: g.model }, ctx.bench),
  );
  out.gmlTemperatures = { ...out.gmlTemperatures, [baseName]: chosen };
  const pair = { tOld: chosen.tOld, tNew: chosen.tNew };
  out.models.push({
    ...await evaluated(ctx, `${baseName}+gml-ensemble-val`, gmlEnsemble(base, g.model, pair)),
    temperatures: pair,
  });
}

async function pretrained(ctx: PipelineContext, out: PipelineOutput): Promise<Model> {
  const p = await runPretrain(ctx);
  out.models.push(await evaluated(ctx, "pretrain", p.model, p));
  return p.model;
}

async function withPostTrain(
  ctx: PipelineContext,
  model: Model,
  name: string,
  out: PipelineOutput,
): Promise<void> {
  const post = await runPostTrain(ctx, model);
  out.models.push(await evaluated(ctx, name, post.model, post));
}

function pipeline(
  description: string,
  models: readonly string[],
  steps: (ctx: PipelineContext, out: PipelineOutput) => Promise<void>,
): PipelineDef {
  return {
    description,
    models,
    run: async (ctx) => {
      const out: PipelineOutput = { models: [] };
      await steps(ctx, out);
      return out;
    },
  };
}

/** Pipelines by name. */
export const PIPELINES: Readonly<Record<string, PipelineDef>> = {
  "two-stage": pipeline(
    "decoupled training: pretrain, then post-train the classifier",
    ["pretrain", "post-train"],
    async (ctx, out) => withPostTrain(ctx, await pretrained(ctx, out), "post-train", out),
  ),
  btm: pipeline(
    "BTM: pretrain, N_D balanced fine-tunes merged, then post-train the classifier",
    ["pretrain", "btm", "btm+post-train"],
    async (ctx, out) =>
      withPostTrain(
        ctx,
        await withBtm(ctx, await pretrained(ctx, out), out),
        "btm+post-train",
        out,
      ),
  ),
  gml: pipeline(
    "GML: pretrain, then the classifier retrained with GML, and the old/new ensemble (config and val-chosen temperatures)",
    ["pretrain", "pretrain+gml", "pretrain+gml-ensemble", "pretrain+gml-ensemble-val"],
    async (ctx, out) => withGml(ctx, await pretrained(ctx, out), "pretrain", out),
  ),
  "btm+gml": pipeline(
    "BTM + GML: pretrain, BTM merge, then GML classifier retraining and ensemble (config and val-chosen temperatures)",
    ["pretrain", "btm", "btm+gml", "btm+gml-ensemble", "btm+gml-ensemble-val"],
    async (ctx, out) =>
      withGml(ctx, await withBtm(ctx, await pretrained(ctx, out), out), "btm", out),
  ),
};

/** The pipeline registered as `name`; an unknown name is an error listing the valid ones. */
export function getPipeline(name: string): PipelineDef {
  if (!Object.hasOwn(PIPELINES, name)) {
    throw new RangeError(
      `Unknown experiment "${name}": valid experiments are ${Object.keys(PIPELINES).join(", ")}`,
    );
  }
  return PIPELINES[name];
}

/** Options of {@linkcode runExperiment}: the frame's. */
export type RunExperimentOptions = SectionOptions;

/** The results file of one pipeline run: data that notebooks and reports read. */
export type ExperimentResult = SectionResult & PipelineOutput & {
  /** Pipeline name (the same as `section`). */
  experiment: string;
};

/**
 * Runs the pipeline `name` and returns its results; also writes them to
 * `<out>/<name>-<preset>-seed<seed>.json` (atomically) unless `out` is null.
 */
export async function runExperiment(
  name: string,
  options: RunExperimentOptions = {},
): Promise<ExperimentResult> {
  const pipeline = getPipeline(name);
  return await runSection(name, options, async (ctx) => ({
    experiment: name,
    ...(await pipeline.run(ctx)),
  }));
}
