/**
 * A one-minute demo: trains the standard small model (ResNet-8, widths
 * 16/32/64) for one epoch with cross-entropy on the generated long-tailed
 * benchmark and prints the papers' metrics on the balanced test split.
 *
 *   deno task demo [--preset synth100-16] [--backend wasm] [--threads N] [--seed S]
 *
 * @module
 */
import {
  BACKEND_NAMES,
  DATA_PRESETS,
  evaluateOn,
  initBackend,
  loadBenchmark,
  pretrain,
  terminalProgress,
} from "../lib/mod.ts";
import {
  choiceFlag,
  type CommandSpec,
  intFlag,
  parseCommandLine,
  runCommand,
  usageText,
} from "./_cli.ts";

/** The command line of `deno task demo`. */
export const DEMO_COMMAND: CommandSpec = {
  command: "deno task demo",
  positionals: { usage: "", min: 0, max: 0 },
  about:
    "Trains ResNet-8 for one epoch on a generated long-tailed benchmark and prints its metrics.",
  flags: [
    {
      name: "preset",
      kind: "value",
      value: "P",
      help: `data preset: ${Object.keys(DATA_PRESETS).join(", ")} (default: synth100-16)`,
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
    { name: "seed", kind: "value", value: "S", help: "run seed, an integer >= 0 (default: 0)" },
  ],
};

async function main(args: string[]): Promise<number> {
  const cli = parseCommandLine(args, DEMO_COMMAND);
  if (cli.help) {
    console.log(usageText(DEMO_COMMAND).trimEnd());
    return 0;
  }
  const preset = choiceFlag(cli, "preset", Object.keys(DATA_PRESETS)) ?? "synth100-16";
  const backend = choiceFlag(cli, "backend", BACKEND_NAMES);
  const threads = intFlag(cli, "threads", { min: 1, what: "the thread count" });
  const seed = intFlag(cli, "seed", { min: 0, what: "the seed" }) ?? 0;
  const info = await initBackend({ backend, threads });
  console.log(`backend ${info.backend} (${info.threads} threads): ${info.reason}`);
  const bench = await loadBenchmark(preset);
  console.log(
    `${bench.name}: ${bench.train.labels.length} training images, ${bench.numClasses} classes`,
  );
  const { model } = await pretrain(bench, {
    epochs: 1,
    seed,
    cache: false,
    onProgress: terminalProgress(),
  });
  const { summary } = await evaluateOn(model, bench, "test");
  const pct = (v: number | undefined) => v === undefined ? "-" : `${(100 * v).toFixed(2)}%`;
  console.log(
    `after 1 epoch: accuracy ${pct(summary.accuracy)}, G-mean ${pct(summary.geometricMean)}, ` +
      `H-mean ${pct(summary.harmonicMean)}, lowest recall ${pct(summary.lowestRecall)}, ` +
      `${summary.zeroClasses} classes at zero recall; many/medium/few ${pct(summary.many)} / ` +
      `${pct(summary.medium)} / ${pct(summary.few)}`,
  );
  model.dispose();
  return 0;
}

if (import.meta.main) await runCommand(DEMO_COMMAND, () => main(Deno.args));
