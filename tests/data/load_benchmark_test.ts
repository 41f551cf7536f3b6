import { assert, assertEquals, assertRejects } from "@std/assert";
import { readCacheFile, writeCacheFile } from "../../lib/data/_cache_file.ts";
import { channelStats } from "../../lib/data/channel_stats.ts";
import { loadBenchmark } from "../../lib/data/load_benchmark.ts";
import { manifestFor } from "../../lib/data/manifest_for.ts";
import { regenerateManifests } from "../../lib/data/regenerate_manifests.ts";
import { DATA_PRESETS } from "../../lib/data/presets.ts";
import { SYNTH_GENERATOR_VERSION } from "../../lib/data/synth_images.ts";

Deno.test("loadBenchmark: generates, caches, reloads identical data, and verifies the committed tiny manifest", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    const a = await loadBenchmark("tiny", { cacheDir });
    const files = [...Deno.readDirSync(cacheDir)].map((e) => e.name);
    assertEquals(files.length, 1);
    assert(files[0].endsWith(".bin") && !files[0].endsWith(".tmp"));
    const b = await loadBenchmark("tiny", { cacheDir });
    assertEquals(b.train.images, a.train.images);
    assertEquals(b.test.labels, a.test.labels);
    assertEquals(b.val!.images, a.val!.images);
    assertEquals(b.normalization, a.normalization);
    assertEquals(b.trainCounts, a.trainCounts);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("loadBenchmark: a flipped byte in the cache is caught, naming the split and array", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    await loadBenchmark("tiny", { cacheDir });
    const file = `${cacheDir}/${[...Deno.readDirSync(cacheDir)][0].name}`;
    const bytes = await Deno.readFile(file);
    bytes[bytes.length - 100 * 4 - 5] ^= 1; // inside the last split's images, before its labels
    await Deno.writeFile(file, bytes);
    const err = await assertRejects(() => loadBenchmark("tiny", { cacheDir }), Error, "/images");
    assert(err.message.includes("expected") && err.message.includes("cache file"), err.message);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("loadBenchmark: missing or stale manifests are clear errors unless allowed", async () => {
  const manifestDir = await Deno.makeTempDir();
  try {
    await assertRejects(
      () => loadBenchmark("tiny", { manifestDir, cache: false }),
      Error,
      "no committed manifest",
    );
    const unverified = await loadBenchmark("tiny", {
      manifestDir,
      cache: false,
      requireManifest: false,
    });
    assertEquals(unverified.manifest.generator, SYNTH_GENERATOR_VERSION);
    await regenerateManifests(["tiny"], { manifestDir });
    const path = `${manifestDir}/tiny.json`;
    const m = JSON.parse(await Deno.readTextFile(path));
    await Deno.writeTextFile(path, JSON.stringify({ ...m, generator: "synth-shapes@0" }));
    await assertRejects(
      () => loadBenchmark("tiny", { manifestDir, cache: false }),
      Error,
      "synth-shapes@0",
    );
    m.sha256["test/labels"] = "0".repeat(64);
    await Deno.writeTextFile(path, JSON.stringify(m));
    await assertRejects(
      () => loadBenchmark("tiny", { manifestDir, cache: false }),
      Error,
      `sha256 of "test/labels": expected ${"0".repeat(64)}`,
    );
    await assertRejects(() => loadBenchmark("nope"), Error, '"tiny"');
  } finally {
    await Deno.remove(manifestDir, { recursive: true });
  }
});

Deno.test("committed manifests: one per preset, written by the current generator", async () => {
  for (const name of Object.keys(DATA_PRESETS)) {
    const m = JSON.parse(
      await Deno.readTextFile(new URL(`../../data/manifests/${name}.json`, import.meta.url)),
    );
    assertEquals(m.name, name);
    assertEquals(m.generator, SYNTH_GENERATOR_VERSION, `${name}: regenerate manifests`);
    assertEquals(m.seed, DATA_PRESETS[name].seed);
  }
});

Deno.test("loadBenchmark: a self-consistent cache file of other data is named as the stale side", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    await loadBenchmark("tiny", { cacheDir });
    const file = `${cacheDir}/${[...Deno.readDirSync(cacheDir)][0].name}`;
    // Other pixels, written with matching hashes, counts and statistics: only the manifest knows.
    const other = await readCacheFile(file);
    other.train.images[0] ^= 0xff;
    const sets = { train: other.train, test: other.test, val: other.val! };
    const manifest = await manifestFor("tiny", sets, {
      generator: SYNTH_GENERATOR_VERSION,
      seed: 0,
    });
    await writeCacheFile(file, { ...other, manifest, normalization: channelStats(other.train) });
    const err = await assertRejects(() => loadBenchmark("tiny", { cacheDir }), Error);
    assert(err.message.includes(`cache file ${file}`), err.message);
    assert(err.message.includes("stale, delete it"), err.message);
    assert(err.message.includes('sha256 of "train/images"'), err.message);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});
