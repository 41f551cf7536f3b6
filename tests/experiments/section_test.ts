import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects } from "@std/assert";
import { initBackend } from "../../lib/backend/mod.ts";
import {
  checkOutDir,
  resultsDir,
  runSection,
  writeSectionResult,
} from "../../lib/experiments/section.ts";
import { buildModel } from "../../lib/models/mod.ts";
import { DEFAULT_RESULTS_DIR } from "../../lib/experiments/section.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("runSection resolves, loads, times, writes the header and disposes what the body owns", async () => {
  const out = await Deno.makeTempDir();
  const tensors = tf.memory().numTensors;
  const r = await runSection(
    "frame-check",
    { preset: "smoke", overrides: { seed: 2 }, out },
    async (ctx) => {
      assertEquals(ctx.config.seed, 2);
      assertEquals(ctx.bench.name, "tiny");
      const inputShape: [number, number, number] = [
        ctx.bench.train.height,
        ctx.bench.train.width,
        3,
      ];
      const a = ctx.own(
        buildModel("resnet8", { numClasses: 3, inputShape, widths: [2, 2, 2], seed: 0 }),
      );
      const b = ctx.own(
        buildModel("resnet8", { numClasses: 3, inputShape, widths: [2, 2, 2], seed: 1 }),
      );
      ctx.drop(b);
      assert(tf.memory().numTensors > tensors, "the owned model is alive during the body");
      await ctx.time("step", () => Promise.resolve(a.featureDim));
      ctx.warn("checked twice");
      ctx.warn("checked twice");
      return { answer: 42 };
    },
  );
  assertEquals(tf.memory().numTensors, tensors);
  assertEquals(r.section, "frame-check");
  assertEquals([r.preset, r.seed, r.config.data, r.backend], ["smoke", 2, "tiny", "wasm"]);
  assertEquals(r.data.name, "tiny");
  assertEquals(r.data.trainCounts.length, r.data.numClasses);
  assert(Object.keys(r.data.sha256).length > 0);
  assertEquals(typeof r.versions.tfjs, "string");
  assertEquals(r.answer, 42);
  assertEquals(r.warnings, ["checked twice"]);
  assertEquals(Object.keys(r.timings).sort(), ["data", "step", "total"]);
  assertEquals(r.path, `${out}/frame-check-smoke-seed2.json`);
  const saved = JSON.parse(await Deno.readTextFile(r.path!));
  assertEquals(saved.answer, 42);
  assertEquals(saved.config, r.config);
  await Deno.remove(out, { recursive: true });
});

Deno.test("runSection disposes owned models when the body fails", async () => {
  const tensors = tf.memory().numTensors;
  await assertRejects(
    () =>
      runSection("frame-fails", { preset: "smoke", out: null }, (ctx) => {
        ctx.own(
          buildModel("resnet8", {
            numClasses: 3,
            inputShape: [8, 8, 3],
            widths: [2, 2, 2],
            seed: 0,
          }),
        );
        return Promise.reject(new Error("body failed"));
      }),
    Error,
    "body failed",
  );
  assertEquals(tf.memory().numTensors, tensors);
});

Deno.test("runSection checks the output folder and the file name before any work", async () => {
  const dir = await Deno.makeTempDir();
  const file = `${dir}/a-file`;
  await Deno.writeTextFile(file, "x");
  let ran = false;
  const body = () => {
    ran = true;
    return Promise.resolve({});
  };
  await assertRejects(
    () => runSection("x", { preset: "smoke", out: file }, body),
    Error,
    "it is a file",
  );
  await assertRejects(() => runSection("x", { preset: "smoke", out: "" }, body), Error, 'to ""');
  await assertRejects(() => runSection("x", { preset: "smoke", out: `${file}/sub` }, body), Error);
  await assertRejects(
    () => runSection("../x", { preset: "smoke", out: dir }, body),
    Error,
    '"../x"',
  );
  await assertRejects(
    () => runSection("x", { preset: "huge", out: dir }, body),
    RangeError,
    "default, full, smoke",
  );
  assertEquals(ran, false);
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["a-file"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("checkOutDir creates the folder, refuses files and empty paths, leaves nothing behind", async () => {
  const dir = await Deno.makeTempDir();
  assertEquals(await checkOutDir(`${dir}/new/deeper/`), `${dir}/new/deeper`);
  assertEquals([...Deno.readDirSync(`${dir}/new/deeper`)], []);
  await assertRejects(() => checkOutDir(" "), Error, "give a folder");
  if (Deno.uid() !== 0) {
    await Deno.chmod(`${dir}/new`, 0o500);
    await assertRejects(() => checkOutDir(`${dir}/new/deeper`), Error, "Cannot write to");
    await Deno.chmod(`${dir}/new`, 0o700);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("writeSectionResult writes <name>-<preset>[-<tag>]-seed<seed>.json and leaves no temp file", async () => {
  const out = await Deno.makeTempDir();
  const data = { preset: "smoke", seed: 3, curve: [{ lambda: 0.5, h: 0.25 }] };
  const path = await writeSectionResult("observations-1-2", data, { out: `${out}/nested/` });
  assertEquals(path, `${out}/nested/observations-1-2-smoke-seed3.json`);
  assertEquals(JSON.parse(await Deno.readTextFile(path)), data);
  const tagged = await writeSectionResult("btm", data, {
    out: `${out}/nested`,
    tag: "set-0a1b2c3d",
  });
  assertEquals(tagged, `${out}/nested/btm-smoke-set-0a1b2c3d-seed3.json`);
  assertEquals([...Deno.readDirSync(`${out}/nested`)].map((e) => e.name).sort(), [
    "btm-smoke-set-0a1b2c3d-seed3.json",
    "observations-1-2-smoke-seed3.json",
  ]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("writeSectionResult follows BTM_RESULTS_DIR when no folder is given", async () => {
  const out = await Deno.makeTempDir();
  const previous = Deno.env.get("BTM_RESULTS_DIR");
  Deno.env.set("BTM_RESULTS_DIR", out);
  try {
    assertEquals(resultsDir(), out);
    const path = await writeSectionResult("figure-3", { preset: "default", seed: 0 });
    assertEquals(path, `${out}/figure-3-default-seed0.json`);
    Deno.env.set("BTM_RESULTS_DIR", "");
    assertEquals(resultsDir(), DEFAULT_RESULTS_DIR); // empty means unset, never the root
  } finally {
    if (previous === undefined) Deno.env.delete("BTM_RESULTS_DIR");
    else Deno.env.set("BTM_RESULTS_DIR", previous);
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("writeSectionResult refuses path-like names and tags, and results without preset or seed", async () => {
  const out = await Deno.makeTempDir();
  await assertRejects(
    () => writeSectionResult("../x", { preset: "smoke", seed: 0 }, { out }),
    Error,
    '"../x"',
  );
  await assertRejects(
    () => writeSectionResult("x", { preset: "smoke", seed: 0 }, { out, tag: "a/b" }),
    Error,
    '"a/b"',
  );
  await assertRejects(
    () => writeSectionResult("x", { preset: "smoke", seed: 0.5 }, { out }),
    Error,
    "integer seed",
  );
  await assertRejects(
    () => writeSectionResult("x", { preset: "smoke", seed: 0 }, { out: "" }),
    Error,
    "give a folder",
  );
  await Deno.remove(out, { recursive: true });
});
