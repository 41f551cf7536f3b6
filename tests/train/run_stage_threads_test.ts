// On onednn the thread count is part of a stage's cache key (its bits depend on it).
import { assertEquals, assertNotEquals } from "@std/assert";
import { initBackend } from "../../lib/backend/mod.ts";
import { pretrain } from "../../lib/train/pretrain.ts";
import { RunCache } from "../../lib/train/run_cache.ts";
import { fakeBenchmark } from "./_fixtures.ts";

let problem: string | undefined;
try {
  await initBackend({ backend: "onednn", threads: 1 });
} catch (e) {
  problem = (e as Error).message;
}

Deno.test({
  name: "onednn stages trained on other thread counts are not reused from the cache",
  ignore: problem !== undefined,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const cache = new RunCache({ dir });
    const bench = fakeBenchmark();
    const opts = {
      arch: "resnet8",
      widths: [4, 4, 4],
      epochs: 1,
      batchSize: 8,
      cache,
      onProgress: null,
    };
    const one = await pretrain(bench, opts);
    const again = await pretrain(bench, opts);
    assertEquals(again.fromCache, true);
    assertEquals(one.history.threads, 1);
    await initBackend({ backend: "onednn", threads: 2 });
    const two = await pretrain(bench, opts);
    assertEquals(two.fromCache, false);
    assertNotEquals(two.key, one.key);
    assertEquals(two.history.threads, 2);
    for (const r of [one, again, two]) r.model.dispose();
    await initBackend({ backend: "onednn", threads: 1 });
    await Deno.remove(dir, { recursive: true });
  },
});
