import { initBackend } from "../../lib/backend/mod.ts";
import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { pretrain } from "../../lib/train/pretrain.ts";
import { RunCache } from "../../lib/train/run_cache.ts";
import { fakeBenchmark } from "./_fixtures.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("pretrain trains once, then loads the same model from the run cache", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const bench = fakeBenchmark();
  const opts = { widths: [4, 8, 8], epochs: 2, batchSize: 8, cache, onProgress: null };
  const a = await pretrain(bench, opts);
  assertEquals(a.fromCache, false);
  assertEquals(a.history.epochLosses.length, 2);
  const b = await pretrain(bench, opts);
  assertEquals(b.fromCache, true);
  assertEquals(b.key, a.key);
  assertEquals(b.modelSha256, a.modelSha256);
  assertEquals(b.history, a.history);
  // Another config is another key.
  const c = await pretrain(bench, { ...opts, lr: 0.05 });
  assertEquals(c.fromCache, false);
  assertNotEquals(c.key, a.key);
  assert(a.key.startsWith("pretrain-"));
  for (const r of [a, b, c]) r.model.dispose();
  await Deno.remove(dir, { recursive: true });
});
