/**
 * The fault suite of issue 15: each test is a way a run used to end with a wrong number (exit 0)
 * or an unreadable error, and checks that it now stops with one sentence naming the file, option
 * or stage and the value that stopped it. Small on purpose: the `tiny` data preset, a 3-class
 * fixture, a narrow ResNet-8 and one or two epochs.
 */
import { initBackend } from "../../lib/backend/mod.ts";
import { assert, assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { loadBenchmark } from "../../lib/data/load_benchmark.ts";
import { parseCifar100 } from "../../lib/data/read_cifar100.ts";
import { readImageList } from "../../lib/data/read_image_list.ts";
import { readInat2018 } from "../../lib/data/read_inat2018.ts";
import { streamImageBatches } from "../../lib/data/stream_image_batches.ts";
import type { LongTailBenchmark } from "../../lib/data/types.ts";
import { evaluate } from "../../lib/eval/evaluate.ts";
import { gmlEnsemble } from "../../lib/eval/ensemble.ts";
import { getNamedWeights, setNamedWeights } from "../../lib/models/mod.ts";
import { loadCheckpoint, saveCheckpoint } from "../../lib/train/checkpoint.ts";
import { gmlFinetune } from "../../lib/train/gml_finetune.ts";
import { GML_MIN_PROBABILITY } from "../../lib/losses/mod.ts";
import { postTrain } from "../../lib/train/post_train.ts";
import { pretrain } from "../../lib/train/pretrain.ts";
import { RunCache } from "../../lib/train/run_cache.ts";
import { trainLoop, type TrainLoopOptions } from "../../lib/train/train_loop.ts";
import { fakeBenchmark, tinyModel } from "../train/_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });
const bench = fakeBenchmark();
const loop: TrainLoopOptions = {
  epochs: 2,
  batchSize: 8,
  lr: 0.05,
  seed: 3,
  onProgress: null,
  normalization: bench.normalization,
};

/** Runs `work` in a fresh temporary folder, removed afterwards. */
async function inTemp<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "btm-faults-" });
  try {
    return await work(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Copies the committed manifests into `dir` (so a test may edit them). */
async function copyManifests(dir: string): Promise<string> {
  const manifestDir = `${dir}/manifests`;
  await Deno.mkdir(manifestDir);
  const src = new URL("../../data/manifests/tiny.json", import.meta.url);
  await Deno.copyFile(src, `${manifestDir}/tiny.json`);
  return manifestDir;
}

/** The single cache file of `cacheDir`. */
function cacheFile(cacheDir: string): string {
  const files = [...Deno.readDirSync(cacheDir)].filter((e) => e.name.endsWith(".bin"));
  assertEquals(files.length, 1);
  return `${cacheDir}/${files[0].name}`;
}

/** Replaces `from` by `to` (same length) in the JSON header of a benchmark cache file. */
async function editHeader(path: string, from: RegExp, to: (m: string) => string): Promise<void> {
  const bytes = await Deno.readFile(path);
  const headerLength = new DataView(bytes.buffer).getUint32(8, true);
  const header = new TextDecoder().decode(bytes.subarray(12, 12 + headerLength));
  const edited = header.replace(from, to);
  assertNotEquals(edited, header, `${from} not found in the header`);
  const encoded = new TextEncoder().encode(edited);
  assertEquals(encoded.length, headerLength, "the edit must keep the header length");
  bytes.set(encoded, 12);
  await Deno.writeFile(path, bytes);
}

/** One line, no raw bytes: printable characters only. */
function assertReadable(message: string): void {
  assert(!message.includes("\n"), `not one line: ${message}`);
  // deno-lint-ignore no-control-regex
  assert(!/[\u0000-\u001f\u007f\ufffd]/.test(message), `raw bytes in: ${JSON.stringify(message)}`);
}

// Item 1: the data cache's header is trusted.

Deno.test("faults 1: an edited normalization mean in a cache header is caught, naming the file", async () => {
  await inTemp(async (dir) => {
    const cacheDir = `${dir}/cache`;
    const good = await loadBenchmark("tiny", { cacheDir });
    const file = cacheFile(cacheDir);
    // 0.4… → 0.9…: the first digit of the first channel mean.
    await editHeader(file, /"mean":\[0\.(\d)/, (m) => {
      const d = Number(m.at(-1));
      return m.slice(0, -1) + String((d + 5) % 10);
    });
    const err = await assertRejects(() => loadBenchmark("tiny", { cacheDir }), Error);
    assert(err.message.includes(file), err.message);
    assert(err.message.includes("normalization"), err.message);
    assertReadable(err.message);
    // Deleting the file, as the message says, gives the true statistics again.
    await Deno.remove(file);
    assertEquals((await loadBenchmark("tiny", { cacheDir })).normalization, good.normalization);
  });
});

Deno.test("faults 1: edited trainCounts or name in a cache header are caught, naming the file", async () => {
  await inTemp(async (dir) => {
    const cacheDir = `${dir}/cache`;
    await loadBenchmark("tiny", { cacheDir });
    const file = cacheFile(cacheDir);
    const pristine = await Deno.readFile(file);
    await editHeader(file, /"trainCounts":\[40,/, () => `"trainCounts":[41,`);
    const err = await assertRejects(() => loadBenchmark("tiny", { cacheDir }), Error);
    assert(err.message.includes(file) && err.message.includes("trainCounts"), err.message);
    await Deno.writeFile(file, pristine);
    await editHeader(file, /"name":"tiny"/, () => `"name":"tinx"`);
    const err2 = await assertRejects(() => loadBenchmark("tiny", { cacheDir }), Error);
    assert(err2.message.includes(file), err2.message);
  });
});

Deno.test("faults 1: the normalization is part of a stage's cache key", async () => {
  await inTemp(async (dir) => {
    const cache = new RunCache({ dir });
    const options = { epochs: 1, batchSize: 12, widths: [4, 8, 8], onProgress: null, cache };
    const a = await pretrain(bench, options);
    const shifted: LongTailBenchmark = {
      ...bench,
      normalization: { mean: [0.8, 0.3, 0.3], std: [0.25, 0.25, 0.25] },
    };
    const b = await pretrain(shifted, options);
    assertEquals(b.fromCache, false, "a model trained under other statistics was reused");
    assertNotEquals(a.key, b.key);
    a.model.dispose();
    b.model.dispose();
  });
});

// Item 2: divergence.

Deno.test("faults 2: a diverging loss stops training, naming the stage, epoch and learning rate", async () => {
  const model = tinyModel();
  try {
    // lr 30: the loss grows to the thousands yet stays finite (it used to train on and exit 0).
    const err = await assertRejects(
      () => trainLoop(model, bench.train, { ...loop, label: "pretrain", epochs: 3, lr: 30 }),
      Error,
    );
    assert(err.message.includes('"pretrain"'), err.message);
    assert(err.message.includes("diverged"), err.message);
    assert(/epoch \d+ of 3/.test(err.message), err.message);
    assert(err.message.includes("learning rate 30"), err.message);
    assertReadable(err.message);
  } finally {
    model.dispose();
  }
});

Deno.test("faults 2: divergence from weight decay is blamed on the weight decay, not the learning rate", async () => {
  const model = tinyModel();
  try {
    const err = await assertRejects(
      () => trainLoop(model, bench.train, { ...loop, label: "btm 1/2", lr: 0.1, weightDecay: 50 }),
      Error,
    );
    assert(err.message.includes('"btm 1/2"'), err.message);
    assert(err.message.includes("weight decay 50"), err.message);
    assert(!err.message.includes("lower the learning rate"), err.message);
  } finally {
    model.dispose();
  }
});

Deno.test("faults 2: a GML run whose bounded loss saturates is caught as diverged", async () => {
  const t = await loadBenchmark("tiny");
  const base = await pretrain(t, { epochs: 1, widths: [4, 8, 8], cache: false, onProgress: null });
  try {
    // With the authors' floor GML clamps probabilities, so its loss stops near −ln 1e-5 ≈ 11.5
    // instead of growing.
    const lossOptions = { gmlMinProbability: GML_MIN_PROBABILITY };
    const run = { epochs: 3, lr: 1e4, cache: false, onProgress: null } as const;
    const err = await assertRejects(
      () => gmlFinetune(base.model, t, { ...run, lossOptions }),
      Error,
    );
    assert(err.message.includes('"post-train gml"'), err.message);
    assert(err.message.includes("diverged") && err.message.includes("gml loss"), err.message);
    // Without it (the paper's Eqs., the default) the loss grows, and the usual check catches it.
    const free = await assertRejects(() => gmlFinetune(base.model, t, run), Error);
    assert(free.message.includes('"post-train gml"'), free.message);
    assert(free.message.includes("diverged"), free.message);
  } finally {
    base.model.dispose();
  }
});

Deno.test("faults 2: a model with non-finite weights is refused before training, naming the weight", async () => {
  const model = tinyModel();
  try {
    const w = getNamedWeights(model);
    const kernel = w.get("classifier/kernel")!;
    kernel.values[0] = NaN;
    setNamedWeights(model, w);
    const err = await assertRejects(
      () => postTrain(model, bench, { epochs: 1, batchSize: 12, cache: false, onProgress: null }),
      Error,
    );
    assert(err.message.includes("classifier/kernel"), err.message);
    assert(err.message.includes("non-finite"), err.message);
    assert(!err.message.includes("lower the learning rate"), err.message);
  } finally {
    model.dispose();
  }
});

Deno.test("faults 2: evaluation refuses non-finite logits from a tiny ensemble temperature", async () => {
  const model = tinyModel();
  try {
    const ensemble = gmlEnsemble(model, model, { tOld: 1e-45 });
    const err = await assertRejects(
      () => evaluate(ensemble, bench.test, { normalization: bench.normalization }),
      Error,
    );
    assert(err.message.includes("temperature"), err.message);
    assert(err.message.includes("1e-45"), err.message);
    assertReadable(err.message);
  } finally {
    model.dispose();
  }
});

// Item 6: streamImageBatches concurrency.

Deno.test("faults 6: streamImageBatches refuses a concurrency that is not a positive integer", async () => {
  const entries = [{ path: "/nonexistent.png", label: 0, source: "list.txt:1" }];
  for (const concurrency of [0, -1, 0.5]) {
    const err = await assertRejects(
      () => streamImageBatches(entries, { concurrency }).next(),
      RangeError,
    );
    assert(err.message.includes(`concurrency ${concurrency}`), err.message);
  }
});

// Item 7: readInat2018 duplicates.

Deno.test("faults 7: readInat2018 refuses a duplicate image id, naming it and the file", async () => {
  await inTemp(async (dir) => {
    const path = `${dir}/train2018.json`;
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        categories: [{ id: 0 }, { id: 1 }],
        images: [{ id: 10, file_name: "a.jpg" }, { id: 11, file_name: "b.jpg" }, {
          id: 10,
          file_name: "c.jpg",
        }],
        annotations: [{ image_id: 10, category_id: 0 }, { image_id: 11, category_id: 1 }],
      }),
    );
    const err = await assertRejects(() => readInat2018(path), Error);
    assert(err.message.includes(`${path}: images[2]`), err.message);
    assert(err.message.includes("image id 10"), err.message);
  });
});

// Item 8: the loss history after a resume.

Deno.test("faults 8: a resumed run records every epoch's loss and says where it resumes", async () => {
  await inTemp(async (dir) => {
    const resumePath = `${dir}/r.epoch.ckpt`;
    const first = tinyModel();
    const losses: number[] = [];
    await assertRejects(
      () =>
        trainLoop(first, bench.train, {
          ...loop,
          label: "pretrain",
          resumePath,
          resumeKey: "k",
          onProgress: (e) => {
            if (e.epochEnd) {
              losses.push(e.loss);
              throw new Error("killed");
            }
          },
        }),
      Error,
      "killed",
    );
    first.dispose();
    const printed: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => printed.push(a.join(" "));
    const resumed = tinyModel();
    try {
      const r = await trainLoop(resumed, bench.train, {
        ...loop,
        label: "pretrain",
        resumePath,
        resumeKey: "k",
        onProgress: () => {},
      });
      assertEquals(r.startEpoch, 1);
      assertEquals(r.epochLosses.length, 2, "the history lost the epochs of the killed process");
      assertEquals(r.epochLosses[0], losses[0]);
    } finally {
      console.log = log;
      resumed.dispose();
    }
    assert(printed.some((l) => l.includes("resuming pretrain at epoch 2 of 2")), printed.join());
  });
});

// Item 10: checkpoints of another run.

Deno.test("faults 10: a valid checkpoint of another stage copied under a key is refused", async () => {
  await inTemp(async (dir) => {
    const cache = new RunCache({ dir });
    const weights = new Map([["w", { shape: [1], values: Float32Array.of(3) }]]);
    const modelConfig = { arch: "resnet8", numClasses: 2, inputShape: [4, 4, 3], seed: 0 } as const;
    const k1 = await cache.key("pretrain", { epochs: 1 });
    const k2 = await cache.key("post-train-las", { epochs: 1 });
    await cache.save(k1, { modelConfig: { ...modelConfig, inputShape: [4, 4, 3] }, weights });
    await Deno.copyFile(cache.path(k1), cache.path(k2));
    const err = await assertRejects(() => cache.load(k2), Error);
    assert(err.message.includes(cache.path(k2)), err.message);
    assert(err.message.includes(k1), err.message);
    assert(err.message.includes("delete"), err.message);
  });
});

Deno.test("faults 10: an epoch file claiming epoch 99 of 2 is refused, naming the file", async () => {
  await inTemp(async (dir) => {
    const resumePath = `${dir}/r.epoch.ckpt`;
    const model = tinyModel();
    try {
      await saveCheckpoint(resumePath, {
        modelConfig: model.config,
        weights: getNamedWeights(model),
        meta: { epoch: 99, key: "k", stage: "pretrain" },
      });
      const err = await assertRejects(
        () => trainLoop(model, bench.train, { ...loop, resumePath, resumeKey: "k" }),
        Error,
      );
      assert(err.message.includes(resumePath), err.message);
      assert(err.message.includes("99") && err.message.includes("delete"), err.message);
    } finally {
      model.dispose();
    }
  });
});

// Item 12: rough messages.

Deno.test("faults 12: a truncated checkpoint is reported in words, without raw bytes", async () => {
  await inTemp(async (dir) => {
    const path = `${dir}/m.ckpt`;
    const model = tinyModel();
    await saveCheckpoint(path, { modelConfig: model.config, weights: getNamedWeights(model) });
    model.dispose();
    const bytes = await Deno.readFile(path);
    await Deno.writeFile(path, bytes.subarray(0, bytes.length - 400));
    const err = await assertRejects(() => loadCheckpoint(path), Error);
    assert(err.message.includes(path) && err.message.includes("truncated"), err.message);
    assertReadable(err.message);
  });
});

Deno.test("faults 12: a manifest without counts is an error naming the manifest file", async () => {
  await inTemp(async (dir) => {
    const manifestDir = await copyManifests(dir);
    const path = `${manifestDir}/tiny.json`;
    const m = JSON.parse(await Deno.readTextFile(path));
    delete m.counts;
    await Deno.writeTextFile(path, JSON.stringify(m));
    const err = await assertRejects(() => loadBenchmark("tiny", { manifestDir, cache: false }));
    assert(err instanceof Error && !(err instanceof TypeError), String(err));
    assert(err.message.includes(path) && err.message.includes('"counts"'), err.message);
  });
});

Deno.test("faults 12: an edited manifest hash is blamed on the manifest, not on the cache file", async () => {
  await inTemp(async (dir) => {
    const manifestDir = await copyManifests(dir);
    const cacheDir = `${dir}/cache`;
    await loadBenchmark("tiny", { manifestDir, cacheDir });
    const path = `${manifestDir}/tiny.json`;
    const m = JSON.parse(await Deno.readTextFile(path));
    m.sha256["train/images"] = "0".repeat(64);
    await Deno.writeTextFile(path, JSON.stringify(m));
    const err = await assertRejects(() => loadBenchmark("tiny", { manifestDir, cacheDir }), Error);
    assert(err.message.includes(`manifest ${path}`), err.message);
    assert(err.message.includes(`"train/images"`), err.message);
    assert(!/delete/.test(err.message), `the cache file is blamed: ${err.message}`);
    assertReadable(err.message);
  });
});

Deno.test("faults 12: a list label of 1e10 is one sentence naming the file and line", async () => {
  await inTemp(async (dir) => {
    const path = `${dir}/list.txt`;
    await Deno.writeTextFile(path, "a.jpg 0\nb.jpg 10000000000\n");
    const err = await assertRejects(() => readImageList(path), Error);
    assert(err.message.includes(`${path}:2`), err.message);
    assert(err.message.includes("10000000000"), err.message);
    assert(!err.message.includes("Invalid array length"), err.message);
  });
});

Deno.test("faults 12: maxRecords -1 is an error naming the option and the value", () => {
  const record = new Uint8Array(3074);
  for (const maxRecords of [-1, 0.5, NaN]) {
    let message = "";
    try {
      parseCifar100(record, "train.bin", { maxRecords });
    } catch (e) {
      message = (e as Error).message;
    }
    assert(message.includes(`maxRecords ${maxRecords}`), message || "no error");
    assert(message.includes("train.bin"), message);
  }
});

// Item 9: the backend each stage was trained on (last: it switches backends).

Deno.test("faults 9: stages record the backend they were trained on; the key includes it", async () => {
  await inTemp(async (dir) => {
    const cache = new RunCache({ dir });
    const options = { epochs: 1, batchSize: 12, widths: [4, 8, 8], onProgress: null, cache };
    const wasm = await pretrain(bench, options);
    assertEquals(wasm.history.backend, "wasm");
    wasm.model.dispose();
    try {
      await tf.setBackend("cpu");
      const cpu = await pretrain(bench, options);
      assertEquals(cpu.fromCache, false, "a wasm-trained model was reported as trained on cpu");
      assertEquals(cpu.history.backend, "cpu");
      cpu.model.dispose();
    } finally {
      await tf.setBackend("wasm");
    }
    const again = await pretrain(bench, options);
    assertEquals(again.fromCache, true);
    assertEquals(again.history.backend, "wasm");
    again.model.dispose();
  });
});
