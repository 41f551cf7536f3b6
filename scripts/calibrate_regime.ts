/**
 * Calibrates a synthetic benchmark against the papers' regime: generates the
 * preset's data with difficulty knobs overridden, trains the CE pre-train to
 * convergence (evaluating the validation split every few epochs, so the
 * curve shows where it plateaus), then fine-tunes BTM members on balanced
 * subsets with the given recipes. Prints every number and appends one JSON
 * line per run to `data/calibration/<preset>.jsonl` (the calibration table:
 * generator settings → converged CE accuracy / G / H / zero-recall classes,
 * on val and test, and the members' numbers).
 *
 *   deno task calibrate [--preset synth100-16] [--difficulty JSON] [--epochs 60] [--every 10]
 *                       [--finetune JSON ...] [--members 2] [--per-class 10] [--seed 0]
 *                       [--threads N] [--note TEXT] [--save FILE] [--no-record]
 *
 * `--difficulty` is a JSON object of `SynthDifficulty` fields (e.g.
 * `{"hueJitter":10,"attributeNoise":0.04}`) applied over the preset's.
 * `--finetune` (repeatable) is a JSON object of the balanced fine-tune's
 * options (`epochs`, `batchSize`, `lr`, `mixupAlpha`, `weightDecay`, …),
 * default the BTM recipe of the config. Decisions are to be taken on the
 * validation numbers (`val`): the test numbers are printed for the record
 * and for the regime targets the report states, never to choose a setting.
 *
 * @module
 */
import { dirname, fromFileUrl, join } from "@std/path";
import { initBackend } from "../lib/backend/mod.ts";
import { generateBenchmark, getPreset, type SynthDifficulty } from "../lib/data/mod.ts";
import { evaluate } from "../lib/eval/mod.ts";
import type { RecallSummary } from "../lib/metrics/mod.ts";
import { buildModel } from "../lib/models/mod.ts";
import { fewShotSubsets } from "../lib/samplers/mod.ts";
import {
  balancedFinetune,
  type BalancedFinetuneOptions,
  btmMemberSeed,
  PRETRAIN_DEFAULTS,
  saveModel,
  trainLoop,
} from "../lib/train/mod.ts";
import { DEFAULT_CONFIG } from "../lib/experiments/mod.ts";
import {
  type CommandSpec,
  intFlag,
  jsonObjectFlag,
  parseCommandLine,
  runCommand,
  UsageError,
  usageText,
} from "./_cli.ts";

const ROOT = join(dirname(fromFileUrl(import.meta.url)), "..");

/** The command line of `deno task calibrate`. */
export const CALIBRATE_COMMAND: CommandSpec = {
  command: "deno task calibrate",
  positionals: { usage: "", min: 0, max: 0 },
  about:
    "Trains a converged CE pre-train and BTM members on a synthetic benchmark with the given\n" +
    "difficulty, and records the numbers in data/calibration/<preset>.jsonl.",
  flags: [
    { name: "preset", kind: "value", value: "P", help: "data preset (default: synth100-16)" },
    { name: "difficulty", kind: "value", value: "JSON", help: "generator knobs over the preset's" },
    { name: "epochs", kind: "value", value: "N", help: "pre-train epochs (default: 60)" },
    { name: "every", kind: "value", value: "N", help: "evaluate val every N epochs (default 10)" },
    { name: "lr", kind: "value", value: "X", help: "pre-train peak learning rate (default 0.1)" },
    {
      name: "finetune",
      kind: "list",
      value: "JSON",
      help: "a balanced fine-tune recipe (repeatable)",
    },
    { name: "members", kind: "value", value: "N", help: "members per recipe (default: 2)" },
    { name: "per-class", kind: "value", value: "N", help: "N_C of the subsets (default: 10)" },
    { name: "seed", kind: "value", value: "S", help: "run seed (default: 0)" },
    { name: "threads", kind: "value", value: "N", help: "compute threads (default: all cores)" },
    { name: "note", kind: "value", value: "TEXT", help: "a remark stored with the record" },
    { name: "save", kind: "value", value: "FILE", help: "also save the pre-trained model there" },
    { name: "record", kind: "switch", negatable: true, help: "do not append to the table" },
  ],
};

type Summary = Pick<
  RecallSummary,
  "accuracy" | "geometricMean" | "harmonicMean" | "lowestRecall" | "zeroClasses"
>;

function pick(s: RecallSummary): Summary {
  return {
    accuracy: s.accuracy,
    geometricMean: s.geometricMean,
    harmonicMean: s.harmonicMean,
    lowestRecall: s.lowestRecall,
    zeroClasses: s.zeroClasses,
  };
}

function fmt(s: Summary): string {
  const p = (x: number) => (100 * x).toFixed(1);
  return `acc ${p(s.accuracy)} G ${p(s.geometricMean)} H ${p(s.harmonicMean)} ` +
    `low ${p(s.lowestRecall)} zero ${s.zeroClasses}`;
}

async function main(args: string[]): Promise<number> {
  const cli = parseCommandLine(args, CALIBRATE_COMMAND);
  if (cli.help) {
    console.log(usageText(CALIBRATE_COMMAND).trimEnd());
    return 0;
  }
  const presetName = (cli.flags.preset as string | undefined) ?? "synth100-16";
  let preset;
  try {
    preset = { ...getPreset(presetName) };
  } catch (e) {
    throw new UsageError(`--preset ${presetName}: ${(e as Error).message}`);
  }
  const difficulty = cli.flags.difficulty
    ? jsonObjectFlag("difficulty", cli.flags.difficulty as string) as SynthDifficulty
    : {};
  preset.difficulty = { ...preset.difficulty, ...difficulty };
  const epochs = intFlag(cli, "epochs", { min: 1 }) ?? 60;
  const every = intFlag(cli, "every", { min: 1 }) ?? 10;
  const lr = cli.flags.lr === undefined ? PRETRAIN_DEFAULTS.lr : Number(cli.flags.lr);
  if (!(lr > 0)) throw new UsageError(`--lr ${cli.flags.lr}: a positive number`);
  const members = intFlag(cli, "members", { min: 1 }) ?? 2;
  const perClass = intFlag(cli, "per-class", { min: 1 }) ?? 10;
  const seed = intFlag(cli, "seed", { min: 0 }) ?? 0;
  const recipes = (cli.flags.finetune as string[]).map((t) => jsonObjectFlag("finetune", t));
  const info = await initBackend({ threads: intFlag(cli, "threads", { min: 1 }) });
  console.log(`backend ${info.backend}, ${info.threads} thread(s)`);

  const t0 = performance.now();
  const bench = await generateBenchmark(preset, presetName);
  console.log(
    `${presetName} ${
      JSON.stringify(preset.difficulty)
    }: ${bench.train.labels.length} train images ` +
      `(${((performance.now() - t0) / 1000).toFixed(0)} s to generate)`,
  );
  const on = async (m: Parameters<typeof evaluate>[0], split: "val" | "test") =>
    pick(
      (await evaluate(m, bench[split]!, {
        trainCounts: bench.trainCounts,
        normalization: bench.normalization,
      })).summary,
    );
  const model = buildModel(DEFAULT_CONFIG.model.arch, {
    numClasses: bench.numClasses,
    inputShape: [bench.train.height, bench.train.width, 3],
    seed,
  });
  const curve: { epoch: number; val: Summary }[] = [];
  const t1 = performance.now();
  await trainLoop(model, bench.train, {
    label: "pretrain",
    epochs,
    batchSize: DEFAULT_CONFIG.pretrain.batchSize,
    lr,
    momentum: DEFAULT_CONFIG.pretrain.momentum,
    weightDecay: DEFAULT_CONFIG.pretrain.weightDecay,
    seed,
    normalization: bench.normalization,
    onProgress: async (e) => {
      if (!e.epochEnd || (e.epoch % every !== 0 && e.epoch !== epochs)) return;
      const val = await on(model, "val");
      curve.push({ epoch: e.epoch, val });
      console.log(`  epoch ${e.epoch}/${epochs} loss ${e.loss.toFixed(3)}: val ${fmt(val)}`);
    },
  });
  const pretrainSeconds = (performance.now() - t1) / 1000;
  const pre = { val: await on(model, "val"), test: await on(model, "test") };
  console.log(
    `pretrain ${epochs} epochs in ${pretrainSeconds.toFixed(0)} s: val ${fmt(pre.val)} | test ${
      fmt(pre.test)
    }`,
  );
  if (cli.flags.save) {
    await saveModel(cli.flags.save as string, model, {
      stage: "calibration pretrain",
      config: { preset: presetName, difficulty: preset.difficulty, epochs, lr, seed },
    });
    console.log(`saved the pre-trained model in ${cli.flags.save}`);
  }
  const subsets = fewShotSubsets(bench.train.labels, { subsets: members, perClass, seed });
  const finetunes = [];
  for (const recipe of recipes) {
    const runs = [];
    for (let i = 0; i < members; i++) {
      const t2 = performance.now();
      const r = await balancedFinetune(model, bench, {
        epochs: DEFAULT_CONFIG.btm.epochs,
        batchSize: DEFAULT_CONFIG.btm.batchSize,
        lr: DEFAULT_CONFIG.btm.lr,
        mixupAlpha: DEFAULT_CONFIG.btm.mixupAlpha,
        weightDecay: DEFAULT_CONFIG.btm.weightDecay,
        momentum: DEFAULT_CONFIG.btm.momentum,
        ...recipe,
        subset: subsets[i],
        seed: btmMemberSeed(seed, i),
        cache: false,
        onProgress: null,
      } as BalancedFinetuneOptions);
      const run = {
        member: i,
        seconds: (performance.now() - t2) / 1000,
        val: await on(r.model, "val"),
        test: await on(r.model, "test"),
      };
      r.model.dispose();
      console.log(
        `  fine-tune ${JSON.stringify(recipe)} member ${i}: val ${fmt(run.val)} | test ${
          fmt(run.test)
        }`,
      );
      runs.push(run);
    }
    finetunes.push({ recipe, runs });
  }
  model.dispose();
  if (cli.flags.record !== false) {
    const path = join(ROOT, "data", "calibration", `${presetName}.jsonl`);
    await Deno.mkdir(dirname(path), { recursive: true });
    const record = {
      at: new Date().toISOString(),
      preset: presetName,
      difficulty: preset.difficulty,
      note: cli.flags.note ?? null,
      backend: info.backend,
      threads: info.threads,
      pretrain: { epochs, lr, seed, seconds: pretrainSeconds, curve, ...pre },
      perClass,
      finetunes,
    };
    await Deno.writeTextFile(path, JSON.stringify(record) + "\n", { append: true });
    console.log(`recorded in ${path}`);
  }
  return 0;
}

if (import.meta.main) await runCommand(CALIBRATE_COMMAND, () => main(Deno.args));
