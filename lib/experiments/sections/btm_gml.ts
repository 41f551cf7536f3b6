/**
 * BTM Tables 9–10: BTM combined with GML (*No One Left Behind*): GML alone,
 * BTM alone, and BTM followed by GML, each GML model also ensembled with the
 * model it was trained from.
 *
 * @module
 */
import {
  gmlEnsemble,
  type GmlTemperatureSelection,
  selectGmlTemperatures,
  type TemperaturePair,
} from "../../eval/mod.ts";
import type { Model } from "../../models/types.ts";
import { facts, metricsOf, runBtm, runGml, runPostTrain, runPretrain } from "../_stages.ts";
import { runSection } from "../section.ts";
import type { SectionContext, SectionOptions, SectionResult } from "../section.ts";
import type { StageFacts, TestMetrics } from "../section.ts";
import { ensembleOptions } from "../stage_options.ts";

/** Options of {@linkcode btmGml}: the frame's (its pretrain, btm, postTrain and gml fields used unchanged). */
export type BtmGmlOptions = SectionOptions;

/** The models of Tables 9–10, by name. */
export type BtmGmlModel =
  | "pretrain"
  | "two-stage"
  | "gml"
  | "gml-ensemble"
  | "gml-ensemble-val"
  | "btm-merge"
  | "btm"
  | "btm+gml"
  | "btm+gml-ensemble"
  | "btm+gml-ensemble-val";

/** Every {@linkcode BtmGmlModel}, in table order, with how it is made. */
export const BTM_GML_MODELS: Readonly<Record<BtmGmlModel, string>> = {
  "pretrain": "pretrain (plain CE on the long-tailed set)",
  "two-stage": "pretrain → post-train (the two-stage pipeline, the paper's MiSLAS row)",
  "gml": "pretrain → GML classifier retraining",
  "gml-ensemble": "pretrain → GML, ensembled with the pre-trained model",
  "gml-ensemble-val":
    "pretrain → GML, ensembled with the pre-trained model, temperatures chosen on val",
  "btm-merge": "pretrain → BTM merge (no post-training)",
  "btm": "pretrain → BTM merge → post-train (BTM)",
  "btm+gml": "pretrain → BTM merge → GML classifier retraining",
  "btm+gml-ensemble": "pretrain → BTM merge → GML, ensembled with the BTM merge",
  "btm+gml-ensemble-val":
    "pretrain → BTM merge → GML, ensembled with the BTM merge, temperatures chosen on val",
};

/** One model's test metrics and, when a stage made it, that stage's facts (an ensemble: its temperatures). */
export type BtmGmlEntry = TestMetrics & Partial<StageFacts> & { temperatures?: TemperaturePair };

/** Results of {@linkcode btmGml} (written as `tables-9-10-btm-gml-<preset>-seed<seed>.json`). */
export interface BtmGmlResult extends SectionResult<"tables-9-10-btm-gml"> {
  /** Every model's test metrics, by name (see {@linkcode BTM_GML_MODELS}). */
  models: Record<BtmGmlModel, BtmGmlEntry>;
  /** Cache keys of BTM's N_D fine-tunes. */
  btmMembers: StageFacts[];
  /** The `-val` ensembles' temperatures chosen on the validation split, with their trails. */
  temperatures: Record<"gml" | "btm+gml", GmlTemperatureSelection>;
}

async function withGml(
  ctx: SectionContext,
  base: Model,
  name: "gml" | "btm+gml",
  step: string,
  temperatures: Partial<Record<"gml" | "btm+gml", GmlTemperatureSelection>>,
): Promise<Record<string, BtmGmlEntry>> {
  const g = await runGml(ctx, base, { step });
  const fixed = ensembleOptions(ctx.config);
  const chosen = await ctx.time(
    "temperatures",
    () => selectGmlTemperatures({ oldModel: base, newModel: g.model }, ctx.bench),
  );
  temperatures[name] = chosen;
  const pair = { tOld: chosen.tOld, tNew: chosen.tNew };
  return {
    [name]: { ...facts(g), ...(await metricsOf(ctx, g.model)) },
    [`${name}-ensemble`]: {
      ...await metricsOf(ctx, gmlEnsemble(base, g.model, fixed)),
      temperatures: { tOld: fixed.tOld!, tNew: fixed.tNew! },
    },
    [`${name}-ensemble-val`]: {
      ...await metricsOf(ctx, gmlEnsemble(base, g.model, pair)),
      temperatures: pair,
    },
  };
}

/**
 * Runs (or loads) the stages of the `two-stage`, `gml`, `btm` and `btm+gml`
 * pipelines once each, on one pre-trained model, and evaluates the ten models of
 * {@linkcode BTM_GML_MODELS} on the test split. The ensembles average the
 * tempered softmaxes of the GML model and the model whose backbone it shares,
 * at the config's temperatures (`gml.tOld`, `gml.tNew`) and, for the `-val`
 * models, at the pair chosen on the validation split (`selectGmlTemperatures`).
 */
export async function btmGml(options: BtmGmlOptions = {}): Promise<BtmGmlResult> {
  return await runSection("tables-9-10-btm-gml", options, async (ctx) => {
    const f = await runPretrain(ctx);
    const temperatures: Partial<Record<"gml" | "btm+gml", GmlTemperatureSelection>> = {};
    const two = await runPostTrain(ctx, f.model, { step: "twoStage" });
    const models: Partial<Record<BtmGmlModel, BtmGmlEntry>> = {
      pretrain: { ...facts(f), ...(await metricsOf(ctx, f.model)) },
      "two-stage": { ...facts(two), ...(await metricsOf(ctx, two.model)) },
      ...await withGml(ctx, f.model, "gml", "gml", temperatures),
    };
    ctx.drop(two.model);
    const b = await runBtm(ctx, f.model);
    models["btm-merge"] = await metricsOf(ctx, b.model);
    const post = await runPostTrain(ctx, b.model);
    models.btm = { ...facts(post), ...(await metricsOf(ctx, post.model)) };
    Object.assign(models, await withGml(ctx, b.model, "btm+gml", "btmGml", temperatures));
    return {
      models: models as Record<BtmGmlModel, BtmGmlEntry>,
      btmMembers: b.members.map((m) => ({
        key: m.key,
        fromCache: m.fromCache,
        history: m.history,
      })),
      temperatures: temperatures as Record<"gml" | "btm+gml", GmlTemperatureSelection>,
    };
  });
}
