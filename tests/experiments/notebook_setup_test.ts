import { assertEquals, assertMatch, assertRejects } from "@std/assert";
import {
  notebookSetup,
  parseSeedCount,
  PRESET_ENV,
  SEEDS_ENV,
} from "../../lib/experiments/notebook_setup.ts";
import { SETTINGS_ENV } from "../../lib/experiments/parse_settings.ts";

async function withEnv<T>(env: Record<string, string | undefined>, work: () => Promise<T>) {
  const previous = Object.fromEntries(Object.keys(env).map((k) => [k, Deno.env.get(k)]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
    }
  };
  set(env);
  try {
    return await work();
  } finally {
    set(previous);
  }
}

Deno.test("notebookSetup reads the preset and settings the report passes", async () => {
  const nb = await withEnv(
    { [PRESET_ENV]: "smoke", [SETTINGS_ENV]: "pretrain.lr=0.05 seed=2" },
    () => notebookSetup({ backend: false }),
  );
  assertEquals(nb.preset, "smoke");
  assertEquals(nb.settings, ["pretrain.lr=0.05", "seed=2"]);
  assertEquals([nb.config.data, nb.config.pretrain.lr, nb.config.seed], ["tiny", 0.05, 2]);
  assertEquals(nb.options.preset, "smoke");
  assertEquals(nb.options.overrides, { pretrain: { lr: 0.05 }, seed: 2 });
  assertMatch(nb.options.tag!, /^set-[0-9a-f]{8}$/);
  assertEquals(nb.backend, undefined);
  assertEquals(nb.info.backend, "none (no tensors)");
  assertEquals(nb.info.seed, 2);
  assertEquals(nb.info.preset, "smoke + pretrain.lr=0.05 seed=2");
});

Deno.test("without settings the notebook runs the preset itself, untagged", async () => {
  const nb = await withEnv(
    { [PRESET_ENV]: undefined, [SETTINGS_ENV]: undefined },
    () => notebookSetup({ backend: false }),
  );
  assertEquals(nb.preset, "default");
  assertEquals(nb.options, { preset: "default", overrides: {} });
  assertEquals(nb.seeds, [0, 1, 2]);
  assertEquals(nb.info.preset, "default");
});

Deno.test("notebookSetup names an unknown preset and a bad setting", async () => {
  await withEnv(
    { [PRESET_ENV]: "huge", [SETTINGS_ENV]: undefined },
    () =>
      assertRejects(
        () => notebookSetup({ backend: false }),
        RangeError,
        "valid presets are default, full, smoke",
      ),
  );
  await withEnv(
    { [PRESET_ENV]: "smoke", [SETTINGS_ENV]: "btm.perClass=0" },
    () =>
      assertRejects(
        () => notebookSetup({ backend: false }),
        RangeError,
        "btm.perClass must be an integer >= 1",
      ),
  );
});

Deno.test("the summary names the preset, the settings and the resolved config", async () => {
  const nb = await withEnv(
    { [PRESET_ENV]: "smoke", [SETTINGS_ENV]: "btm.perClass=3" },
    () => notebookSetup({ backend: false }),
  );
  assertEquals(
    nb.summary,
    "preset smoke + btm.perClass=3: tiny (seed 0), resnet8: pretrain 2 epochs (batch 32, lr 0.1, mixup α 0); " +
      "BTM N_D = 2 × N_C = 3, fine-tunes 2 epochs (batch 32, lr 0.1, mixup α 0), uniform merge; " +
      "post-train 1 epochs (las, class-balanced); GML 1 epochs (lr 0.05 ×0.2 after epoch 10), " +
      "t_old 1, t_new 1; core sections on seeds 0, 1",
  );
});

Deno.test("notebookSetup's seeds: the preset's count from the config's seed, $BTM_SEEDS, or the notebook's", async () => {
  const at = (env: Record<string, string | undefined>, seeds?: number | number[]) =>
    withEnv(
      { [PRESET_ENV]: undefined, [SETTINGS_ENV]: undefined, [SEEDS_ENV]: undefined, ...env },
      () => notebookSetup({ backend: false, seeds }),
    );
  assertEquals((await at({})).seeds, [0, 1, 2]); // default preset: 3
  assertEquals((await at({ [PRESET_ENV]: "smoke" })).seeds, [0, 1]); // smoke: 2
  assertEquals((await at({ [SETTINGS_ENV]: "seed=4" })).seeds, [4, 5, 6]);
  assertEquals((await at({ [SEEDS_ENV]: "5" })).seeds, [0, 1, 2, 3, 4]);
  const own = await at({ [SEEDS_ENV]: "5" }, [3, 7]);
  assertEquals([own.seeds, own.info.seed, own.info.seeds], [[3, 7], 3, [3, 7]]);
  assertEquals((await at({}, 1)).seeds, [0]);
  await assertRejects(() => at({ [SEEDS_ENV]: "two" }), RangeError, 'Invalid BTM_SEEDS "two"');
  await assertRejects(() => at({}, [1, 1]), RangeError, "a seed is repeated");
  assertEquals(parseSeedCount(" 3 "), 3);
});
