/**
 * Runs a pipeline or a paper section headless, by name, and writes its
 * results JSON.
 *
 *   deno task experiment <name> [--preset P] [--seed S[,S...]] [--set KEY=VALUE ...] [--out DIR]
 *                               [--backend B] [--threads N] [--no-cache]
 *
 * `--seed 0,1,2` runs the experiment once per seed (training and subsets
 * change, the benchmark does not), one results file per seed.
 *
 * Everything on the command line is checked before the backend starts and
 * before any training: a mistake is one line and exit status 2.
 *
 * @module
 */
import { BACKEND_NAMES, type BackendName, initBackend } from "../lib/backend/mod.ts";
import {
  checkOutDir,
  checkPreset,
  DEFAULT_CONFIG,
  describeConfig,
  describeSettings,
  EXPERIMENT_PRESETS,
  getSection,
  mergeOverrides,
  parseSettings,
  PIPELINES,
  resolveConfig,
  resultsDir,
  runExperiment,
  type SectionOptions,
  SECTIONS,
  settingsTag,
} from "../lib/experiments/mod.ts";
import {
  asUsage,
  choiceFlag,
  type CommandSpec,
  intFlag,
  parseCommandLine,
  runCommand,
  UsageError,
  usageText,
} from "./_cli.ts";

function registry(entries: [string, string][]): string {
  const width = Math.max(...entries.map(([n]) => n.length));
  return entries.map(([n, d]) => `  ${n.padEnd(width)}  ${d}`).join("\n");
}

/** The command line of `deno task experiment`. */
export const EXPERIMENT_COMMAND: CommandSpec = {
  command: "deno task experiment",
  positionals: { usage: "<name>", min: 0, max: 1 },
  about: [
    "Runs a pipeline or a paper section and writes <out>/<name>-<preset>-seed<seed>.json",
    "(with --set: <name>-<preset>-set-<hash>-seed<seed>.json, so the preset's own results stay);",
    "with --seed 0,1,2, once per seed, one file each.",
    "",
    "Pipelines:",
    registry(Object.entries(PIPELINES).map(([n, p]) => [n, p.description])),
    "",
    "Sections (each as its notebook runs it):",
    registry(Object.entries(SECTIONS).map(([n, s]) => [n, s.description])),
  ].join("\n"),
  flags: [
    {
      name: "preset",
      kind: "value",
      value: "P",
      help: `config preset: ${Object.keys(EXPERIMENT_PRESETS).join(", ")} (default: default)`,
    },
    {
      name: "seed",
      kind: "value",
      value: "S",
      help: "run seed, an integer >= 0, or a list 0,1,2 to run each (default: the preset's, 0)",
    },
    {
      name: "set",
      kind: "list",
      value: "KEY=VALUE",
      help: "override a config field, e.g. --set pretrain.lr=0.05 (repeatable; keys below)",
    },
    {
      name: "out",
      kind: "value",
      value: "DIR",
      help: "folder of the results JSON (default: $BTM_RESULTS_DIR, else reports/results/)",
    },
    {
      name: "backend",
      kind: "value",
      value: "B",
      help: `tfjs backend: ${BACKEND_NAMES.join(", ")} (default: the best available)`,
    },
    {
      name: "threads",
      kind: "value",
      value: "N",
      help: "compute threads (oneDNN's or wasm's), an integer >= 1 (default: all cores)",
    },
    {
      name: "cache",
      kind: "switch",
      negatable: true,
      help: "retrain every stage instead of loading cached ones",
    },
  ],
  more: ["Config keys for --set:", ...describeSettings(DEFAULT_CONFIG).map((l) => `  ${l}`)]
    .join("\n"),
};

async function main(args: string[]): Promise<number> {
  const cli = parseCommandLine(args, EXPERIMENT_COMMAND);
  if (cli.help) {
    console.log(usageText(EXPERIMENT_COMMAND).trimEnd());
    return 0;
  }
  const name = cli.positionals[0];
  const names = [...Object.keys(PIPELINES), ...Object.keys(SECTIONS)];
  if (name === undefined) {
    throw new UsageError(`missing <name>: give a pipeline or section (${names.join(", ")})`);
  }
  if (!names.includes(name)) {
    throw new UsageError(
      `unknown experiment "${name}": pipelines are ${Object.keys(PIPELINES).join(", ")}; ` +
        `sections are ${Object.keys(SECTIONS).join(", ")}`,
    );
  }
  const preset = (cli.flags.preset as string | undefined) ?? "default";
  await asUsage(() => checkPreset(preset));
  const seeds = seedsFlag(cli);
  const settings = cli.flags.set as string[];
  const set = await asUsage(() => parseSettings(settings));
  if (seeds !== undefined && set.seed !== undefined) {
    throw new UsageError("the seed is given by both --seed and --set seed=…; give it once");
  }
  const overrides = mergeOverrides(set, seeds === undefined ? {} : { seed: seeds[0] });
  const config = await asUsage(() => resolveConfig(preset, overrides));
  const out = await asUsage(() =>
    checkOutDir((cli.flags.out as string | undefined) ?? resultsDir())
  );
  const backend = choiceFlag(cli, "backend", BACKEND_NAMES);
  const threads = intFlag(cli, "threads", { min: 1, what: "the thread count" });

  console.log(`${name}, preset ${preset}${settings.length ? ` + ${settings.join(" ")}` : ""}`);
  console.log(`config: ${describeConfig(config)}`);
  const info = await initBackend({ backend: backend as BackendName | undefined, threads });
  console.log(`backend ${info.backend} (${info.threads} threads): ${info.reason}`);
  const tag = await settingsTag(settings);
  for (const seed of seeds ?? [config.seed]) {
    if (seeds !== undefined && seeds.length > 1) console.log(`seed ${seed}:`);
    const options: SectionOptions = {
      preset,
      overrides: mergeOverrides(overrides, { seed }),
      out,
      cache: cli.flags.cache ? undefined : false,
      tag,
    };
    if (Object.hasOwn(PIPELINES, name)) {
      const result = await runExperiment(name, options);
      for (const m of result.models) {
        const s = m.summary;
        const pct = (v: number) => (100 * v).toFixed(2);
        console.log(
          `${m.name.padEnd(24)} acc ${pct(s.accuracy)}  G ${pct(s.geometricMean)}  ` +
            `H ${pct(s.harmonicMean)} (${s.zeroClasses} classes at 0)  low ${pct(s.lowestRecall)}`,
        );
      }
      console.log(`results: ${result.path} (${result.timings.total.toFixed(1)} s)`);
    } else {
      const result = await getSection(name).run(options);
      const ran = describeConfig(result.config);
      if (ran !== describeConfig({ ...config, seed })) {
        console.log(`the section's own scale: ${ran}`);
      }
      console.log(`results: ${result.path} (${result.timings.total.toFixed(1)} s)`);
    }
  }
  return 0;
}

/**
 * The seeds of `--seed`: one integer >= 0, or a comma-separated list of them
 * without repeats; undefined when the flag was not given.
 */
function seedsFlag(cli: ReturnType<typeof parseCommandLine>): number[] | undefined {
  const text = cli.flags.seed as string | undefined;
  if (text === undefined) return undefined;
  if (!text.includes(",")) return [intFlag(cli, "seed", { min: 0, what: "the seed" })!];
  const seeds = text.split(",").map((t) => (/^\d+$/.test(t.trim()) ? Number(t.trim()) : NaN));
  if (seeds.some((s) => !Number.isInteger(s))) {
    throw new UsageError(`--seed ${text}: each seed must be an integer >= 0, as in --seed 0,1,2`);
  }
  if (new Set(seeds).size !== seeds.length) {
    throw new UsageError(`--seed ${text}: a seed is repeated; give each once, as in --seed 0,1,2`);
  }
  return seeds;
}

if (import.meta.main) await runCommand(EXPERIMENT_COMMAND, () => main(Deno.args));
