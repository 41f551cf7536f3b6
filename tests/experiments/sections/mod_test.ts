/**
 * Every registered section runs on the smoke preset, as its notebook runs
 * it, writes its results JSON, and leaves no tensors behind.
 */
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { basename } from "@std/path";
import { initBackend } from "../../../lib/backend/mod.ts";
import {
  DEFAULT_SEED_CAPS,
  getSection,
  runSeeds,
  SECTIONS,
  sectionSeeds,
} from "../../../lib/experiments/sections/mod.ts";
import { TABLES_2_4_STAND_INS } from "../../../lib/experiments/sections/method_comparison.ts";
import { TABLE_7_GRIDS } from "../../../lib/experiments/sections/subset_grid.ts";
import { TABLE_8_SCALES } from "../../../lib/experiments/sections/finetune_targets.ts";
import { RunCache } from "../../../lib/train/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

const NOTEBOOKS = [...Deno.readDirSync(new URL("../../../notebooks/", import.meta.url))]
  .map((e) => basename(e.name, ".ipynb"));

Deno.test("the section registry names its sections and their notebooks", () => {
  assertEquals(Object.keys(SECTIONS).length, 12);
  for (const [name, def] of Object.entries(SECTIONS)) {
    assertEquals(getSection(name), def);
    assert(NOTEBOOKS.includes(def.notebook), `${name}: no notebook ${def.notebook}`);
    assert(def.description.length > 0, name);
  }
  assertThrows(() => getSection("table-1"), RangeError, "valid sections are observations-1-2");
  // The core sections of issue #14 run every seed; the others the first.
  assertEquals(
    Object.entries(SECTIONS).filter(([, d]) => d.seeded).map(([n]) => n),
    [
      "observations-1-2",
      "observations-3-4",
      "btm-members",
      "merge-strategies",
      "table-7-subset-grid",
      "gml-tables",
    ],
  );
  assertEquals(sectionSeeds("btm-members", [0, 1, 2]), [0, 1, 2]);
  assertEquals(sectionSeeds("table-8-finetune-targets", [4, 5]), [4]);
  // The default report's budget cuts apply at `default` only; `full` and others run every seed.
  for (const [name, cap] of Object.entries(DEFAULT_SEED_CAPS)) {
    const n = name as keyof typeof SECTIONS;
    assertEquals(SECTIONS[n].seeded, true, name);
    assertEquals(sectionSeeds(n, [0, 1, 2], "default"), [0, 1, 2].slice(0, cap), name);
    assertEquals(sectionSeeds(n, [0, 1, 2], "full"), [0, 1, 2], name);
    assertEquals(sectionSeeds(n, [0, 1, 2]), [0, 1, 2].slice(0, cap), name);
  }
  assertEquals(sectionSeeds("table-7-subset-grid", [0, 1, 2], "smoke"), [0, 1, 2]);
  assertThrows(() => sectionSeeds("btm-members", [1, 1]), RangeError, "repeated");
});

Deno.test("runSeeds runs a core section once per seed, one results file each; the benchmark stays", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  const options = { preset: "smoke", cache, onProgress: null, out: `${dir}/results` };
  const runs = await runSeeds("observations-1-2", { options, seeds: [0, 1] });
  assertEquals(runs.map((r) => r.seed), [0, 1]);
  assertEquals(
    runs.map((r) => r.path),
    [0, 1].map((s) => `${dir}/results/observations-1-2-smoke-seed${s}.json`),
  );
  // Training and subsets change with the seed; the data do not.
  assertNotEquals(runs[0].pretrain.key, runs[1].pretrain.key);
  assertNotEquals(runs[0].curve[1].recalls, runs[1].curve[1].recalls);
  assertEquals(runs[0].data.sha256, runs[1].data.sha256);
  // The same seed again: the same numbers, from the cache.
  const again = await runSeeds("observations-1-2", {
    options: { ...options, out: null },
    seeds: [1],
  });
  assertEquals(again[0].curve, runs[1].curve);
  assertEquals(again[0].pretrain.fromCache, true);
  // A section that is not core runs the first seed only.
  const t8 = await runSeeds("table-8-finetune-targets", {
    options: { ...options, out: null },
    seeds: [1, 0],
  });
  assertEquals(t8.map((r) => r.seed), [1]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("every section runs on the smoke preset, writes <name>-smoke-seed0.json, and leaks nothing", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir: `${dir}/cache` });
  for (const [name, def] of Object.entries(SECTIONS)) {
    const tensors = tf.memory().numTensors;
    const r = await def.run({ preset: "smoke", cache, onProgress: null, out: `${dir}/results` });
    assertEquals(tf.memory().numTensors, tensors, `${name} left tensors behind`);
    assertEquals(r.path, `${dir}/results/${name}-smoke-seed0.json`, name);
    const saved = JSON.parse(await Deno.readTextFile(r.path!));
    assertEquals(saved.preset, "smoke", name);
    assertEquals(saved.config.data, "tiny", name);
    assertEquals(saved.data.trainCounts.length, saved.data.numClasses, name);
    assert(saved.timings.total >= saved.timings.data, name);
    assertEquals(saved.warnings, undefined, name);
  }
  // The registry runs its notebook's scale: the smoke grid of Table 7.
  const grid = JSON.parse(
    await Deno.readTextFile(`${dir}/results/table-7-subset-grid-smoke-seed0.json`),
  );
  assertEquals(grid.subsetCounts, TABLE_7_GRIDS.smoke.subsetCounts);
  assertEquals(grid.finetuneEpochs, TABLE_7_GRIDS.smoke.finetuneEpochs);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the default preset's Tables 2–4 run on their stand-ins; smoke keeps its tiny set", () => {
  const d = TABLES_2_4_STAND_INS.default;
  assertEquals([d.places.data, d.imagenet.data, d.inat.data], [
    "synth-places",
    "synth-imagenet",
    "synth-inat",
  ]);
  assertEquals(TABLES_2_4_STAND_INS.smoke, { places: {}, imagenet: {}, inat: {} });
  // `full` runs the same stand-ins on the config's own schedule: nothing scaled but N_C.
  const f = TABLES_2_4_STAND_INS.full;
  for (const t of ["places", "imagenet", "inat"] as const) {
    assertEquals(f[t].data, d[t].data, t);
    assertEquals(f[t].btm, { perClass: d[t].btm?.perClass }, t);
    assertEquals([f[t].pretrain, f[t].postTrain, f[t].gml], [undefined, undefined, undefined], t);
  }
});

Deno.test("Table 8 runs N_D = 5 in the default report, the config's N_D = 10 on full", () => {
  assertEquals(TABLE_8_SCALES.default, { btm: { subsets: 5 } });
  assertEquals(TABLE_8_SCALES.full, {});
  assertEquals(TABLE_8_SCALES.smoke, undefined);
});

Deno.test("overrides reach the section after its own scale, and a whole-set 'balanced' subset warns", async () => {
  const dir = await Deno.makeTempDir();
  // tiny's largest class has 40 training images: N_C = 40 subsets are the whole set.
  const r = await SECTIONS["btm-members"].run({
    preset: "smoke",
    overrides: { btm: { perClass: 40 } },
    cache: new RunCache({ dir }),
    onProgress: null,
    out: null,
  });
  assertEquals(r.config.btm.perClass, 40);
  assertEquals(r.warnings?.length, 1);
  assert(r.warnings![0].includes("btm.perClass = 40 is at least every class's training count"));
  assertEquals(r.members[0].subsetSize, 159); // every training image of tiny
  await Deno.remove(dir, { recursive: true });
});
