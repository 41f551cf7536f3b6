/**
 * BTM Table 8: what to fine-tune on the balanced subsets (backbone only,
 * classifier only, or the whole model) and when to run BTM (between stage 1
 * and stage 2, the paper's choice, or after stage 2).
 *
 * @module
 */
import { loadBenchmark } from "../data/mod.ts";
import { FINETUNE_TRAINABLES, type FinetuneTrainable } from "../train/mod.ts";
import type { BtmResult, ProgressCallback, RunCache } from "../train/mod.ts";
import {
  facts,
  runBtmStage,
  runPostTrainStage,
  runPretrain,
  type SectionHeader,
  sectionHeader,
  type StageFacts,
  type TestMetrics,
  testMetrics,
  timed,
} from "./_stages.ts";
import { type ConfigOverrides, resolveConfig } from "./config.ts";
import { writeSectionResult } from "./write_section_result.ts";

/** Options of {@linkcode finetuneTargets}. */
export interface FinetuneTargetsOptions {
  /** Experiment preset; default `default`. Its pretrain, btm and postTrain fields are used unchanged. */
  preset?: string;
  /** Config overrides after the preset (e.g. `{ seed: 1 }`); default none. */
  overrides?: ConfigOverrides;
  /**
   * Parts fine-tuned by the between-stages variants; default all three
   * (`all`, `backbone`, `classifier`). `all` is the `btm` pipeline itself,
   * shared through the cache.
   */
  trainables?: readonly FinetuneTrainable[];
  /** Also run BTM after stage 2 (pretrain → post-train → BTM); default true. */
  after?: boolean;
  /** Run cache; default `new RunCache()` (data/cache/runs/, shared with the pipelines); `false` trains afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal/notebook printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /** Folder of the results JSON; default `resultsDir()`; `null` writes nothing. */
  out?: string | null;
}

/** One BTM variant of Table 8. */
export interface FinetuneVariant {
  /** Name as printed, e.g. `whole model, between stages`. */
  name: string;
  /** The part fine-tuned on each balanced subset. */
  trainable: FinetuneTrainable;
  /** `between`: pretrain → BTM → post-train; `after`: pretrain → post-train → BTM. */
  when: "between" | "after";
  /** The N_D fine-tunes: cache key, whether loaded, history. */
  members: StageFacts[];
  /** Test metrics of the uniform merge. */
  merged: TestMetrics;
  /**
   * Test metrics of the variant's final model: the post-trained merge
   * (`between`), or the merge itself (`after`, whose last stage is BTM).
   */
  final: TestMetrics;
  /** The post-training of the merge (`between` only). */
  postTrain?: StageFacts;
}

/** Results of {@linkcode finetuneTargets} (written as `table-8-finetune-targets-<preset>-seed<seed>.json`). */
export interface FinetuneTargetsResult extends SectionHeader {
  /** Section name. */
  section: "table-8-finetune-targets";
  /** The pre-trained model f (the `btm` pipeline's) and its test metrics. */
  pretrain: StageFacts & TestMetrics;
  /** Reference without BTM: f post-trained (the `two-stage` pipeline's second stage). */
  twoStage: StageFacts & TestMetrics;
  /** The variants: between stages for each `trainables` entry, then after stage 2. */
  variants: FinetuneVariant[];
  /** Wall-clock seconds: data, pretrain, twoStage, one per variant, total. */
  timings: Record<string, number>;
  /** Path of the JSON written, if any. */
  path?: string;
}

const PART_NAMES: Readonly<Record<FinetuneTrainable, string>> = {
  all: "whole model",
  backbone: "backbone only",
  classifier: "classifier only",
};

function memberFacts(b: BtmResult): StageFacts[] {
  return b.members.map((m) => ({ key: m.key, fromCache: m.fromCache, history: m.history }));
}

/**
 * Runs Table 8's variants from the `btm` pipeline's pre-trained model, with
 * the config's BTM (N_D, N_C, fine-tune epochs) and post-training unchanged:
 * BTM fine-tuning each of `trainables` between the stages (each merge then
 * post-trained), and BTM on the post-trained model (after stage 2).
 */
export async function finetuneTargets(
  options: FinetuneTargetsOptions = {},
): Promise<FinetuneTargetsResult> {
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  const trainables = [...(options.trainables ?? FINETUNE_TRAINABLES)];
  for (const t of trainables) {
    if (!FINETUNE_TRAINABLES.includes(t)) {
      throw new RangeError(
        `Cannot fine-tune "${t}" in Table 8: valid parts are ${FINETUNE_TRAINABLES.join(", ")}`,
      );
    }
  }
  const after = options.after ?? true;
  if (trainables.length === 0 && !after) {
    throw new RangeError("Cannot run Table 8 with no variant: give trainables or keep `after`");
  }
  const run = { cache: options.cache, onProgress: options.onProgress };
  const timings: Record<string, number> = {};
  const started = performance.now();
  const bench = await timed(timings, "data", () => loadBenchmark(config.data));
  const f = await timed(timings, "pretrain", () => runPretrain(config, bench, run));
  try {
    const pretrain = { ...facts(f), ...(await testMetrics(f.model, bench)) };
    const two = await timed(
      timings,
      "twoStage",
      () => runPostTrainStage(f.model, { config, bench, ...run }),
    );
    try {
      const twoStage = { ...facts(two), ...(await testMetrics(two.model, bench)) };
      const variants: FinetuneVariant[] = [];
      for (const trainable of trainables) {
        const name = `${PART_NAMES[trainable]}, between stages`;
        const variant = await timed(timings, name, async () => {
          const b = await runBtmStage(f.model, { config, bench, trainable, ...run });
          try {
            const post = await runPostTrainStage(b.model, { config, bench, ...run });
            try {
              return {
                name,
                trainable,
                when: "between" as const,
                members: memberFacts(b),
                merged: await testMetrics(b.model, bench),
                final: await testMetrics(post.model, bench),
                postTrain: facts(post),
              };
            } finally {
              post.model.dispose();
            }
          } finally {
            b.model.dispose();
          }
        });
        variants.push(variant);
      }
      if (after) {
        const name = `${PART_NAMES.all}, after stage 2`;
        const variant = await timed(timings, name, async () => {
          const b = await runBtmStage(two.model, { config, bench, ...run });
          try {
            const merged = await testMetrics(b.model, bench);
            return {
              name,
              trainable: "all" as const,
              when: "after" as const,
              members: memberFacts(b),
              merged,
              final: merged,
            };
          } finally {
            b.model.dispose();
          }
        });
        variants.push(variant);
      }
      timings.total = (performance.now() - started) / 1000;
      const result: FinetuneTargetsResult = {
        section: "table-8-finetune-targets",
        ...sectionHeader(preset, config, bench),
        pretrain,
        twoStage,
        variants,
        timings,
      };
      if (options.out !== null) {
        result.path = await writeSectionResult(result.section, result, { out: options.out });
      }
      return result;
    } finally {
      two.model.dispose();
    }
  } finally {
    f.model.dispose();
  }
}
