/**
 * A one-minute demo: trains the standard small model (ResNet-8, widths
 * 16/32/64) for one epoch with cross-entropy on the generated long-tailed
 * benchmark and prints the papers' metrics on the balanced test split.
 *
 *   deno task demo [--preset synth100-16] [--backend wasm] [--threads N] [--seed S]
 *
 * @module
 */
import { parseArgs } from "@std/cli";
import {
  type BackendName,
  evaluate,
  initBackend,
  loadBenchmark,
  pretrain,
  terminalProgress,
} from "../lib/mod.ts";

const args = parseArgs(Deno.args, {
  string: ["preset", "backend", "threads", "seed"],
  default: { preset: "synth100-16", seed: "0" },
});
const info = await initBackend({
  backend: args.backend as BackendName | undefined,
  threads: args.threads ? Number(args.threads) : undefined,
});
console.log(`backend ${info.backend} (${info.threads} threads): ${info.reason}`);
const bench = await loadBenchmark(args.preset);
console.log(
  `${bench.name}: ${bench.train.labels.length} training images, ${bench.numClasses} classes`,
);
const { model } = await pretrain(bench, {
  epochs: 1,
  seed: Number(args.seed),
  cache: false,
  onProgress: terminalProgress(),
});
const { summary } = await evaluate(model, bench.test, {
  trainCounts: bench.trainCounts,
  normalization: bench.normalization,
});
const pct = (v: number | undefined) => v === undefined ? "-" : `${(100 * v).toFixed(2)}%`;
console.log(
  `after 1 epoch: accuracy ${pct(summary.accuracy)}, G-mean ${pct(summary.geometricMean)}, ` +
    `H-mean ${pct(summary.harmonicMean)}, lowest recall ${pct(summary.lowestRecall)}, ` +
    `${summary.zeroClasses} classes at zero recall; many/medium/few ${pct(summary.many)} / ` +
    `${pct(summary.medium)} / ${pct(summary.few)}`,
);
model.dispose();
