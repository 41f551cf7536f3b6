/**
 * Shared machinery of the training stages: cache lookup, resume file,
 * training, saving (internal to lib/train).
 *
 * @module
 */
import type { LongTailBenchmark } from "../data/types.ts";
import type { Model } from "../models/types.ts";
import { RunCache } from "./run_cache.ts";
import { modelFromCheckpoint, modelHash } from "./save_model.ts";
import { getNamedWeights } from "../models/mod.ts";
import { hashJson } from "./stable_hash.ts";
import type { TrainLoopResult } from "./train_loop.ts";
import type { StageHistory, StageResult, StageRunOptions } from "./types.ts";

/** Hash of a benchmark's identity (its manifest, which carries the split hashes). */
export function benchmarkHash(bench: LongTailBenchmark): Promise<string> {
  return hashJson({ name: bench.name, manifest: bench.manifest });
}

/** Runs (or loads) one stage. */
export async function runStage(args: {
  stage: string;
  config: unknown;
  inputHash: string;
  bench: LongTailBenchmark;
  run: StageRunOptions;
  start: () => Model;
  train: (model: Model, resume: { path?: string; key: string }) => Promise<TrainLoopResult>;
}): Promise<StageResult> {
  const cache = args.run.cache === undefined ? new RunCache() : args.run.cache;
  const key = await (cache || new RunCache()).key(args.stage, {
    config: args.config,
    input: args.inputHash,
    data: await benchmarkHash(args.bench),
  });
  if (cache) {
    const ckpt = await cache.load(key);
    if (ckpt) {
      const model = modelFromCheckpoint(ckpt);
      const history = (ckpt.meta.extra as { history: StageHistory }).history;
      return {
        model,
        key,
        fromCache: true,
        modelSha256: await modelHash(model),
        history,
        config: args.config,
      };
    }
  }
  const model = args.start();
  try {
    const r = await args.train(model, { path: cache ? cache.epochPath(key) : undefined, key });
    const history: StageHistory = {
      epochLosses: r.epochLosses,
      imagesPerSecond: r.imagesPerSecond,
      seconds: r.seconds,
      images: r.images,
    };
    if (cache) {
      await cache.save(key, {
        modelConfig: model.config,
        weights: getNamedWeights(model),
        meta: { stage: args.stage, config: args.config, extra: { history, input: args.inputHash } },
      });
    }
    return {
      model,
      key,
      fromCache: false,
      modelSha256: await modelHash(model),
      history,
      config: args.config,
    };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** Copies an options object without its undefined fields and functions (for hashing and saving). */
export function plainConfig<T extends object>(options: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined || typeof v === "function" || k === "cache" || k === "onProgress") continue;
    out[k] = v;
  }
  return out;
}
