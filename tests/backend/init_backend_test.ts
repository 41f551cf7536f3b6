import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { BACKEND_NAMES, initBackend } from "../../lib/backend/init_backend.ts";
import { WASM_KERNELS } from "../../lib/backend/register_wasm_kernels.ts";
import { normals, relErr, valuesOn } from "./_conv_cases.ts";

// The first wasm start in a process fixes its threads, so it happens once, here.
const info = await initBackend({ backend: "wasm", threads: 2 });

Deno.test("initBackend starts the threaded-SIMD wasm binary with the threads asked for", () => {
  assertEquals(info.backend, "wasm");
  assertEquals(info.threads, 2, info.reason);
  assertStringIncludes(info.reason, "threaded-SIMD");
  assertEquals(info.simd, true);
  assertEquals(info.tfjsVersion, tf.version.tfjs);
  assertEquals(info.kernels.sort(), Object.keys(WASM_KERNELS).sort());
});

Deno.test("the wasm Identity shares its input's bytes (a saved tensor costs no copy)", () => {
  const x = tf.tensor1d([1, 2, 3]);
  const y = tf.engine().runKernel("Identity", { x }) as tf.Tensor;
  assert(y.dataId === x.dataId, "Identity copied");
  x.dispose();
  assertEquals([...y.dataSync()], [1, 2, 3]); // still valid after the input is gone
  y.dispose();
});

Deno.test("threaded wasm computes a conv and its gradients like cpu", async () => {
  const xv = normals(4 * 9 * 9 * 8, 1);
  const wv = normals(3 * 3 * 8 * 16, 2);
  const run = () => {
    const x = tf.tensor4d(xv, [4, 9, 9, 8]);
    const w = tf.tensor4d(wv, [3, 3, 8, 16]);
    const f = (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, "same")));
    return [tf.conv2d(x, w, 1, "same"), ...tf.grads(f)([x, w])];
  };
  const ref = await valuesOn("cpu", run);
  const ours = await valuesOn("wasm", run);
  for (const i of [0, 1, 2]) assert(relErr(ours[i], ref[i]) < 1e-5, `output ${i}`);
});

Deno.test("a later initBackend reports the running thread count and why", async () => {
  const again = await initBackend({ backend: "wasm", threads: 1 });
  assertEquals(again.threads, 2);
  assertStringIncludes(again.reason, "already started");
});

Deno.test("initBackend switches to cpu when asked", async () => {
  const cpu = await initBackend({ backend: "cpu" });
  assertEquals(cpu.backend, "cpu");
  assertEquals(tf.getBackend(), "cpu");
  await tf.setBackend("wasm");
});

Deno.test("initBackend rejects unknown backends, listing the valid ones", async () => {
  const error = await assertRejects(
    // deno-lint-ignore no-explicit-any
    () => initBackend({ backend: "tpu" as any }),
    Error,
    "tpu",
  );
  for (const name of BACKEND_NAMES) assertStringIncludes(error.message, name);
});

Deno.test("initBackend rejects a thread count that is not a positive integer", async () => {
  await assertRejects(() => initBackend({ threads: 0 }), Error, "0 threads");
  await assertRejects(() => initBackend({ threads: 1.5 }), Error, "1.5 threads");
});

Deno.test("asking for tensorflow without tfjs-node is an error that says why", async () => {
  try {
    const tfInfo = await initBackend({ backend: "tensorflow" });
    assertEquals(tfInfo.backend, "tensorflow"); // only where tfjs-node is installed
  } catch (e) {
    assertStringIncludes((e as Error).message, "not importable");
  }
  await tf.setBackend("wasm");
});

Deno.test("by default initBackend tries tensorflow and webgpu first and says why it skipped them", async () => {
  const chosen = await initBackend({ threads: 2 });
  if (chosen.backend === "onednn" || chosen.backend === "wasm") {
    assertStringIncludes(chosen.reason, "tensorflow skipped");
    assertStringIncludes(chosen.reason, "webgpu skipped");
    assertEquals(chosen.threads, 2);
  } else {
    assert(chosen.backend === "tensorflow" || chosen.backend === "webgpu", chosen.backend);
  }
  if (chosen.backend === "wasm") assertStringIncludes(chosen.reason, "onednn skipped");
  else if (chosen.backend === "onednn") assertStringIncludes(chosen.reason, "oneDNN 2.");
  await tf.setBackend("wasm");
});
