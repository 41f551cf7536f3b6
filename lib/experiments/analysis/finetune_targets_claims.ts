/**
 * The verdicts of BTM Table 8 (notebook 08), as the paper words them
 * (`btm_paper_with_supplement.txt:272`): fine-tuning only the backbone or
 * only the classifier improves H and G, but less than the whole model; and
 * balanced training between stages 1 and 2 beats balanced training after
 * stage 2.
 *
 * @module
 */
import type { FinetuneTrainable } from "../../train/mod.ts";
import type { CheckPart, Verdict } from "../../report/mod.ts";
import type { FinetuneTargetsResult, FinetuneVariant } from "../sections/finetune_targets.ts";
import { checkClaim, paperValue } from "./paper_verdict.ts";
import { perSeed, seedsOf } from "./seed_table.ts";

/** Our variants' rows in the paper's Table 8 (which single-part row is which: see the table's notes). */
export const TABLE_8_ROWS: Readonly<
  Record<"between" | "after", Record<FinetuneTrainable, string>>
> = {
  between: {
    all: "Between Stage1&2, backbone + classifier",
    backbone: "Between Stage1&2, backbone only",
    classifier: "Between Stage1&2, classifier only",
  },
  after: {
    all: "After Stage2, backbone + classifier",
    backbone: "After Stage2, backbone only",
    classifier: "After Stage2, classifier only",
  },
};

/** The verdicts of Table 8, in the notebook's order. */
export interface FinetuneTargetsClaims {
  /** `btm-table8-whole-model`: the single parts improve H and G over the two-stage model; the whole model more. */
  wholeModel: Verdict;
  /** `btm-table8-when`: between stages beats after stage 2, for each variant run at both times. */
  when: Verdict;
}

type Metric = "harmonicMean" | "geometricMean";
const METRICS: readonly Metric[] = ["harmonicMean", "geometricMean"];
const NAME: Record<Metric, string> = { harmonicMean: "H-mean", geometricMean: "G-mean" };
const PART: Record<FinetuneTrainable, string> = {
  all: "whole model",
  backbone: "backbone only",
  classifier: "classifier only",
};

function variant(
  r: Pick<FinetuneTargetsResult, "variants">,
  trainable: FinetuneTrainable,
  when: "between" | "after",
): FinetuneVariant | undefined {
  return r.variants.find((v) => v.trainable === trainable && v.when === when);
}

/** Table 8's claims on each variant's final model, one result per seed. */
export function finetuneTargetsClaims(
  results: readonly Pick<FinetuneTargetsResult, "variants" | "twoStage" | "seed">[],
): FinetuneTargetsClaims {
  const seeds = seedsOf(results);
  const r0 = results[0];
  const get = (t: FinetuneTrainable, w: "between" | "after", m: Metric) =>
    perSeed(results, (r) => {
      const v = variant(r, t, w);
      if (!v) throw new Error(`Table 8 has no "${PART[t]}, ${w}" variant`);
      return v.final.summary[m];
    });
  const side = (t: FinetuneTrainable, w: "between" | "after", m: Metric) => ({
    label: `${PART[t]}${w === "after" ? ", after stage 2" : ""}`,
    ours: get(t, w, m),
    ...(m === "harmonicMean"
      ? { zeroClasses: perSeed(results, (r) => variant(r, t, w)!.final.summary.zeroClasses) }
      : {}),
    paper: paperValue("table8", TABLE_8_ROWS[w][t], m),
  });
  if (!variant(r0, "all", "between")) {
    throw new Error(
      `Cannot judge Table 8 from the variants ${
        r0.variants.map((v) => v.name).join(", ") || "(none)"
      }: it needs the whole-model, between-stages variant`,
    );
  }
  const singles = (["backbone", "classifier"] as const).filter((t) => variant(r0, t, "between"));
  const whole: CheckPart[] = METRICS.flatMap((m) => [
    ...singles.map((t) => ({
      what: NAME[m],
      a: side(t, "between", m),
      b: {
        label: "two-stage",
        ours: perSeed(results, (r) => r.twoStage.summary[m]),
        ...(m === "harmonicMean"
          ? { zeroClasses: perSeed(results, (r) => r.twoStage.summary.zeroClasses) }
          : {}),
        paper: paperValue("table5", "Stage2", m),
      },
    })),
    ...singles.map((t) => ({
      what: NAME[m],
      a: side("all", "between", m),
      b: side(t, "between", m),
    })),
  ]);
  const both = (["all", "backbone", "classifier"] as const).filter((t) =>
    variant(r0, t, "between") && variant(r0, t, "after")
  );
  if (both.length === 0) {
    throw new Error("Cannot judge Table 8's 'when': no variant ran both between stages and after");
  }
  const when: CheckPart[] = METRICS.flatMap((m) =>
    both.map((t) => ({ what: NAME[m], a: side(t, "between", m), b: side(t, "after", m) }))
  );
  return {
    wholeModel: checkClaim("btm-table8-whole-model", whole, seeds),
    when: checkClaim("btm-table8-when", when, seeds),
  };
}
