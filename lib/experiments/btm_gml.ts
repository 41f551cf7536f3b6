/**
 * BTM Tables 9–10: BTM combined with GML (*No One Left Behind*): GML alone,
 * BTM alone, and BTM followed by GML, each GML model also ensembled with the
 * model it was trained from.
 *
 * @module
 */
import { loadBenchmark } from "../data/mod.ts";
import { evaluate, gmlEnsemble } from "../eval/mod.ts";
import type { Model } from "../models/types.ts";
import type { ProgressCallback, RunCache } from "../train/mod.ts";
import {
  facts,
  runBtmStage,
  runGmlStage,
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

/** Options of {@linkcode btmGml}. */
export interface BtmGmlOptions {
  /** Experiment preset; default `default`. Its pretrain, btm, postTrain and gml fields are used unchanged. */
  preset?: string;
  /** Config overrides after the preset (e.g. `{ seed: 1 }`); default none. */
  overrides?: ConfigOverrides;
  /** Run cache; default `new RunCache()` (data/cache/runs/, shared with the pipelines); `false` trains afresh. */
  cache?: RunCache | false;
  /** Progress receiver; default the terminal/notebook printer; `null` for silence. */
  onProgress?: ProgressCallback | null;
  /** Folder of the results JSON; default `resultsDir()`; `null` writes nothing. */
  out?: string | null;
}

/** The models of Tables 9–10, by name. */
export type BtmGmlModel =
  | "pretrain"
  | "gml"
  | "gml-ensemble"
  | "btm-merge"
  | "btm"
  | "btm+gml"
  | "btm+gml-ensemble";

/** Every {@linkcode BtmGmlModel}, in table order, with how it is made. */
export const BTM_GML_MODELS: Readonly<Record<BtmGmlModel, string>> = {
  "pretrain": "pretrain (plain CE on the long-tailed set)",
  "gml": "pretrain → GML classifier retraining",
  "gml-ensemble": "pretrain → GML, ensembled with the pre-trained model",
  "btm-merge": "pretrain → BTM merge (no post-training)",
  "btm": "pretrain → BTM merge → post-train (BTM)",
  "btm+gml": "pretrain → BTM merge → GML classifier retraining",
  "btm+gml-ensemble": "pretrain → BTM merge → GML, ensembled with the BTM merge",
};

/** One model's test metrics and, when a stage made it, that stage's facts. */
export type BtmGmlEntry = TestMetrics & Partial<StageFacts>;

/** Results of {@linkcode btmGml} (written as `tables-9-10-btm-gml-<preset>-seed<seed>.json`). */
export interface BtmGmlResult extends SectionHeader {
  /** Section name. */
  section: "tables-9-10-btm-gml";
  /** Every model's test metrics, by name (see {@linkcode BTM_GML_MODELS}). */
  models: Record<BtmGmlModel, BtmGmlEntry>;
  /** Cache keys of BTM's N_D fine-tunes. */
  btmMembers: StageFacts[];
  /** Wall-clock seconds: data, pretrain, gml, btm, postTrain, btmGml, total. */
  timings: Record<string, number>;
  /** Path of the JSON written, if any. */
  path?: string;
}

/**
 * Runs (or loads) the stages of the `gml`, `btm` and `btm+gml` pipelines once
 * each, on one pre-trained model, and evaluates the seven models of
 * {@linkcode BTM_GML_MODELS} on the test split. The ensembles average the
 * tempered softmaxes (`gml.tOld`, `gml.tNew`) of the GML model and the model
 * whose backbone it shares.
 */
export async function btmGml(options: BtmGmlOptions = {}): Promise<BtmGmlResult> {
  const preset = options.preset ?? "default";
  const config = resolveConfig(preset, options.overrides);
  const run = { cache: options.cache, onProgress: options.onProgress };
  const ensemble = { tOld: config.gml.tOld, tNew: config.gml.tNew };
  const timings: Record<string, number> = {};
  const started = performance.now();
  const bench = await timed(timings, "data", () => loadBenchmark(config.data));
  const models: Partial<Record<BtmGmlModel, BtmGmlEntry>> = {};
  const withGml = async (base: Model, name: "gml" | "btm+gml", step: string) => {
    const g = await timed(timings, step, () => runGmlStage(base, { config, bench, ...run }));
    try {
      models[name] = { ...facts(g), ...(await testMetrics(g.model, bench)) };
      const e = await evaluate(gmlEnsemble(base, g.model, ensemble), bench.test, {
        trainCounts: bench.trainCounts,
        normalization: bench.normalization,
      });
      models[`${name}-ensemble`] = { summary: e.summary, recalls: Array.from(e.recalls) };
    } finally {
      g.model.dispose();
    }
  };
  const f = await timed(timings, "pretrain", () => runPretrain(config, bench, run));
  try {
    models.pretrain = { ...facts(f), ...(await testMetrics(f.model, bench)) };
    await withGml(f.model, "gml", "gml");
    const b = await timed(timings, "btm", () => runBtmStage(f.model, { config, bench, ...run }));
    try {
      models["btm-merge"] = await testMetrics(b.model, bench);
      const post = await timed(
        timings,
        "postTrain",
        () => runPostTrainStage(b.model, { config, bench, ...run }),
      );
      try {
        models.btm = { ...facts(post), ...(await testMetrics(post.model, bench)) };
      } finally {
        post.model.dispose();
      }
      await withGml(b.model, "btm+gml", "btmGml");
      timings.total = (performance.now() - started) / 1000;
      const result: BtmGmlResult = {
        section: "tables-9-10-btm-gml",
        ...sectionHeader(preset, config, bench),
        models: models as Record<BtmGmlModel, BtmGmlEntry>,
        btmMembers: b.members.map((m) => ({
          key: m.key,
          fromCache: m.fromCache,
          history: m.history,
        })),
        timings,
      };
      if (options.out !== null) {
        result.path = await writeSectionResult(result.section, result, { out: options.out });
      }
      return result;
    } finally {
      b.model.dispose();
    }
  } finally {
    f.model.dispose();
  }
}
