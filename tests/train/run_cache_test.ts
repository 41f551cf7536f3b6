import { assertEquals, assertNotEquals } from "@std/assert";
import { RunCache, RUNS_CACHE_DIR, runsCacheDir } from "../../lib/train/run_cache.ts";

Deno.test("run cache keys depend on config and inputs; save removes the epoch file", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new RunCache({ dir });
  const k1 = await cache.key("pretrain", { epochs: 1, input: "x" });
  assertEquals(k1, await cache.key("pretrain", { input: "x", epochs: 1 }));
  assertNotEquals(k1, await cache.key("pretrain", { epochs: 2, input: "x" }));
  assertNotEquals(k1, await cache.key("btm", { epochs: 1, input: "x" }));
  assertEquals(await cache.has(k1), false);
  assertEquals(await cache.load(k1), undefined);
  await Deno.writeTextFile(cache.epochPath(k1), "partial");
  const weights = new Map([["w", { shape: [1], values: Float32Array.of(3) }]]);
  await cache.save(k1, {
    modelConfig: { arch: "resnet8", numClasses: 2, inputShape: [4, 4, 3], seed: 0 },
    weights,
  });
  assertEquals(await cache.has(k1), true);
  const c = await cache.load(k1);
  assertEquals(c?.meta.key, k1);
  assertEquals(Array.from(c!.weights.get("w")!.values), [3]);
  assertEquals(await Deno.stat(cache.epochPath(k1)).then(() => true, () => false), false);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a RunCache with no folder given uses $BTM_RUNS_DIR when set, else data/cache/runs/", () => {
  const before = Deno.env.get("BTM_RUNS_DIR");
  try {
    Deno.env.delete("BTM_RUNS_DIR");
    assertEquals(runsCacheDir(), RUNS_CACHE_DIR);
    assertEquals(new RunCache().dir, RUNS_CACHE_DIR.replace(/\/+$/, ""));
    Deno.env.set("BTM_RUNS_DIR", "/tmp/elsewhere/");
    assertEquals(new RunCache().dir, "/tmp/elsewhere");
    // An explicit folder still wins.
    assertEquals(new RunCache({ dir: "/tmp/mine" }).dir, "/tmp/mine");
  } finally {
    if (before === undefined) Deno.env.delete("BTM_RUNS_DIR");
    else Deno.env.set("BTM_RUNS_DIR", before);
  }
});
