/**
 * The verdicts of BTM Tables 9–10 (notebook 09): BTM + GML against either
 * alone, for the plain models and for GML's ensembles.
 *
 * @module
 */
import { allOf, greaterThan, type Verdict, verdict } from "../../report/mod.ts";
import type { BtmGmlModel, BtmGmlResult } from "../sections/btm_gml.ts";

/** The verdicts of Tables 9–10, in the notebook's order. */
export interface BtmGmlClaims {
  /** BTM + GML beats GML alone and BTM alone on the H- and G-mean. */
  plain: Verdict;
  /** BTM + GML's ensemble beats GML's ensemble and BTM on the H- and G-mean. */
  ensemble: Verdict;
}

/**
 * Tables 9–10's claim "BTM + GML beats either alone", read as GML alone and
 * BTM alone (merge + post-training): the plain models with each other, and
 * the ensembles with the GML ensemble and BTM.
 */
export function btmGmlClaims(result: Pick<BtmGmlResult, "models">): BtmGmlClaims {
  const m = result.models;
  const beats = (
    a: BtmGmlModel,
    aName: string,
    rivals: [BtmGmlModel, string][],
  ) =>
    allOf(
      (["harmonicMean", "geometricMean"] as const).flatMap((key) =>
        rivals.map(([b, bName]) => {
          const metric = key === "harmonicMean" ? "H-mean" : "G-mean";
          return greaterThan(
            { label: `${aName} ${metric}`, value: m[a].summary[key] },
            { label: `${bName} ${metric}`, value: m[b].summary[key] },
          );
        })
      ),
    );
  const source = { source: "BTM paper, Tables 9–10" };
  return {
    plain: verdict(
      "Tables 9–10 (our reading): BTM + GML beats GML alone and BTM alone on the H-mean and the G-mean",
      beats("btm+gml", "BTM + GML", [["gml", "GML"], ["btm", "BTM"]]),
      source,
    ),
    ensemble: verdict(
      "Tables 9–10 (our reading), with GML's ensemble: BTM + GML ensemble beats the GML ensemble and BTM on the H-mean and the G-mean",
      beats("btm+gml-ensemble", "BTM + GML ens.", [["gml-ensemble", "GML ens."], ["btm", "BTM"]]),
      source,
    ),
  };
}
