/**
 * Shared machinery of the training stages: cache lookup, resume file,
 * training, saving (internal to lib/train).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { ONEDNN_BACKEND } from "../backend/onednn/names.ts";
import { onednnThreads } from "../backend/onednn/onednn_version.ts";
import type { LongTailBenchmark } from "../data/types.ts";
import type { Model } from "../models/types.ts";
import { RunCache } from "./run_cache.ts";
import { modelFromCheckpoint, modelHash } from "./save_model.ts";
import { getNamedWeights } from "../models/mod.ts";
import { hashJson } from "./stable_hash.ts";
import type { TrainLoopResult } from "./train_loop.ts";
import type { StageHistory, StageResult, StageRunOptions } from "./types.ts";

/**
 * Hash of everything of a benchmark a stage's result depends on: its manifest (which carries
 * the split hashes and counts) and the normalization statistics every batch is built with (not
 * in the manifest: a model trained under other statistics computes another function).
 */
export function benchmarkHash(bench: LongTailBenchmark): Promise<string> {
  return hashJson({
    name: bench.name,
    manifest: bench.manifest,
    normalization: bench.normalization,
  });
}

/**
 * Runs (or loads) one stage. Its cache key hashes the stage's config, its input model, the
 * benchmark (see {@linkcode benchmarkHash}) and the tfjs backend. The backend is in the key
 * because the project's determinism promise is per backend: the same seed on wasm and on cpu
 * (or webgpu, tensorflow) gives slightly different floats, so a model trained on one backend
 * is not the result a run on another would produce, and reusing it would make a cross-backend
 * comparison agree by construction. On `onednn` the thread count is in the key too: oneDNN
 * splits its reductions by thread, so 1 and 2 threads give different bits (measured: every
 * gradient of a ResNet-8 step differs). The wasm thread count is not: XNNPACK's 1 and 2 threads
 * give identical numbers.
 */
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
  const backend = tf.getBackend();
  const threads = backend === ONEDNN_BACKEND ? onednnThreads() : undefined;
  const key = await (cache || new RunCache()).key(args.stage, {
    config: args.config,
    input: args.inputHash,
    data: await benchmarkHash(args.bench),
    backend,
    ...(threads === undefined ? {} : { threads }),
  });
  if (cache) {
    const ckpt = await cache.load(key);
    if (ckpt) {
      const saved = (ckpt.meta.extra as { history?: Partial<StageHistory> } | undefined)?.history;
      if (!saved || !Array.isArray(saved.epochLosses)) {
        throw new Error(
          `Cannot use the cached run ${
            cache.path(key)
          }: it records no training history; delete it to retrain`,
        );
      }
      const history = {
        ...saved,
        backend: saved.backend ?? ckpt.meta.versions?.backend ?? "unknown",
      } as StageHistory;
      const model = modelFromCheckpoint(ckpt);
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
      backend,
      ...(threads === undefined ? {} : { threads }),
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
