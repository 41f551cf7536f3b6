/**
 * The verdicts of BTM Tables 9–10 (notebook 09), as the paper words them
 * (`btm_paper_with_supplement.txt:274`, 339): GML raises H but costs
 * accuracy, BTM costs little; BTM + GML beats GML alone on H, BTM alone keeps
 * the higher G. Table 10 (PaCo) is not run: PaCo is not implemented. The
 * logic reads only the named models' test summaries, not how GML made them.
 *
 * @module
 */
import { paperRow, paperTable } from "../../paper/mod.ts";
import type { CheckPart, Verdict } from "../../report/mod.ts";
import type { BtmGmlModel, BtmGmlResult } from "../sections/btm_gml.ts";
import { ALMOST_INTACT_DROP } from "./btm_members_claims.ts";
import { checkClaim, claimNotRun, paperValue } from "./paper_verdict.ts";
import { perSeed, seedsOf } from "./seed_table.ts";

/** Our models' rows in the paper's Table 9 (Places-LT, MiSLAS). */
export const TABLE_9_ROWS: Readonly<Partial<Record<BtmGmlModel, string>>> = {
  "two-stage": "MisLas",
  gml: "MisLas + GML",
  btm: "MisLas + BTM",
  "btm+gml": "MisLas + BTM + GML",
};

/** The verdicts of Tables 9–10, in the notebook's order. */
export interface BtmGmlClaims {
  /** `btm-table9-gml-vs-btm`: GML raises H but lowers accuracy; BTM's accuracy within 1 point. */
  gmlVsBtm: Verdict;
  /** `btm-table9-combined`: BTM + GML beats GML on H; BTM beats BTM + GML on G. */
  combined: Verdict;
  /** `btm-table10`: not run (PaCo). */
  table10: Verdict;
  /** `btm-table10-combined`: not run (PaCo). */
  table10Combined: Verdict;
}

type Metric = "harmonicMean" | "geometricMean" | "accuracy";
const NAME: Record<Metric, string> = {
  harmonicMean: "H-mean",
  geometricMean: "G-mean",
  accuracy: "accuracy",
};
const LABEL: Partial<Record<BtmGmlModel, string>> = {
  "two-stage": "two-stage",
  gml: "GML",
  btm: "BTM",
  "btm+gml": "BTM + GML",
};

function table10Summary(): string {
  const t = paperTable("table10");
  return t.rows.map((r) =>
    `${r.method}: H ${r.values["H-Mean"]}, G ${r.values["G-Mean"]}, accuracy ${
      r.values["Accuracy"]
    }`
  ).join("; ");
}

/** Tables 9–10's claims, one result per seed. */
export function btmGmlClaims(
  results: readonly Pick<BtmGmlResult, "models" | "seed">[],
): BtmGmlClaims {
  const seeds = seedsOf(results);
  const side = (name: BtmGmlModel, m: Metric) => {
    if (results.some((r) => r.models[name] === undefined)) {
      throw new Error(`Cannot judge Tables 9–10: a result has no "${name}" model`);
    }
    return {
      label: LABEL[name] ?? name,
      ours: perSeed(results, (r) => r.models[name].summary[m]),
      ...(m === "harmonicMean"
        ? { zeroClasses: perSeed(results, (r) => r.models[name].summary.zeroClasses) }
        : {}),
      paper: TABLE_9_ROWS[name] ? paperValue("table9", TABLE_9_ROWS[name]!, m) : null,
    };
  };
  const gmlVsBtm: CheckPart[] = [
    {
      what: NAME.harmonicMean,
      a: side("gml", "harmonicMean"),
      b: side("two-stage", "harmonicMean"),
    },
    {
      what: NAME.accuracy,
      a: side("gml", "accuracy"),
      b: side("two-stage", "accuracy"),
      expect: "lower",
    },
    {
      what: NAME.accuracy,
      a: side("btm", "accuracy"),
      b: side("two-stage", "accuracy"),
      margin: -ALMOST_INTACT_DROP,
      note: `"little harm": at most ${100 * ALMOST_INTACT_DROP} point below`,
    },
  ];
  const combined: CheckPart[] = [
    { what: NAME.harmonicMean, a: side("btm+gml", "harmonicMean"), b: side("gml", "harmonicMean") },
    {
      what: NAME.geometricMean,
      a: side("btm", "geometricMean"),
      b: side("btm+gml", "geometricMean"),
    },
  ];
  const summary = table10Summary();
  paperRow("table10", "PaCo + BTM + GML"); // the rows the sentence names exist
  return {
    gmlVsBtm: checkClaim("btm-table9-gml-vs-btm", gmlVsBtm, seeds),
    combined: checkClaim("btm-table9-combined", combined, seeds),
    table10: claimNotRun(
      "btm-table10",
      "PaCo is not implemented (Table 10 is PaCo on ImageNet-LT)",
      summary,
    ),
    table10Combined: claimNotRun("btm-table10-combined", "PaCo is not implemented", summary),
  };
}
