/**
 * The paper sections by name: each runs headless (`deno task experiment
 * <name>`) exactly as its notebook runs it, and writes
 * `<name>-<preset>-seed<seed>.json`, one file per seed.
 *
 * @module
 */
import { type ProgressCallback, terminalProgress } from "../../train/mod.ts";
import { checkSeeds, type ConfigOverrides, mergeOverrides } from "../config.ts";
import type { SectionOptions, SectionResult } from "../section.ts";
import { btmGml, type BtmGmlResult } from "./btm_gml.ts";
import { btmMembers, type BtmMembersResult } from "./btm_members.ts";
import { finetuneTargets, type FinetuneTargetsResult, TABLE_8_SCALES } from "./finetune_targets.ts";
import {
  gmlAblations,
  type GmlAblationsResult,
  gmlTables,
  type GmlTablesResult,
} from "./gml_tables.ts";
import { mergeStrategies, type MergeStrategiesResult } from "./merge_strategies.ts";
import {
  methodComparison,
  type MethodComparisonResult,
  TABLES_2_4_STAND_INS,
} from "./method_comparison.ts";
import { observations12, type Observations12Result } from "./observations_1_2.ts";
import { observations34, type Observations34Result } from "./observations_3_4.ts";
import { subsetGrid, type SubsetGridResult, TABLE_7_GRIDS } from "./subset_grid.ts";

/** A registered paper section. */
export interface SectionDef<R extends SectionResult = SectionResult> {
  /** What of the paper it reproduces, in one line. */
  description: string;
  /** The notebook that shows it (in notebooks/, without `.ipynb`). */
  notebook: string;
  /**
   * A core section, run once per seed of the preset (`PRESET_SEEDS`: the
   * verdicts then know their noise); others run the first seed only.
   */
  seeded: boolean;
  /**
   * Runs it at its notebook's scale: the section's own settings for the
   * preset, then `options.overrides` on top.
   */
  run(options?: SectionOptions): Promise<R>;
}

function scaled<T>(table: Readonly<Record<string, T>>, preset?: string): T {
  return table[preset ?? "default"] ?? table.default;
}

/** `options` with a section's own scale for its preset under the caller's overrides. */
function atScale<O extends SectionOptions>(options: O, scale: ConfigOverrides): O {
  return { ...options, overrides: mergeOverrides(scale, options.overrides ?? {}) };
}

function standIn(
  table: "places" | "imagenet" | "inat",
  name: string,
): (options?: SectionOptions) => Promise<MethodComparisonResult> {
  return (options: SectionOptions = {}) =>
    methodComparison({
      ...atScale(options, scaled(TABLES_2_4_STAND_INS, options.preset)[table]),
      name,
    });
}

/**
 * The cuts of the default report (issue #14's budget: `./lab main` in ≤ 45
 * minutes on 2 cores): the seeded sections that run fewer seeds than the
 * preset's at `default`, and how many. `--preset full` runs every seed of
 * every seeded section (the README lists what each cut saves).
 */
export const DEFAULT_SEED_CAPS: Readonly<Partial<Record<keyof Sections, number>>> = {
  // 30 fine-tunes of its own (N_C 5, 20; N_D 20) and 8 post-trainings: ~5 min a seed.
  "table-7-subset-grid": 1,
  // A 60-epoch BSCE pre-training and three GML fine-tunes of 40 epochs: ~5 min a seed.
  "gml-tables": 1,
};

/** The registered sections, each with its result type. */
export interface Sections {
  /** Observations 1–2 (Figure 1). */
  "observations-1-2": SectionDef<Observations12Result>;
  /** Observations 3–4 (Figure 2). */
  "observations-3-4": SectionDef<Observations34Result>;
  /** Table 2 (Places-LT stand-in). */
  "table2-places": SectionDef<MethodComparisonResult>;
  /** Table 3 (ImageNet-LT stand-in). */
  "table3-imagenet": SectionDef<MethodComparisonResult>;
  /** Table 4 (iNaturalist 2018 stand-in). */
  "table4-inat": SectionDef<MethodComparisonResult>;
  /** Table 5, Tables 11–14. */
  "btm-members": SectionDef<BtmMembersResult>;
  /** Table 6. */
  "merge-strategies": SectionDef<MergeStrategiesResult>;
  /** Table 7. */
  "table-7-subset-grid": SectionDef<SubsetGridResult>;
  /** Table 8. */
  "table-8-finetune-targets": SectionDef<FinetuneTargetsResult>;
  /** Tables 9–10. */
  "tables-9-10-btm-gml": SectionDef<BtmGmlResult>;
  /** The GML paper's Tables 1, 3, 6–9 and appendix Table 1. */
  "gml-tables": SectionDef<GmlTablesResult>;
  /** GML paper Tables 8, 9 and appendix Table 1. */
  "gml-ablations": SectionDef<GmlAblationsResult>;
}

/** The sections by name, in notebook order. */
export const SECTIONS: Readonly<Sections> = {
  "observations-1-2": {
    seeded: true,
    description: "Observations 1–2 (Figure 1): f, a balanced fine-tune f^D, and the path between",
    notebook: "02_observations_1_2",
    run: (options = {}) => observations12(options),
  },
  "observations-3-4": {
    seeded: true,
    description: "Observations 3–4 (Figure 2): two balanced fine-tunes, their path, the union",
    notebook: "03_observations_3_4",
    run: (options = {}) => observations34(options),
  },
  "table2-places": {
    seeded: false,
    description: "Table 2: methods without and with BTM on the Places-LT stand-in",
    notebook: "04_tables_2_4_methods",
    run: standIn("places", "table2-places"),
  },
  "table3-imagenet": {
    seeded: false,
    description: "Table 3: methods without and with BTM on the ImageNet-LT stand-in",
    notebook: "04_tables_2_4_methods",
    run: standIn("imagenet", "table3-imagenet"),
  },
  "table4-inat": {
    seeded: false,
    description: "Table 4: methods without and with BTM on the iNaturalist 2018 stand-in",
    notebook: "04_tables_2_4_methods",
    run: standIn("inat", "table4-inat"),
  },
  "btm-members": {
    seeded: true,
    description: "Table 5, Tables 11–14: each balanced fine-tune, their merge, and post-training",
    notebook: "05_table_5_11_14_members",
    run: (options = {}) => btmMembers(options),
  },
  "merge-strategies": {
    seeded: true,
    description: "Table 6: uniform, adaptive-ratio and greedy merges, chosen on val",
    notebook: "06_table_6_merges",
    run: (options = {}) => mergeStrategies(options),
  },
  "table-7-subset-grid": {
    seeded: true,
    description: "Table 7: BTM over the number of subsets N_D and images per class N_C",
    notebook: "07_table_7_nd_nc",
    run: (options = {}) => subsetGrid({ ...scaled(TABLE_7_GRIDS, options.preset), ...options }),
  },
  "table-8-finetune-targets": {
    seeded: false,
    description: "Table 8: what to fine-tune (whole, backbone, classifier) and when",
    notebook: "08_table_8_what_to_finetune",
    run: (options = {}) =>
      finetuneTargets(atScale(options, TABLE_8_SCALES[options.preset ?? "default"] ?? {})),
  },
  "tables-9-10-btm-gml": {
    seeded: false,
    description: "Tables 9–10: GML, BTM, and BTM + GML with their ensembles",
    notebook: "09_tables_9_10_btm_gml",
    run: (options = {}) => btmGml(options),
  },
  "gml-tables": {
    seeded: true,
    description:
      "GML paper Tables 1, 3, 6, 7: GML on CE, BSCE and MiSLAS-style, its ensemble and temperatures",
    notebook: "11_gml_tables",
    run: (options = {}) => gmlTables(options),
  },
  "gml-ablations": {
    seeded: false,
    description:
      "GML paper Tables 8, 9, appendix Table 1: re-weighting, from scratch, better baselines",
    notebook: "11_gml_tables",
    run: (options = {}) => gmlAblations(options),
  },
};

/** The name of a registered section. */
export type SectionName = keyof Sections;

/** The section registered as `name`; an unknown name is an error listing the valid ones. */
export function getSection(name: string): SectionDef {
  if (!Object.hasOwn(SECTIONS, name)) {
    throw new RangeError(
      `Unknown section "${name}": valid sections are ${Object.keys(SECTIONS).join(", ")}`,
    );
  }
  return SECTIONS[name as SectionName];
}

/** The result type of section `N`. */
export type SectionResultOf<N extends SectionName> = Sections[N] extends SectionDef<infer R> ? R
  : never;

/**
 * The seeds section `name` runs for a notebook whose core sections run
 * `seeds`: all of them if it is seeded (at `default`, at most its
 * {@linkcode DEFAULT_SEED_CAPS}), else the first.
 */
export function sectionSeeds(
  name: SectionName,
  seeds: readonly number[],
  preset = "default",
): number[] {
  const checked = checkSeeds(seeds);
  if (!getSection(name).seeded) return checked.slice(0, 1);
  const cap = preset === "default" ? DEFAULT_SEED_CAPS[name] : undefined;
  return cap === undefined ? checked : checked.slice(0, cap);
}

/** What {@linkcode runSeeds} needs: the options of every run and the seeds (as `notebookSetup` returns them). */
export interface SeedsSetup {
  /** Options of every run (the seed is set per run). */
  options?: SectionOptions;
  /** The seeds of the core sections. */
  seeds: readonly number[];
}

/**
 * Runs section `name` once per seed it runs for `setup.seeds` (all of them for
 * a core section, the first otherwise: {@linkcode sectionSeeds}), each run
 * with that seed as the config's `seed` (training and subsets change, the
 * benchmark does not), each writing `<name>-<preset>[-tag]-seed<S>.json`.
 * With several seeds, every progress line names its seed (`[seed 1: pretrain]
 * epoch …`). Returns the results in seed order.
 */
export async function runSeeds<N extends SectionName>(
  name: N,
  setup: SeedsSetup,
): Promise<SectionResultOf<N>[]> {
  const section = getSection(name);
  const options = setup.options ?? {};
  const seeds = sectionSeeds(name, setup.seeds, options.preset);
  const base = options.onProgress === undefined ? terminalProgress() : options.onProgress;
  const out: SectionResultOf<N>[] = [];
  for (const seed of seeds) {
    const overrides = mergeOverrides(options.overrides ?? {}, { seed });
    const onProgress: ProgressCallback | null = base === null || seeds.length === 1
      ? base
      : (e) => base({ ...e, label: `seed ${seed}: ${e.label}` });
    out.push(await section.run({ ...options, overrides, onProgress }) as SectionResultOf<N>);
  }
  return out;
}
