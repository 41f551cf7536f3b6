/**
 * Training / inference throughput of the project's CIFAR ResNets (ResNet-8 or
 * ResNet-32, widths 16/32/64, 100 classes), batch 128, SGD momentum 0.9, at
 * 16×16 and/or 32×32 inputs, on the backend initBackend picks (or the one
 * named). Where Debian's PyTorch is importable by /usr/bin/python3, the same
 * model, batch, steps and thread count also run in PyTorch CPU
 * (bench/torch_ref.py) in both its layouts, NCHW and channels_last, one
 * after the other, never at once; the ratio ours / PyTorch is taken against
 * the faster layout.
 *
 * Usage: `deno task bench [--backend onednn|wasm|cpu] [--threads 2]
 * [--model resnet8|resnet32] [--size 16|32|both] [--steps 10] [--warmup 2]
 * [--batch 128] [--repeats 1] [--no-torch] [--json] [--profile] [--ceiling]`.
 * With `--repeats r`, ours and each PyTorch layout run alternately r times per
 * size and the best throughput of each is kept (the machine is shared, so the
 * best of several runs is the least disturbed).
 *
 * `--json` prints one JSON object per line, one per model and input size:
 * `{ backend, onednn_version?, threads, model, input, batch, steps, repeats,
 * train_img_per_s, infer_img_per_s, train_gflop_per_s, infer_gflop_per_s,
 * load_avg_1m, reference?: { impl, layout, threads, train_img_per_s,
 * infer_img_per_s, train_ratio, infer_ratio }, reference_layouts?: { nchw:
 * {…}, channels_last: {…} } }`: `reference` is the faster layout (by training
 * throughput) and `reference_layouts` both. FLOPs are counted analytically
 * (convolutions and classifier: 2 × MACs forward, 3× that for training).
 *
 * `--profile` then runs `--steps` more training steps with every kernel of
 * the active backend wrapped in a timer and prints ms per step by top-level
 * kernel (a kernel's time includes the kernels it calls, e.g. the Conv2D
 * inside Conv2DBackpropFilter) and the remainder outside kernels (taping,
 * JS). Synchronous backends only (onednn, wasm, cpu); not part of the timed runs.
 *
 * `--ceiling` bounds what training on this backend's convolution could reach.
 * It captures Conv2D calls and times each alone, warm (same input and filter
 * again, so nothing is packed or set up anew), with nothing else costing
 * time: "ideal" takes 3 × the forward pass's convolutions as the step (a step
 * convolves forward, for dx and for dW at equal FLOPs, so this assumes both
 * gradients at forward speed); "as run" sums every Conv2D a training step
 * runs, including those inside the registered dx and dW kernels, in the
 * shapes they run them. Synchronous backends only. JSON:
 * `ceiling_train_img_per_s`, `ceiling_as_run_train_img_per_s` (and
 * `ceiling_ratio`, `ceiling_as_run_ratio` with PyTorch).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { BACKEND_NAMES, initBackend } from "../lib/backend/mod.ts";
import { resnetCifarFlops } from "../lib/models/resnet_cifar_flops.ts";
import { buildModel } from "../lib/models/mod.ts";
import { Rng } from "../lib/random/mod.ts";
import { Sgd } from "../lib/train/sgd.ts";
import {
  choiceFlag,
  type CommandSpec,
  intFlag,
  parseCommandLine,
  UsageError,
  usageText,
} from "../scripts/_cli.ts";

/** Models the benchmark knows, by name, with their CIFAR-ResNet depth. */
const BENCH_MODELS: Readonly<Record<string, number>> = { resnet8: 8, resnet32: 32 };
const NUM_CLASSES = 100;
const LAYOUTS = ["nchw", "channels_last"] as const;
type Layout = (typeof LAYOUTS)[number];
const LEARNING_RATE = 0.01;
const MOMENTUM = 0.9;

/** PyTorch's figures for one size, in its faster layout. */
interface Reference {
  impl: string;
  layout: Layout;
  threads: number;
  train_img_per_s: number;
  infer_img_per_s: number;
  train_ratio: number;
  infer_ratio: number;
  /** With `--ceiling`: ceiling_train_img_per_s / PyTorch's train_img_per_s. */
  ceiling_ratio?: number;
  /** With `--ceiling`: ceiling_as_run_train_img_per_s / PyTorch's train_img_per_s. */
  ceiling_as_run_ratio?: number;
}

/** PyTorch's figures in one layout. */
interface LayoutResult {
  train_img_per_s: number;
  infer_img_per_s: number;
  train_ratio: number;
  infer_ratio: number;
}

/** One size's result. */
interface BenchResult {
  backend: string;
  /** onednn only: the oneDNN version. */
  onednn_version?: string;
  threads: number;
  model: string;
  input: [number, number, number];
  batch: number;
  steps: number;
  repeats: number;
  train_img_per_s: number;
  infer_img_per_s: number;
  train_gflop_per_s: number;
  infer_gflop_per_s: number;
  load_avg_1m: number;
  /** With `--ceiling`: training img/s if a step cost 3 × its warm forward convolutions only. */
  ceiling_train_img_per_s?: number;
  /** With `--ceiling`: training img/s if a step cost only its Conv2D calls as run, warm. */
  ceiling_as_run_train_img_per_s?: number;
  reference?: Reference;
  reference_layouts?: Partial<Record<Layout, LayoutResult>>;
}

function torchAvailable(): boolean {
  try {
    const out = new Deno.Command("/usr/bin/python3", {
      args: ["-c", "import torch"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return out.success;
  } catch {
    return false;
  }
}

interface TorchRun {
  train_img_per_s: number;
  infer_img_per_s: number;
  threads: number;
  torch: string;
  layout: Layout;
}

function runTorch(
  depth: number,
  layout: Layout,
  size: number,
  batch: number,
  steps: number,
  warmup: number,
  threads: number,
): TorchRun {
  const script = new URL("./torch_ref.py", import.meta.url).pathname;
  const args = [script, "--size", `${size}`, "--batch", `${batch}`, "--steps", `${steps}`];
  args.push("--warmup", `${warmup}`, "--threads", `${threads}`, "--classes", `${NUM_CLASSES}`);
  args.push("--depth", `${depth}`, "--layout", layout);
  const out = new Deno.Command("/usr/bin/python3", { args }).outputSync();
  if (!out.success) {
    throw new Error(`PyTorch reference failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

/**
 * Runs `run` with each of `kernels` (registered configs of one backend)
 * replaced by `wrap(kernel)`, and registers the originals again afterwards.
 */
function withWrappedKernels<T>(
  kernels: tf.KernelConfig[],
  wrap: (k: tf.KernelConfig) => tf.KernelConfig,
  run: () => T,
): T {
  const swap = (configs: tf.KernelConfig[]) => {
    for (const k of configs) {
      tf.unregisterKernel(k.kernelName, k.backendName);
      tf.registerKernel(k);
    }
  };
  swap(kernels.map(wrap));
  try {
    return run();
  } finally {
    swap(kernels);
  }
}

/** ms per step by top-level kernel name ("name [input shapes]" with `byShape`). */
function profileKernels(step: () => void, steps: number, byShape: boolean): Map<string, number> {
  const backend = tf.getBackend();
  const originals = tf.getKernelsForBackend(backend);
  const totals = new Map<string, number>();
  let depth = 0;
  const wrap = (k: tf.KernelConfig): tf.KernelConfig => ({
    ...k,
    kernelFunc: (args) => {
      depth++;
      const t0 = performance.now();
      try {
        return k.kernelFunc(args);
      } finally {
        depth--;
        if (depth === 0) {
          const shapes = Object.values(args.inputs).map((t) => (t as tf.TensorInfo | null)?.shape);
          const key = byShape ? `${k.kernelName} ${JSON.stringify(shapes)}` : k.kernelName;
          totals.set(key, (totals.get(key) ?? 0) + (performance.now() - t0) / steps);
        }
      }
    },
  });
  withWrappedKernels(originals, wrap, () => {
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    const inKernels = [...totals.values()].reduce((a, b) => a + b, 0);
    totals.set("(outside kernels)", (performance.now() - t0) / steps - inKernels);
  });
  return totals;
}

/**
 * ms of every Conv2D that `run` runs, each timed alone and warm (best of
 * `reps` after one untimed call on the same tensors).
 */
function warmConvMs(run: () => void, reps: number): number {
  const backend = tf.getBackend();
  if (backend === "webgpu") {
    throw new Error("Cannot bound training on webgpu: --ceiling times synchronous backends only.");
  }
  const conv = tf.getKernel("Conv2D", backend);
  if (conv == null) throw new Error(`Cannot bound training on ${backend}: it has no Conv2D.`);
  const calls: { x: tf.TensorInfo; filter: tf.TensorInfo; attrs: tf.NamedAttrMap }[] = [];
  const record = (k: tf.KernelConfig): tf.KernelConfig => ({
    ...k,
    kernelFunc: (args) => {
      const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
      calls.push({ x: { ...x }, filter: { ...filter }, attrs: { ...args.attrs } });
      return k.kernelFunc(args);
    },
  });
  withWrappedKernels([conv], record, run);
  const rng = new Rng(2);
  let total = 0;
  for (const c of calls) {
    const [x, filter] = [c.x.shape, c.filter.shape].map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), shape);
    });
    const conv2d = () => tf.engine().runKernel("Conv2D", { x, filter }, c.attrs) as tf.Tensor;
    conv2d().dispose();
    let best = Infinity;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      const y = conv2d(); // synchronous backends: the kernel has run on return
      best = Math.min(best, performance.now() - t0);
      y.dispose();
    }
    total += best;
    tf.dispose([x, filter]);
  }
  return total;
}

/** `--ceiling`'s two bounds, in training img/s. */
interface Ceiling {
  /** 3 × the forward convolutions, warm. */
  ideal: number;
  /** Every Conv2D of a training step as the registered kernels run them, warm. */
  asRun: number;
}

function benchSize(
  arch: string,
  size: number,
  batch: number,
  steps: number,
  warmup: number,
  profile = false,
  ceiling = false,
): { train: number; infer: number; ceiling?: Ceiling } {
  const model = buildModel(arch, {
    numClasses: NUM_CLASSES,
    inputShape: [size, size, 3],
    seed: 0,
  });
  const rng = new Rng(1);
  const x = tf.tensor4d(
    Float32Array.from({ length: batch * size * size * 3 }, () => rng.normal()),
    [batch, size, size, 3],
  ); // [B, H, W, 3]
  const labels = tf.oneHot(
    tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(NUM_CLASSES)), "int32"),
    NUM_CLASSES,
  ); // [B, classes]
  const names = [...model.backboneWeights, ...model.classifierWeights];
  const trainable = names.map((n) => model.variables.get(n)!);
  // The project's own optimizer, as every training stage (lib/train/train_loop.ts) steps it;
  // no weight decay, as the PyTorch reference's torch.optim.SGD(lr, momentum).
  const optimizer = new Sgd({ momentum: MOMENTUM, weightDecay: 0 });
  const step = () => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () =>
          tf.losses.softmaxCrossEntropy(labels, model.apply(x, { bnMode: "train" })) as tf.Scalar,
        trainable,
      );
      const named = new Map(names.map((n, i) => [n, grads[trainable[i].name]]));
      optimizer.step(model.variables, named, LEARNING_RATE);
      return value;
    });
    loss.dataSync(); // wait for the step to finish (matters on async backends)
    loss.dispose();
  };
  const infer = () => {
    const logits = model.apply(x, { bnMode: "frozen" }); // [B, classes]
    logits.dataSync();
    logits.dispose();
  };
  const timeIt = (f: () => void) => {
    for (let i = 0; i < warmup; i++) f();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) f();
    return (performance.now() - t0) / 1000;
  };
  const trainS = timeIt(step);
  const inferS = timeIt(infer);
  if (profile) {
    const stepMs = (1000 * trainS) / steps;
    console.log(
      `profile of one training step, ${size}x${size} (timed step ${stepMs.toFixed(1)} ms):`,
    );
    for (const byShape of [false, true]) {
      const rows = [...profileKernels(step, steps, byShape)].sort((a, b) => b[1] - a[1]);
      for (const [name, ms] of rows.slice(0, byShape ? 16 : rows.length)) {
        if (ms >= 0.1) console.log(`  ${ms.toFixed(2).padStart(8)} ms  ${name}`);
      }
      if (!byShape) console.log("  top kernels by input shapes:");
    }
    const inferMs = (1000 * inferS) / steps;
    console.log(
      `profile of one inference batch, ${size}x${size} (timed ${inferMs.toFixed(1)} ms):`,
    );
    const rows = [...profileKernels(infer, steps, false)].sort((a, b) => b[1] - a[1]);
    for (const [name, ms] of rows) {
      if (ms >= 0.05) console.log(`  ${ms.toFixed(2).padStart(8)} ms  ${name}`);
    }
  }
  let bound: Ceiling | undefined;
  if (ceiling) {
    const forwardMs = warmConvMs(() => tf.tidy(() => model.apply(x, { bnMode: "train" })), steps);
    const stepMs = warmConvMs(step, steps);
    bound = { ideal: (1000 * batch) / (3 * forwardMs), asRun: (1000 * batch) / stepMs };
  }
  optimizer.dispose();
  tf.dispose([x, labels]);
  model.dispose();
  return {
    train: (batch * steps) / trainS,
    infer: (batch * steps) / inferS,
    ceiling: bound,
  };
}

/** The command line of `deno task bench` (see the module doc for what each flag measures). */
export const BENCH_COMMAND: CommandSpec = {
  command: "deno task bench",
  positionals: { usage: "", min: 0, max: 0 },
  about:
    "Training and inference throughput of a CIFAR ResNet (widths 16/32/64, 100 classes), and PyTorch\n" +
    "CPU's on the same model, in NCHW and channels_last, where /usr/bin/python3 has torch.",
  flags: [
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
      name: "model",
      kind: "value",
      value: "M",
      help: `model: ${Object.keys(BENCH_MODELS).join(", ")} (default: resnet8)`,
    },
    {
      name: "steps",
      kind: "value",
      value: "N",
      help: "timed steps, an integer >= 1 (default: 10)",
    },
    { name: "warmup", kind: "value", value: "N", help: "untimed steps first, >= 0 (default: 2)" },
    { name: "size", kind: "value", value: "S", help: "input size: 16, 32 or both (default: both)" },
    { name: "batch", kind: "value", value: "N", help: "batch size, >= 1 (default: 128)" },
    {
      name: "repeats",
      kind: "value",
      value: "N",
      help: "runs per size, best kept, >= 1 (default: 1)",
    },
    { name: "torch", kind: "switch", negatable: true, help: "skip the PyTorch reference" },
    { name: "json", kind: "switch", help: "print one JSON line per size instead of text" },
    {
      name: "profile",
      kind: "switch",
      help: "also time each kernel of a training step and of inference",
    },
    { name: "ceiling", kind: "switch", help: "also bound training from the convolutions alone" },
  ],
};

/** The bench's settings from its command line; a mistake is a usage error (one line, exit 2). */
function benchArgs(argv: string[]) {
  const cli = parseCommandLine(argv, BENCH_COMMAND);
  if (cli.help) {
    console.log(usageText(BENCH_COMMAND).trimEnd());
    Deno.exit(0);
  }
  const size = (cli.flags.size as string | undefined) ?? "both";
  if (!["16", "32", "both"].includes(size)) {
    throw new UsageError(`--size ${size}: use 16, 32 or both`);
  }
  return {
    backend: choiceFlag(cli, "backend", BACKEND_NAMES),
    model: choiceFlag(cli, "model", Object.keys(BENCH_MODELS)) ?? "resnet8",
    threads: intFlag(cli, "threads", { min: 1, what: "the thread count" }),
    steps: intFlag(cli, "steps", { min: 1 }) ?? 10,
    warmup: intFlag(cli, "warmup", { min: 0 }) ?? 2,
    sizes: size === "both" ? [16, 32] : [Number(size)],
    batch: intFlag(cli, "batch", { min: 1 }) ?? 128,
    repeats: intFlag(cli, "repeats", { min: 1 }) ?? 1,
    torch: cli.flags.torch as boolean,
    json: cli.flags.json as boolean,
    profile: cli.flags.profile as boolean,
    ceiling: cli.flags.ceiling as boolean,
  };
}

if (import.meta.main) {
  let args: ReturnType<typeof benchArgs>;
  try {
    args = benchArgs(Deno.args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${BENCH_COMMAND.command}: ${e.message} (see --help)`);
    Deno.exit(2);
  }
  const { steps, warmup, batch, repeats, sizes } = args;
  const depth = BENCH_MODELS[args.model];
  const info = await initBackend({ backend: args.backend, threads: args.threads });
  const torch = args.torch && torchAvailable();
  const log = (s: string) => {
    if (!args.json) console.log(s);
  };
  const engine = info.onednnVersion ? `oneDNN ${info.onednnVersion}` : info.backend;
  log(`backend ${info.backend} (${engine}), ${info.threads} thread(s): ${info.reason}`);
  if (!torch) log("PyTorch reference: not run (python3-torch not importable or --no-torch)");
  for (const size of sizes) {
    const load = Deno.loadavg()[0];
    const ours = { train: 0, infer: 0, ceiling: { ideal: 0, asRun: 0 } };
    const refs: Partial<Record<Layout, TorchRun>> = {};
    for (let r = 0; r < repeats; r++) {
      const profile = args.profile && !args.json && r === 0;
      const run = benchSize(args.model, size, batch, steps, warmup, profile, args.ceiling);
      ours.train = Math.max(ours.train, run.train);
      ours.infer = Math.max(ours.infer, run.infer);
      if (run.ceiling != null) {
        ours.ceiling.ideal = Math.max(ours.ceiling.ideal, run.ceiling.ideal);
        ours.ceiling.asRun = Math.max(ours.ceiling.asRun, run.ceiling.asRun);
      }
      if (!torch) continue;
      for (const layout of LAYOUTS) {
        const t = runTorch(depth, layout, size, batch, steps, warmup, info.threads);
        const best = refs[layout];
        refs[layout] = best == null ? t : {
          ...t,
          train_img_per_s: Math.max(best.train_img_per_s, t.train_img_per_s),
          infer_img_per_s: Math.max(best.infer_img_per_s, t.infer_img_per_s),
        };
      }
    }
    const flops = resnetCifarFlops(depth, {
      inputShape: [size, size, 3],
      numClasses: NUM_CLASSES,
    });
    const result: BenchResult = {
      backend: info.backend,
      ...(info.onednnVersion ? { onednn_version: info.onednnVersion } : {}),
      threads: info.threads,
      model: args.model,
      input: [size, size, 3],
      batch,
      steps,
      repeats,
      train_img_per_s: ours.train,
      infer_img_per_s: ours.infer,
      train_gflop_per_s: (ours.train * flops.train) / 1e9,
      infer_gflop_per_s: (ours.infer * flops.forward) / 1e9,
      load_avg_1m: load,
    };
    if (args.ceiling) {
      result.ceiling_train_img_per_s = ours.ceiling.ideal;
      result.ceiling_as_run_train_img_per_s = ours.ceiling.asRun;
    }
    log(
      `${args.model} ${size}x${size} batch ${batch}: train ${ours.train.toFixed(1)} img/s ` +
        `(${result.train_gflop_per_s.toFixed(2)} GFLOP/s), inference ${
          ours.infer.toFixed(1)
        } img/s ` +
        `(${result.infer_gflop_per_s.toFixed(2)} GFLOP/s); load avg ${load.toFixed(2)}`,
    );
    const measured = LAYOUTS.filter((l) => refs[l] != null);
    if (measured.length > 0) {
      result.reference_layouts = {};
      for (const layout of measured) {
        const t = refs[layout]!;
        result.reference_layouts[layout] = {
          train_img_per_s: t.train_img_per_s,
          infer_img_per_s: t.infer_img_per_s,
          train_ratio: ours.train / t.train_img_per_s,
          infer_ratio: ours.infer / t.infer_img_per_s,
        };
        log(
          `  PyTorch ${t.torch} ${layout} (${t.threads} thread(s)): train ${
            t.train_img_per_s.toFixed(1)
          } img/s, inference ${t.infer_img_per_s.toFixed(1)} img/s`,
        );
      }
      const fastest = (key: "train_img_per_s" | "infer_img_per_s") =>
        measured.reduce((a, b) => refs[a]![key] >= refs[b]![key] ? a : b);
      const layout = fastest("train_img_per_s");
      const ref = refs[layout]!;
      const inferRef = Math.max(...measured.map((l) => refs[l]!.infer_img_per_s));
      result.reference = {
        impl: `pytorch ${ref.torch} cpu`,
        layout,
        threads: ref.threads,
        train_img_per_s: ref.train_img_per_s,
        infer_img_per_s: ref.infer_img_per_s,
        train_ratio: ours.train / ref.train_img_per_s,
        infer_ratio: ours.infer / inferRef,
      };
      if (args.ceiling) {
        result.reference.ceiling_ratio = ours.ceiling.ideal / ref.train_img_per_s;
        result.reference.ceiling_as_run_ratio = ours.ceiling.asRun / ref.train_img_per_s;
      }
      log(
        `  ours / PyTorch's faster layout: train ${result.reference.train_ratio.toFixed(2)}x ` +
          `(vs ${layout}), inference ${result.reference.infer_ratio.toFixed(2)}x ` +
          `(vs ${fastest("infer_img_per_s")})`,
      );
    }
    if (args.ceiling) {
      const line = (what: string, imgPerS: number, ratio: number | undefined) =>
        log(
          `  ceiling, ${what}: train ${imgPerS.toFixed(1)} img/s` +
            (ratio == null ? "" : ` = ${ratio.toFixed(2)}x PyTorch`),
        );
      line(
        "3 × warm forward convolutions only",
        ours.ceiling.ideal,
        result.reference?.ceiling_ratio,
      );
      line(
        "the step's convolutions as run, warm, only",
        ours.ceiling.asRun,
        result.reference?.ceiling_as_run_ratio,
      );
    }
    if (args.json) console.log(JSON.stringify(result));
  }
}
