/**
 * The regime the default experiments must be in for the papers' claims to be
 * testable (issue #14): a CE pre-train like the papers' (few classes at zero
 * recall, a low H-mean), balanced fine-tunes that lift the H-mean a lot, and
 * stand-ins whose CE pre-train is neither hopeless nor trivial. Each target
 * names the papers' numbers it stands for; the notebooks display the checks
 * and the report index lists them. No tfjs.
 *
 * @module
 */
import type { RecallSummary } from "../../metrics/mod.ts";
import { paperTable } from "../../paper/mod.ts";
import {
  type RegimeDisplay,
  regimeDisplay,
  type RegimeRecord,
  regimeRecord,
} from "../../report/regime_check.ts";

type Target = Omit<RegimeRecord, "perSeed" | "value" | "met" | "statistic" | "what"> & {
  what: string;
};

/** The targets of the default benchmark (synth100-16, the CIFAR100-LT stand-in), by id. */
export const REGIME_TARGETS: Readonly<Record<string, Target>> = Object.freeze({
  "pretrain-accuracy": {
    id: "pretrain-accuracy",
    what: "CE pre-train accuracy",
    min: 28,
    max: 50,
    unit: "%",
    basis:
      "CIFAR100-LT CE 38.74 (gml_paper.txt Table 3); Places-LT stage 1 29.62 (btm_paper.txt Table 5)",
  },
  "pretrain-g": {
    id: "pretrain-g",
    what: "CE pre-train G-mean",
    min: 10,
    max: 30,
    unit: "%",
    basis: "CIFAR100-LT CE 21.03 (gml_paper.txt Table 3); Places-LT stage 1 15.22 (Table 5)",
  },
  "pretrain-h": {
    id: "pretrain-h",
    what: "CE pre-train H-mean",
    min: 0.5,
    max: 6,
    unit: "%",
    basis: "CIFAR100-LT CE 2.05 (gml_paper.txt Table 3); Places-LT stage 1 1.47 (Table 5)",
  },
  "pretrain-zero": {
    id: "pretrain-zero",
    what: "CE pre-train classes at zero recall",
    min: 1,
    max: 15,
    unit: "classes",
    basis: "a few: the papers' CE lowest recall is 0 while its H-mean stays above 0.5 %",
  },
  "members-h": {
    id: "members-h",
    what: "BTM members' median H-mean",
    min: 15,
    max: null,
    unit: "%",
    basis: "Places-LT members H 15.3–25.8 (btm_paper.txt Table 5)",
  },
  "members-zero": {
    id: "members-zero",
    what: "BTM members' median zero-recall count",
    min: null,
    max: 0,
    unit: "classes",
    basis: "Places-LT members' lowest recall 1–2 % (btm_paper.txt Table 5)",
  },
  "observation-gain": {
    id: "observation-gain",
    what: "Observation fine-tune f^D's H-mean above f's",
    min: 10,
    max: null,
    unit: "points",
    basis: "Figure 1: the balanced fine-tune lifts the H-mean far above the pre-train's",
  },
});

const pct = (x: number) => 100 * x;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function target(id: string, benchmark: string): Target {
  const t = REGIME_TARGETS[id];
  return { ...t, what: `${t.what}, ${benchmark}` };
}

/** The CE pre-train's four targets, from its test summary on each seed. */
export function pretrainRegime(
  pretrain: readonly RecallSummary[],
  benchmark: string,
): RegimeRecord[] {
  return [
    regimeRecord(target("pretrain-accuracy", benchmark), pretrain.map((s) => pct(s.accuracy))),
    regimeRecord(target("pretrain-g", benchmark), pretrain.map((s) => pct(s.geometricMean))),
    regimeRecord(target("pretrain-h", benchmark), pretrain.map((s) => pct(s.harmonicMean))),
    regimeRecord(target("pretrain-zero", benchmark), pretrain.map((s) => s.zeroClasses)),
  ];
}

/**
 * The BTM members' targets: the median over every member of every seed of the H-mean and of the
 * zero-recall count (per seed: that seed's median).
 */
export function membersRegime(
  members: readonly (readonly RecallSummary[])[],
  benchmark: string,
): RegimeRecord[] {
  const h = members.map((ms) => ms.map((s) => pct(s.harmonicMean)));
  const z = members.map((ms) => ms.map((s) => s.zeroClasses));
  return [
    regimeRecord(target("members-h", benchmark), h.map(median), {
      value: median(h.flat()),
      statistic: "median",
    }),
    regimeRecord(target("members-zero", benchmark), z.map(median), {
      value: median(z.flat()),
      statistic: "median",
    }),
  ];
}

/** The Observation fine-tune's target: f^D's H-mean minus f's, in points, per seed. */
export function observationRegime(
  pairs: readonly { f: RecallSummary; fD: RecallSummary }[],
  benchmark: string,
): RegimeRecord[] {
  return [
    regimeRecord(
      target("observation-gain", benchmark),
      pairs.map((p) => pct(p.fD.harmonicMean) - pct(p.f.harmonicMean)),
    ),
  ];
}

/** How far a stand-in's CE accuracy may be from the paper's first row, in points. */
export const STAND_IN_ACCURACY_BAND = 15;

/**
 * A stand-in's targets: its CE pre-train leaves at most a third of the classes at zero recall,
 * and its accuracy is within {@linkcode STAND_IN_ACCURACY_BAND} points of the first row of the
 * paper's table for that dataset (`table2` Places-LT, `table3` ImageNet-LT, `table4` iNat).
 */
export function standInRegime(
  pretrain: RecallSummary,
  options: { benchmark: string; numClasses: number; paperTable: string },
): RegimeRecord[] {
  if (!Number.isInteger(options.numClasses) || options.numClasses < 1) {
    throw new RangeError(
      `Cannot check the stand-in regime of ${options.benchmark}: numClasses is ${options.numClasses}, not a positive integer`,
    );
  }
  const table = paperTable(options.paperTable);
  const first = table.rows[0];
  const accColumn = Object.entries(table.metrics ?? {}).find(([, m]) => m === "accuracy")?.[0];
  const acc = accColumn === undefined || first === undefined ? undefined : first.values[accColumn];
  if (typeof acc !== "number") {
    throw new Error(`Paper table ${options.paperTable} has no accuracy in its first row`);
  }
  const lo = Math.round(100 * (acc - STAND_IN_ACCURACY_BAND)) / 100;
  const hi = Math.round(100 * (acc + STAND_IN_ACCURACY_BAND)) / 100;
  return [
    regimeRecord({
      id: "stand-in-zero",
      what: `CE pre-train classes at zero recall, ${options.benchmark}`,
      min: null,
      max: Math.floor(options.numClasses / 3),
      unit: "classes",
      basis: `at most a third of its ${options.numClasses} classes`,
    }, [pretrain.zeroClasses]),
    regimeRecord({
      id: "stand-in-accuracy",
      what: `CE pre-train accuracy, ${options.benchmark}`,
      min: lo,
      max: hi,
      unit: "%",
      // The table's own file and label: a GML table is not "btm_paper.txt gml-Table 3".
      basis:
        `±${STAND_IN_ACCURACY_BAND} of the paper's ${first.method} ${acc} (${table.source.file} ${table.source.table})`,
    }, [pct(pretrain.accuracy)]),
  ];
}

/** The paper table each stand-in's targets read (its first row's accuracy). */
export const STAND_IN_PAPER_TABLES: Readonly<Record<"places" | "imagenet" | "inat", string>> = {
  places: "table2",
  imagenet: "table3",
  inat: "table4",
};

type WithData = { data: { name: string; numClasses: number } };

function first<T>(results: readonly T[], what: string): T {
  if (results.length === 0) throw new RangeError(`Cannot check the regime of ${what}: no results`);
  return results[0];
}

/**
 * Notebook 02's regime table: the CE pre-train f's four targets and the Observation fine-tune's
 * gain, from every seed's Observations 1–2 result (f is λ = 0 of the curve, f^D λ = 1).
 */
export function observationsRegimeDisplay(
  results: readonly (WithData & { curve: readonly { lambda: number; summary: RecallSummary }[] })[],
): RegimeDisplay {
  const name = (first(results, "Observations 1–2") as WithData).data.name;
  const at = (r: (typeof results)[number], lambda: number) => {
    const p = r.curve.find((c) => c.lambda === lambda);
    if (!p) throw new Error(`Cannot check the regime: the curve has no λ = ${lambda}`);
    return p.summary;
  };
  return regimeDisplay([
    ...pretrainRegime(results.map((r) => at(r, 0)), name),
    ...observationRegime(results.map((r) => ({ f: at(r, 0), fD: at(r, 1) })), name),
  ], `Regime targets (issue #14), ${results.length} seed(s): the CE pre-train f and f^D`);
}

/** Notebook 05's regime table: the BTM members' median H-mean and zero-recall count, every seed. */
export function membersRegimeDisplay(
  results: readonly (WithData & { members: readonly { summary: RecallSummary }[] })[],
): RegimeDisplay {
  return regimeDisplay(
    membersRegime(
      results.map((r) => r.members.map((m) => m.summary)),
      first(results, "the BTM members").data.name,
    ),
    `Regime targets (issue #14), ${results.length} seed(s): the balanced fine-tunes`,
  );
}

/** Notebook 04's regime table for one stand-in: its CE pre-train's zero-recall count and accuracy. */
export function standInRegimeDisplay(
  result: WithData & { runs: readonly { method: string; btm: boolean; summary: RecallSummary }[] },
  which: "places" | "imagenet" | "inat",
): RegimeDisplay {
  const ce = result.runs.find((r) => r.method === "ce" && !r.btm);
  if (!ce) throw new Error(`Cannot check the ${result.data.name} regime: no CE run`);
  return regimeDisplay(
    standInRegime(ce.summary, {
      benchmark: result.data.name,
      numClasses: result.data.numClasses,
      paperTable: STAND_IN_PAPER_TABLES[which],
    }),
    `Regime targets (issue #14): ${result.data.name}'s CE pre-train`,
  );
}
