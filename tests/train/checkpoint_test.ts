import { assertEquals, assertRejects } from "@std/assert";
import type { NamedWeights } from "../../lib/merge/named_weights.ts";
import type { ModelConfig } from "../../lib/models/types.ts";
import { loadCheckpoint, saveCheckpoint } from "../../lib/train/checkpoint.ts";

const config: ModelConfig = { arch: "resnet8", numClasses: 3, inputShape: [8, 8, 3], seed: 1 };
const weights: NamedWeights = new Map([
  ["a/kernel", { shape: [2, 3], values: Float32Array.of(1, 2, 3, 4, 5, 6) }],
  ["a/bias", { shape: [3], values: Float32Array.of(-1, 0.5, 7) }],
]);

Deno.test("a checkpoint round-trips weights, optimizer state and metadata", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/sub/m.ckpt`;
  const hash = await saveCheckpoint(path, {
    modelConfig: config,
    weights,
    optimizer: new Map([["a/bias", { shape: [3], values: Float32Array.of(9, 8, 7) }]]),
    meta: { stage: "pretrain", epoch: 4, metrics: { acc: 0.5 } },
  });
  const c = await loadCheckpoint(path, { expect: { arch: "resnet8", numClasses: 3 } });
  assertEquals(c.sha256, hash);
  assertEquals(c.modelConfig, config);
  assertEquals([...c.weights.keys()], ["a/kernel", "a/bias"]);
  assertEquals(Array.from(c.weights.get("a/bias")!.values), [-1, 0.5, 7]);
  assertEquals(c.weights.get("a/kernel")!.shape, [2, 3]);
  assertEquals(Array.from(c.optimizer!.get("a/bias")!.values), [9, 8, 7]);
  assertEquals(c.meta.epoch, 4);
  assertEquals(c.meta.metrics, { acc: 0.5 });
  assertEquals(typeof c.meta.versions?.tfjs, "string");
  // No temporary file is left next to it.
  assertEquals([...Deno.readDirSync(`${dir}/sub`)].map((e) => e.name), ["m.ckpt"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a torn or edited checkpoint fails its sha256 check", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/m.ckpt`;
  await saveCheckpoint(path, { modelConfig: config, weights });
  const bytes = await Deno.readFile(path);
  await Deno.writeFile(`${dir}/torn.ckpt`, bytes.subarray(0, bytes.length - 10));
  await assertRejects(() => loadCheckpoint(`${dir}/torn.ckpt`), Error, "torn or was edited");
  const edited = bytes.slice();
  edited[edited.length - 80] ^= 1; // flip a bit of the payload
  await Deno.writeFile(`${dir}/edited.ckpt`, edited);
  await assertRejects(() => loadCheckpoint(`${dir}/edited.ckpt`), Error, "sha256");
  await Deno.writeFile(
    `${dir}/junk.ckpt`,
    new TextEncoder().encode(
      "not a checkpoint at all......................................................",
    ),
  );
  await assertRejects(() => loadCheckpoint(`${dir}/junk.ckpt`), Error, "bad header");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loading a mismatched architecture is a clear error", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/m.ckpt`;
  await saveCheckpoint(path, { modelConfig: config, weights });
  await assertRejects(
    () => loadCheckpoint(path, { expect: { arch: "resnet20" } }),
    Error,
    'arch "resnet8" but "resnet20" was expected',
  );
  await assertRejects(
    () => loadCheckpoint(path, { expect: { numClasses: 10 } }),
    Error,
    "numClasses 3 but 10",
  );
  await Deno.remove(dir, { recursive: true });
});
