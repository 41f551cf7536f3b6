import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import { runningStatsUpdate } from "../../lib/backend/running_stats_update.ts";
import { normals } from "./_conv_cases.ts";

await initBackend({ backend: "wasm", threads: 1 });
let onednn = true;
try {
  await initBackend({ backend: "onednn", threads: 1 });
} catch {
  onednn = false;
}

for (const backend of ["wasm", "onednn", "cpu"]) {
  for (const [momentum, count] of [[0.1, 2048], [0.01, 2], [0.5, 37]]) {
    Deno.test({
      name:
        `runningStatsUpdate on ${backend} gives the separate ops' bits (m ${momentum}, N ${count})`,
      ignore: backend === "onednn" && !onednn,
      fn: async () => {
        const [rm, rv, bm, bv] = [1, 2, 3, 4].map((s) => normals(16, 400 + s).map(Math.abs));
        await tf.setBackend(backend);
        const ours = runningStatsUpdate(
          tf.tensor1d(rm),
          tf.tensor1d(rv),
          tf.tensor1d(bm),
          tf.tensor1d(bv),
          { momentum, count },
        ).map((t) => t.dataSync());
        await tf.setBackend("cpu");
        const ref = tf.tidy(() => {
          const unbiased = tf.mul(tf.tensor1d(bv), count / (count - 1));
          return [
            tf.add(tf.mul(tf.tensor1d(rm), 1 - momentum), tf.mul(tf.tensor1d(bm), momentum)),
            tf.add(tf.mul(tf.tensor1d(rv), 1 - momentum), tf.mul(unbiased, momentum)),
          ];
        }).map((t) => t.dataSync());
        assertEquals(ours, ref);
      },
    });
  }
}

Deno.test("runningStatsUpdate refuses fewer than two values per channel", () => {
  const t = tf.zeros([2]);
  assertThrows(() => runningStatsUpdate(t, t, t, t, { momentum: 0.1, count: 1 }), RangeError, "1");
  t.dispose();
});
