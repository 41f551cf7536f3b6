import { initBackend } from "../../lib/backend/mod.ts";
import { assertEquals, assertNotEquals, assertRejects } from "@std/assert";
import { getNamedWeights } from "../../lib/models/mod.ts";
import { saveCheckpoint } from "../../lib/train/checkpoint.ts";
import { loadModel, modelHash, saveModel } from "../../lib/train/save_model.ts";
import { tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("saveModel/loadModel round-trip every variable; hashes track content", async () => {
  const dir = await Deno.makeTempDir();
  const model = tinyModel(1);
  await saveModel(`${dir}/m.ckpt`, model, { stage: "test" });
  const { model: loaded, checkpoint } = await loadModel(`${dir}/m.ckpt`, {
    expect: { arch: "resnet8" },
  });
  assertEquals(getNamedWeights(loaded), getNamedWeights(model));
  assertEquals(checkpoint.meta.stage, "test");
  assertEquals(await modelHash(loaded), await modelHash(model));
  const other = tinyModel(2);
  assertNotEquals(await modelHash(other), await modelHash(model));
  // Weights of another architecture under this config are refused.
  const weights = getNamedWeights(model);
  weights.delete("classifier/bias");
  await saveCheckpoint(`${dir}/bad.ckpt`, { modelConfig: model.config, weights });
  await assertRejects(() => loadModel(`${dir}/bad.ckpt`), Error, "classifier/bias");
  for (const m of [model, loaded, other]) m.dispose();
  await Deno.remove(dir, { recursive: true });
});
