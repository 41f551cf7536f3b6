import { initBackend } from "../../lib/backend/mod.ts";
import { assertEquals, assertRejects } from "@std/assert";
import { balancedFinetune } from "../../lib/train/balanced_finetune.ts";
import { fakeBenchmark, tinyModel } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("balancedFinetune trains on the subset only and needs one", async () => {
  const bench = fakeBenchmark();
  const model = tinyModel();
  const r = await balancedFinetune(model, bench, {
    subset: Int32Array.of(0, 1, 24, 25, 32, 33),
    epochs: 2,
    batchSize: 4,
    cache: false,
    onProgress: null,
  });
  assertEquals(r.history.images, 12);
  await assertRejects(
    () => balancedFinetune(model, bench, { subset: new Int32Array(0), cache: false }),
    Error,
    "non-empty",
  );
  r.model.dispose();
  model.dispose();
});
