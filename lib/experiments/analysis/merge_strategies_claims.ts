/**
 * The verdicts of BTM Table 6 (notebook 06), as the paper words them
 * (`btm_paper_with_supplement.txt:268`): right after merging, the adaptive
 * and greedy merges score higher H and G than the plain average; after
 * post-train the plain average has the highest. On every seed.
 *
 * @module
 */
import type { CheckPart, Verdict } from "../../report/mod.ts";
import type { MergeOutcome, MergeStrategiesResult } from "../sections/merge_strategies.ts";
import { checkClaim, paperValue } from "./paper_verdict.ts";
import { perSeed, seedsOf } from "./seed_table.ts";

/** Our merge strategies' rows in the paper's Table 6 (the group printed above each pair of rows). */
export const TABLE_6_ROWS: Readonly<Record<string, string>> = {
  uniform: "Average Merging",
  "adaptive-h": "Adaptive Ratio Based on H-Mean",
  "adaptive-g": "Adaptive Ratio Based on G-Mean",
  "greedy-h": "Greedy Soup Based on H-Mean",
  "greedy-g": "Greedy Soup Based on G-Mean",
};

/** The verdicts of Table 6, in the notebook's order. */
export interface MergeStrategiesClaims {
  /** `btm-table6-before-post-train`: adaptive and greedy merges beat averaging on H and G. */
  before: Verdict;
  /** `btm-table6-after-post-train`: after post-train, averaging has the highest H and G. */
  after: Verdict;
}

type Metric = "harmonicMean" | "geometricMean";
const METRICS: readonly Metric[] = ["harmonicMean", "geometricMean"];
const NAME: Record<Metric, string> = { harmonicMean: "H-mean", geometricMean: "G-mean" };

function outcome(r: Pick<MergeStrategiesResult, "outcomes">, name: string): MergeOutcome {
  const o = r.outcomes.find((x) => x.name === name);
  if (!o) {
    throw new Error(
      `Cannot judge Table 6 without the "${name}" merge: the outcomes are ${
        r.outcomes.map((x) => x.name).join(", ")
      }`,
    );
  }
  return o;
}

/** Table 6's claims, one result per seed (every seed with the same strategies). */
export function mergeStrategiesClaims(
  results: readonly Pick<MergeStrategiesResult, "outcomes" | "seed">[],
): MergeStrategiesClaims {
  const seeds = seedsOf(results);
  const others = results[0].outcomes.filter((o) => o.name !== "uniform").map((o) => o.name);
  if (others.length === 0) {
    throw new Error("Cannot judge Table 6: it needs the uniform merge and at least one other");
  }
  const value = (name: string, when: "before" | "after", m: Metric) =>
    perSeed(results, (r) => outcome(r, name)[when].test[m]);
  const paper = (name: string, when: "before" | "after", m: Metric) =>
    Object.hasOwn(TABLE_6_ROWS, name)
      ? paperValue(
        "table6",
        `${TABLE_6_ROWS[name]}: ${when === "before" ? "Merge" : "Post-train"}`,
        m,
      )
      : null;
  const label = (name: string) => outcome(results[0], name).def.label;
  // Beside every H-mean, its classes at zero recall.
  const zero = (name: string, when: "before" | "after", m: Metric) =>
    m === "harmonicMean"
      ? { zeroClasses: perSeed(results, (r) => outcome(r, name)[when].test.zeroClasses) }
      : {};
  const before: CheckPart[] = METRICS.flatMap((m) =>
    others.map((name) => ({
      what: NAME[m],
      a: {
        label: label(name),
        ours: value(name, "before", m),
        ...zero(name, "before", m),
        paper: paper(name, "before", m),
      },
      b: {
        label: "average",
        ours: value("uniform", "before", m),
        ...zero("uniform", "before", m),
        paper: paper("uniform", "before", m),
      },
    }))
  );
  const after: CheckPart[] = METRICS.flatMap((m) =>
    others.map((name) => ({
      what: NAME[m],
      a: {
        label: "average",
        ours: value("uniform", "after", m),
        ...zero("uniform", "after", m),
        paper: paper("uniform", "after", m),
      },
      b: {
        label: label(name),
        ours: value(name, "after", m),
        ...zero(name, "after", m),
        paper: paper(name, "after", m),
      },
    }))
  );
  return {
    before: checkClaim("btm-table6-before-post-train", before, seeds),
    after: checkClaim("btm-table6-after-post-train", after, seeds),
  };
}
