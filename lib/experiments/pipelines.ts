/**
 * The experiment pipelines by name, and the runner that records their results.
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import { evaluate, type Evaluation, gmlEnsemble } from "../eval/mod.ts";
import type { Model } from "../models/types.ts";
import type { ProgressCallback, RunCache, StageResult } from "../train/mod.ts";
import {
  runBtmStage,
  runGmlStage,
  runPostTrainStage,
  runPretrain as runPretrainStage,
} from "./_stages.ts";
import type { ExperimentConfig } from "./config.ts";

/** What a pipeline needs. */
export interface PipelineContext {
  /** The resolved config. */
  config: ExperimentConfig;
  /** The loaded benchmark. */
  bench: LongTailBenchmark;
  /** Run cache, or false to train everything afresh. */
  cache: RunCache | false | undefined;
  /** Progress receiver (undefined = terminal printer, null = silent). */
  onProgress: ProgressCallback | null | undefined;
  /** Records the wall-clock seconds of a named step. */
  time<T>(name: string, work: () => Promise<T>): Promise<T>;
}

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
}

/** What a pipeline returns (besides timings, which the runner adds). */
export interface PipelineOutput {
  /** Every model evaluated, in pipeline order. */
  models: ModelResult[];
  /** BTM's fine-tuned members and merge decisions, when the pipeline ran BTM. */
  btm?: {
    members: (Omit<ModelResult, "name"> & { index: number; subsetSize: number })[];
    merge: { strategy: string; kept: number[]; ratios: number[]; trail?: unknown };
  };
}

/** A pipeline: stages run in order on the context's benchmark. */
export type Pipeline = (ctx: PipelineContext) => Promise<PipelineOutput>;

async function evaluateResult(
  name: string,
  target: Parameters<typeof evaluate>[0],
  ctx: PipelineContext,
  stage?: { key: string; fromCache: boolean; history: StageResult["history"] },
): Promise<ModelResult> {
  const e = await evaluate(target, ctx.bench.test, {
    trainCounts: ctx.bench.trainCounts,
    normalization: ctx.bench.normalization,
  });
  return {
    name,
    key: stage?.key,
    fromCache: stage?.fromCache,
    summary: e.summary,
    recalls: Array.from(e.recalls),
    history: stage?.history,
  };
}

function runPretrain(ctx: PipelineContext): Promise<StageResult> {
  return ctx.time("pretrain", () => runPretrainStage(ctx.config, ctx.bench, ctx));
}

function runPostTrain(model: Model, ctx: PipelineContext): Promise<StageResult> {
  return ctx.time("postTrain", () => runPostTrainStage(model, ctx));
}

async function runBtm(model: Model, ctx: PipelineContext, out: PipelineOutput) {
  const r = await ctx.time(
    "btm",
    () => runBtmStage(model, { ...ctx, merge: ctx.config.btm.merge, evaluateOn: "test" }),
  );
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
  return r;
}

async function runGml(base: Model, baseName: string, ctx: PipelineContext, out: PipelineOutput) {
  const c = ctx.config.gml;
  const g = await ctx.time("gml", () => runGmlStage(base, ctx));
  try {
    out.models.push(await evaluateResult(`${baseName}+gml`, g.model, ctx, g));
    out.models.push(
      await evaluateResult(
        `${baseName}+gml-ensemble`,
        gmlEnsemble(base, g.model, { tOld: c.tOld, tNew: c.tNew }),
        ctx,
      ),
    );
  } finally {
    g.model.dispose();
  }
}

/** Pipelines by name. */
export const PIPELINES: Readonly<Record<string, Pipeline>> = {
  /** Decoupled training: pretrain → post-train the classifier. */
  "two-stage": async (ctx) => {
    const out: PipelineOutput = { models: [] };
    const p = await runPretrain(ctx);
    try {
      out.models.push(await evaluateResult("pretrain", p.model, ctx, p));
      const post = await runPostTrain(p.model, ctx);
      try {
        out.models.push(await evaluateResult("post-train", post.model, ctx, post));
      } finally {
        post.model.dispose();
      }
    } finally {
      p.model.dispose();
    }
    return out;
  },
  /** BTM: pretrain → N_D balanced fine-tunes merged → post-train the classifier. */
  btm: async (ctx) => {
    const out: PipelineOutput = { models: [] };
    const p = await runPretrain(ctx);
    try {
      out.models.push(await evaluateResult("pretrain", p.model, ctx, p));
      const b = await runBtm(p.model, ctx, out);
      try {
        const post = await runPostTrain(b.model, ctx);
        try {
          out.models.push(await evaluateResult("btm+post-train", post.model, ctx, post));
        } finally {
          post.model.dispose();
        }
      } finally {
        b.model.dispose();
      }
    } finally {
      p.model.dispose();
    }
    return out;
  },
  /** GML: pretrain → classifier retrained with GML, and the old/new softmax ensemble. */
  gml: async (ctx) => {
    const out: PipelineOutput = { models: [] };
    const p = await runPretrain(ctx);
    try {
      out.models.push(await evaluateResult("pretrain", p.model, ctx, p));
      await runGml(p.model, "pretrain", ctx, out);
    } finally {
      p.model.dispose();
    }
    return out;
  },
  /** BTM + GML: pretrain → BTM merge → GML classifier retraining and ensemble. */
  "btm+gml": async (ctx) => {
    const out: PipelineOutput = { models: [] };
    const p = await runPretrain(ctx);
    try {
      out.models.push(await evaluateResult("pretrain", p.model, ctx, p));
      const b = await runBtm(p.model, ctx, out);
      try {
        await runGml(b.model, "btm", ctx, out);
      } finally {
        b.model.dispose();
      }
    } finally {
      p.model.dispose();
    }
    return out;
  },
};

/** The pipeline registered as `name`; an unknown name is an error listing the valid ones. */
export function getPipeline(name: string): Pipeline {
  if (!Object.hasOwn(PIPELINES, name)) {
    throw new Error(
      `Unknown experiment "${name}": valid experiments are ${Object.keys(PIPELINES).join(", ")}`,
    );
  }
  return PIPELINES[name];
}
