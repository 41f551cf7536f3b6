/**
 * The GML paper's own tables (*No One Left Behind*, Du & Wu, CVPR 2023) on one benchmark
 * (the default preset's CIFAR100-LT stand-in): GML as a plug-in on three base methods, its
 * ensemble, and the paper's ablations.
 *
 * `gml-tables` (a core section: one run per seed):
 * - Tables 3 and 6 (universality): CE, BSCE and our MiSLAS-style two-stage model, each without
 *   GML, with GML, and with GML's ensemble (at the config's temperatures, the paper's 1/1, and
 *   at the pair chosen on the validation split).
 * - Table 1: the base methods' lowest recall against their accuracy.
 * - Table 7: the ensemble at t_old, t_new ∈ {1, 2, 3} on the test split, reported after the
 *   temperatures were chosen on val (the val scores are kept beside).
 *
 * `gml-ablations` (one seed):
 * - Table 8: GML without re-weighting, and without re-weighting but with class-balanced
 *   re-sampling.
 * - Table 9: GML trained from scratch (the whole network, on the pre-training budget), beside
 *   CE + GML and MiSLAS-style + GML.
 * - Appendix Table 1 ("better baselines"): the classifier retrained exactly as GML's fine-tune
 *   but with balanced softmax (CE on Eq. 3's re-weighted probabilities) or with CE and a
 *   class-balanced sampler.
 *
 * Every stage comes from `stage_options.ts` with the config as is, so the CE pre-train and
 * CE + GML are the `gml` pipeline's stages (and Tables 9–10's), and the MiSLAS-style model is the
 * BTM sections' two-stage pipeline (CE pre-train, then LAS post-train), shared through the run
 * cache.
 *
 * @module
 */
import {
  type GmlTemperatureSelection,
  gridPairs,
  selectGmlTemperatures,
  type TemperaturePair,
  type TemperatureTrial,
  temperatureTrials,
} from "../../eval/mod.ts";
import type { RecallSummary } from "../../metrics/mod.ts";
import type { Model } from "../../models/types.ts";
import type { StageResult } from "../../train/mod.ts";
import { facts, metricsOf, runGml, runGmlBaseline, runPostTrain, runPretrain } from "../_stages.ts";
import { runSection } from "../section.ts";
import type { SectionContext, SectionOptions, SectionResult } from "../section.ts";
import type { StageFacts, TestMetrics } from "../section.ts";
import { ensembleOptions } from "../stage_options.ts";
import {
  GML_BASE_NAMES,
  GML_BASES,
  type GmlBase,
  type GmlBaseDef,
  type GmlTablesModel,
  TABLE_7_PRINTED_PAIRS,
  TABLE_7_TEMPERATURES,
} from "./gml_bases.ts";

export {
  GML_BASE_NAMES,
  GML_BASES,
  GML_TABLES_MODELS,
  TABLE_7_PRINTED_PAIRS,
  TABLE_7_TEMPERATURES,
} from "./gml_bases.ts";
export type { GmlBase, GmlBaseDef, GmlTablesModel } from "./gml_bases.ts";

/** One model's test metrics; a stage's facts when a stage made it; an ensemble's temperatures. */
export type GmlTablesEntry = TestMetrics & Partial<StageFacts> & { temperatures?: TemperaturePair };

/** One row of our Table 7: the ensemble at a pair, on val (where it was chosen) and on test. */
export interface Table7Row extends TemperaturePair {
  /** Whether the paper's Table 7 prints this pair. */
  printed: boolean;
  /** Validation summary (the selection's). */
  val: RecallSummary;
  /** Test summary (reported; nothing is chosen on it). */
  test: RecallSummary;
  /** Test per-class recall. */
  testRecalls: number[];
}

/** Options of {@linkcode gmlTables} and {@linkcode gmlAblations}. */
export type GmlTablesOptions = SectionOptions;

/** The models of `gml-tables`: every base, its GML model and its two ensembles. */
export type GmlBaseModel = Extract<
  GmlTablesModel,
  GmlBase | `${GmlBase}+gml` | `${GmlBase}+gml-ensemble` | `${GmlBase}+gml-ensemble-val`
>;

/** The models of `gml-ablations`. */
export type GmlAblationModel =
  | "ce+gml"
  | "mislas+gml"
  | "ce+gml-no-reweight"
  | "ce+gml-no-reweight-resampled"
  | "gml-scratch"
  | "ce+ce-reweighted"
  | "ce+ce-resampled";

/** Results of {@linkcode gmlTables} (written as `gml-tables-<preset>-seed<seed>.json`). */
export interface GmlTablesResult extends SectionResult<"gml-tables"> {
  /** Every model's test metrics, by name (see {@linkcode GML_TABLES_MODELS}). */
  models: Record<GmlBaseModel, GmlTablesEntry>;
  /** The base methods, with the stages that made each (stage 1, and stage 2 for MiSLAS). */
  bases: (GmlBaseDef & { name: GmlBase; stages: StageFacts[] })[];
  /** Each base's ensemble temperatures chosen on val: the choice and every pair tried. */
  temperatures: Record<GmlBase, GmlTemperatureSelection>;
  /** Each base's ensemble at {@linkcode TABLE_7_TEMPERATURES}, on val and on test. */
  table7: Record<GmlBase, Table7Row[]>;
}

/** Results of {@linkcode gmlAblations} (written as `gml-ablations-<preset>-seed<seed>.json`). */
export interface GmlAblationsResult extends SectionResult<"gml-ablations"> {
  /** Every model's test metrics, by name (see {@linkcode GML_TABLES_MODELS}). */
  models: Record<GmlAblationModel, GmlTablesEntry>;
}

const key = (p: TemperaturePair) => `${p.tOld}/${p.tNew}`;

/**
 * The base model of `base` and the stages that made it. MiSLAS-style is the BTM sections'
 * two-stage pipeline: the CE pre-train, then its classifier post-trained with LAS (the config's
 * post-train, the same cache key as theirs).
 */
async function baseModel(
  ctx: SectionContext,
  base: GmlBase,
): Promise<{ model: Model; final: StageResult; stages: StageResult[] }> {
  if (base === "ce") {
    const f = await runPretrain(ctx);
    return { model: f.model, final: f, stages: [f] };
  }
  if (base === "bsce") {
    const f = await runPretrain(ctx, { stage1: "bsce", step: "bsce" });
    return { model: f.model, final: f, stages: [f] };
  }
  const s1 = await runPretrain(ctx);
  const s2 = await runPostTrain(ctx, s1.model, { step: "mislas" });
  return { model: s2.model, final: s2, stages: [s1, s2] };
}

/** Looks a pair up in trials; undefined when absent. */
function trialAt(trials: readonly TemperatureTrial[], p: TemperaturePair) {
  return trials.find((t) => t.tOld === p.tOld && t.tNew === p.tNew);
}

/**
 * Runs (or loads) the base methods, their GML models and ensembles on the config's benchmark and
 * evaluates every model on the test split (GML Tables 1, 3, 6, 7). Temperatures are chosen on
 * the validation split only (`selectGmlTemperatures`); the test split is read for reporting,
 * after every choice is made. The seed, like every other setting, comes from the config
 * (`overrides: { seed }`).
 */
export async function gmlTables(options: GmlTablesOptions = {}): Promise<GmlTablesResult> {
  return await runSection("gml-tables", options, async (ctx) => {
    const models: Partial<Record<GmlBaseModel, GmlTablesEntry>> = {};
    const bases: GmlTablesResult["bases"] = [];
    const temperatures: Partial<Record<GmlBase, GmlTemperatureSelection>> = {};
    const table7: Partial<Record<GmlBase, Table7Row[]>> = {};
    const evaluated = (target: Parameters<typeof metricsOf>[1]) =>
      ctx.time("eval", () => metricsOf(ctx, target));
    const fixed = ensembleOptions(ctx.config);
    const fixedPair = { tOld: fixed.tOld!, tNew: fixed.tNew! };

    for (const base of GML_BASE_NAMES) {
      const def = GML_BASES[base];
      const b = await baseModel(ctx, base);
      bases.push({ name: base, ...def, stages: b.stages.map(facts) });
      models[base] = { ...facts(b.final), ...(await evaluated(b.model)) };
      const g = await runGml(ctx, b.model, {
        loss: def.gmlLoss === "gml" ? undefined : def.gmlLoss,
        step: "gml",
      });
      models[`${base}+gml`] = { ...facts(g), ...(await evaluated(g.model)) };
      const pair = { oldModel: b.model, newModel: g.model };
      // Chosen on val first; only then is the test split read, for the table.
      const chosen = await ctx.time("temperatures", () => selectGmlTemperatures(pair, ctx.bench));
      temperatures[base] = chosen;
      const grid = gridPairs(TABLE_7_TEMPERATURES);
      const testPairs = [...grid];
      for (const p of [fixedPair, { tOld: chosen.tOld, tNew: chosen.tNew }]) {
        if (!testPairs.some((q) => key(q) === key(p))) testPairs.push(p);
      }
      const onTest = await ctx.time(
        "eval",
        () => temperatureTrials(pair, ctx.bench, { split: "test", pairs: testPairs }),
      );
      const missing = grid.filter((p) => !trialAt(chosen.trail, p));
      const onVal = missing.length === 0 ? [] : await ctx.time(
        "temperatures",
        () => temperatureTrials(pair, ctx.bench, { split: "val", pairs: missing }),
      );
      table7[base] = grid.map((p) => {
        const test = trialAt(onTest, p)!;
        return {
          ...p,
          printed: TABLE_7_PRINTED_PAIRS.includes(key(p)),
          val: (trialAt(chosen.trail, p) ?? trialAt(onVal, p)!).summary,
          test: test.summary,
          testRecalls: test.recalls,
        };
      });
      const entry = (p: TemperaturePair): GmlTablesEntry => {
        const t = trialAt(onTest, p)!;
        return { summary: t.summary, recalls: t.recalls, temperatures: { ...p } };
      };
      models[`${base}+gml-ensemble`] = entry(fixedPair);
      models[`${base}+gml-ensemble-val`] = entry({ tOld: chosen.tOld, tNew: chosen.tNew });
      ctx.drop(g.model);
      for (const s of b.stages) ctx.drop(s.model);
    }
    return {
      models: models as Record<GmlBaseModel, GmlTablesEntry>,
      bases,
      temperatures: temperatures as Record<GmlBase, GmlTemperatureSelection>,
      table7: table7 as Record<GmlBase, Table7Row[]>,
    };
  });
}

/**
 * Runs (or loads) the GML paper's ablations (Tables 8, 9 and appendix Table 1) on the config's
 * benchmark, beside CE + GML and MiSLAS-style + GML (the `gml-tables` stages, from the cache when
 * that section ran first), and evaluates every model on the test split.
 */
export async function gmlAblations(options: GmlTablesOptions = {}): Promise<GmlAblationsResult> {
  return await runSection("gml-ablations", options, async (ctx) => {
    const models: Partial<Record<GmlAblationModel, GmlTablesEntry>> = {};
    const evaluated = (target: Parameters<typeof metricsOf>[1]) =>
      ctx.time("eval", () => metricsOf(ctx, target));
    const ce = await runPretrain(ctx);
    const gml = await runGml(ctx, ce.model, { step: "gml" });
    models["ce+gml"] = { ...facts(gml), ...(await evaluated(gml.model)) };
    ctx.drop(gml.model);
    const two = await runPostTrain(ctx, ce.model, { step: "mislas" });
    const strong = await runGml(ctx, two.model, { loss: GML_BASES.mislas.gmlLoss, step: "gml" });
    models["mislas+gml"] = { ...facts(strong), ...(await evaluated(strong.model)) };
    for (const m of [strong.model, two.model]) ctx.drop(m);

    // Table 8: the re-weighting ablation, on CE.
    const noReweight = await runGml(ctx, ce.model, { reweight: false, step: "ablations" });
    models["ce+gml-no-reweight"] = { ...facts(noReweight), ...(await evaluated(noReweight.model)) };
    ctx.drop(noReweight.model);
    const resampled = await runGml(ctx, ce.model, {
      reweight: false,
      sampler: "class-balanced",
      step: "ablations",
    });
    models["ce+gml-no-reweight-resampled"] = {
      ...facts(resampled),
      ...(await evaluated(resampled.model)),
    };
    ctx.drop(resampled.model);

    // Appendix Table 1: GML's fine-tune with balanced softmax, or CE and re-sampling.
    for (
      const [name, loss, sampler] of [
        ["ce+ce-reweighted", "bsce", undefined],
        ["ce+ce-resampled", "ce", "class-balanced"],
      ] as const
    ) {
      const r = await runGmlBaseline(ctx, ce.model, { loss, sampler, step: "baselines" });
      models[name] = { ...facts(r), ...(await evaluated(r.model)) };
      ctx.drop(r.model);
    }
    ctx.drop(ce.model);

    // Table 9: GML from scratch, on the pre-training budget.
    const scratch = await runPretrain(ctx, { stage1: "gml", step: "scratch" });
    models["gml-scratch"] = { ...facts(scratch), ...(await evaluated(scratch.model)) };
    ctx.drop(scratch.model);
    return { models: models as Record<GmlAblationModel, GmlTablesEntry> };
  });
}
