/**
 * The balanced fine-tune's ablation: from one saved pre-trained model (see
 * `deno task calibrate --save`), fine-tunes BTM members with each variant of
 * the recipe and prints their validation (and test) numbers, one line per
 * variant with the median over members. Variants are JSON objects of
 * `trainLoop` options over the base recipe (by default the balanced fine-tune's
 * own, `BALANCED_FINETUNE_DEFAULTS`, with `--base`'s fields over it) (`epochs`, `batchSize`, `lr`,
 * `mixupAlpha`, `bnMomentum`, `dropLast`, `augment`, `warmupEpochs`,
 * `weightDecay`, `schedule`). Choose on `val`; `test` is printed for the note.
 *
 *   deno run -A scripts/ablate_finetune.ts --model FILE [--preset synth100-16]
 *     [--difficulty JSON] [--base JSON] [--variant JSON ...] [--members 3] [--per-class 10]
 *
 * @module
 */
import { initBackend } from "../lib/backend/mod.ts";
import { generateBenchmark, getPreset, type SynthDifficulty } from "../lib/data/mod.ts";
import { evaluate } from "../lib/eval/mod.ts";
import type { RecallSummary } from "../lib/metrics/mod.ts";
import { cloneModel } from "../lib/models/mod.ts";
import { fewShotSubsets } from "../lib/samplers/mod.ts";
import {
  BALANCED_FINETUNE_DEFAULTS,
  btmMemberSeed,
  loadModel,
  trainLoop,
  type TrainLoopOptions,
} from "../lib/train/mod.ts";
import {
  type CommandSpec,
  intFlag,
  jsonObjectFlag,
  parseCommandLine,
  runCommand,
  UsageError,
  usageText,
} from "./_cli.ts";

const COMMAND: CommandSpec = {
  command: "deno run -A scripts/ablate_finetune.ts",
  positionals: { usage: "", min: 0, max: 0 },
  about: "Fine-tunes BTM members with variants of the recipe from one saved pre-trained model.",
  flags: [
    { name: "model", kind: "value", value: "FILE", help: "the pre-trained model (required)" },
    { name: "preset", kind: "value", value: "P", help: "data preset (default: synth100-16)" },
    { name: "difficulty", kind: "value", value: "JSON", help: "generator knobs, as calibrate's" },
    { name: "base", kind: "value", value: "JSON", help: "the base recipe (trainLoop options)" },
    { name: "variant", kind: "list", value: "JSON", help: "options over the base (repeatable)" },
    { name: "members", kind: "value", value: "N", help: "members per variant (default: 3)" },
    { name: "per-class", kind: "value", value: "N", help: "N_C (default: 10)" },
    { name: "threads", kind: "value", value: "N", help: "compute threads" },
  ],
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(args: string[]): Promise<number> {
  const cli = parseCommandLine(args, COMMAND);
  if (cli.help) {
    console.log(usageText(COMMAND).trimEnd());
    return 0;
  }
  if (!cli.flags.model) throw new UsageError("--model FILE is required");
  const preset = { ...getPreset((cli.flags.preset as string | undefined) ?? "synth100-16") };
  preset.difficulty = {
    ...preset.difficulty,
    ...jsonObjectFlag("difficulty", cli.flags.difficulty as string | undefined) as SynthDifficulty,
  };
  const base = jsonObjectFlag("base", cli.flags.base as string | undefined);
  const variants = [
    {},
    ...(cli.flags.variant as string[]).map((v) => jsonObjectFlag("variant", v)),
  ];
  const members = intFlag(cli, "members", { min: 1 }) ?? 3;
  const perClass = intFlag(cli, "per-class", { min: 1 }) ?? 10;
  await initBackend({ threads: intFlag(cli, "threads", { min: 1 }) });
  const bench = await generateBenchmark(preset, "ablation");
  const { model } = await loadModel(cli.flags.model as string);
  const subsets = fewShotSubsets(bench.train.labels, { subsets: members, perClass, seed: 0 });
  const on = async (m: Parameters<typeof evaluate>[0], split: "val" | "test") =>
    (await evaluate(m, bench[split]!, {
      trainCounts: bench.trainCounts,
      normalization: bench.normalization,
    })).summary;
  const p = (x: number) => (100 * x).toFixed(1);
  console.log(
    `base ${JSON.stringify(base)}; ${members} members of ${perClass}/class; median of members`,
  );
  for (const variant of variants) {
    const rows: { val: RecallSummary; test: RecallSummary }[] = [];
    const t0 = performance.now();
    for (let i = 0; i < members; i++) {
      const copy = cloneModel(model);
      await trainLoop(copy, bench.train, {
        label: "ablation",
        epochs: BALANCED_FINETUNE_DEFAULTS.epochs,
        batchSize: BALANCED_FINETUNE_DEFAULTS.batchSize,
        lr: BALANCED_FINETUNE_DEFAULTS.lr,
        mixupAlpha: BALANCED_FINETUNE_DEFAULTS.mixupAlpha,
        ...base,
        ...variant,
        indices: subsets[i],
        seed: btmMemberSeed(0, i),
        normalization: bench.normalization,
        onProgress: null,
      } as TrainLoopOptions);
      rows.push({ val: await on(copy, "val"), test: await on(copy, "test") });
      copy.dispose();
    }
    const m = (split: "val" | "test", k: keyof RecallSummary) =>
      median(rows.map((r) => r[split][k] as number));
    const line = (split: "val" | "test") =>
      `${split} acc ${p(m(split, "accuracy"))} G ${p(m(split, "geometricMean"))} H ${
        p(m(split, "harmonicMean"))
      } zero ${m(split, "zeroClasses")}`;
    console.log(
      `${JSON.stringify(variant).padEnd(48)} ${line("val")} | ${line("test")} (${
        ((performance.now() - t0) / 1000).toFixed(0)
      } s)`,
    );
  }
  model.dispose();
  return 0;
}

if (import.meta.main) await runCommand(COMMAND, () => main(Deno.args));
