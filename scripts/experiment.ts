/**
 * Runs a named experiment pipeline headless and writes its results JSON.
 *
 *   deno task experiment <name> [--preset P] [--seed S] [--out DIR] [--backend B] [--threads N] [--no-cache]
 *
 * @module
 */
import { parseArgs } from "@std/cli";
import { type BackendName, initBackend } from "../lib/backend/mod.ts";
import { EXPERIMENT_PRESETS, PIPELINES, runExperiment } from "../lib/experiments/mod.ts";

const HELP = `Usage: deno task experiment <name> [options]

Experiments:
${Object.keys(PIPELINES).map((n) => `  ${n}`).join("\n")}

Options:
  --preset P     config preset: ${Object.keys(EXPERIMENT_PRESETS).join(", ")} (default: default)
  --seed S       run seed (default: the preset's, 0)
  --out DIR      folder of the results JSON (default: reports/results/)
  --backend B    tfjs backend: tensorflow, webgpu, wasm, cpu (default: best available)
  --threads N    wasm threads (default: all cores)
  --no-cache     retrain every stage instead of loading cached ones
  --help         this text
`;

async function main(args: string[]): Promise<number> {
  const flags = parseArgs(args, {
    string: ["preset", "seed", "out", "backend", "threads"],
    boolean: ["help", "cache"],
    default: { cache: true },
    negatable: ["cache"],
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const name = flags._[0] === undefined ? undefined : String(flags._[0]);
  if (!name || !Object.hasOwn(PIPELINES, name)) {
    console.error(
      name ? `Unknown experiment "${name}".\n\n${HELP}` : `Missing the experiment name.\n\n${HELP}`,
    );
    return 2;
  }
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    console.error(`Invalid --seed ${flags.seed}: it must be an integer`);
    return 2;
  }
  const threads = flags.threads === undefined ? undefined : Number(flags.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    console.error(`Invalid --threads ${flags.threads}: it must be a positive integer`);
    return 2;
  }
  const info = await initBackend({ backend: flags.backend as BackendName | undefined, threads });
  console.log(`backend ${info.backend} (${info.threads} threads): ${info.reason}`);
  const result = await runExperiment(name, {
    preset: flags.preset,
    overrides: seed === undefined ? {} : { seed },
    out: flags.out,
    cache: flags.cache ? undefined : false,
  });
  for (const m of result.models) {
    const s = m.summary;
    console.log(
      `${m.name.padEnd(24)} acc ${(100 * s.accuracy).toFixed(2)}  G ${
        (100 * s.geometricMean).toFixed(2)
      }  ` +
        `H ${(100 * s.harmonicMean).toFixed(2)}  low ${(100 * s.lowestRecall).toFixed(2)}`,
    );
  }
  console.log(`results: ${result.path} (${result.timings.total.toFixed(1)} s)`);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
