// Separate process from init_backend_test.ts: the first wasm start fixes threads.
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertStringIncludes } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";

// Pretend this runtime's WebAssembly has no threads: reject modules using the
// atomics opcode prefix 0xFE (the threads probe), keep the SIMD probe working.
const validate = WebAssembly.validate;
WebAssembly.validate = (bytes: BufferSource) =>
  !new Uint8Array(bytes as ArrayBuffer).includes(0xfe) && validate(bytes);
const info = await initBackend({ backend: "wasm", threads: 2 });
WebAssembly.validate = validate;

Deno.test("without WebAssembly threads, wasm falls back to one thread and says why", () => {
  assertEquals(info.backend, "wasm");
  assertEquals(info.threads, 1);
  assertStringIncludes(info.reason, "threads unavailable");
  assertStringIncludes(info.reason, "lacks threads");
});

Deno.test("the single-thread fallback computes", () => {
  const y = tf.tidy(() =>
    tf.sum(
      tf.conv2d(
        tf.ones([1, 4, 4, 2]) as tf.Tensor4D,
        tf.ones([3, 3, 2, 1]) as tf.Tensor4D,
        1,
        "valid",
      ),
    )
  );
  assertEquals(y.dataSync()[0], 4 * 18);
  y.dispose();
});
