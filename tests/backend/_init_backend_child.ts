/**
 * Child script of `init_backend_process_test.ts`, run as a user's script
 * would be: `initBackend` with the backend (`default` for none) and threads
 * given as arguments, one small conv, a JSON line on stdout, and then it
 * returns without `Deno.exit`.
 *
 *   deno run -A tests/backend/_init_backend_child.ts <backend|default> <threads>
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type BackendName, initBackend } from "../../lib/backend/init_backend.ts";

const [backend, threads] = Deno.args;
const info = await initBackend({
  backend: backend === "default" ? undefined : backend as BackendName,
  threads: Number(threads),
});
const sum = tf.tidy(() =>
  tf.sum(
    tf.conv2d(
      tf.ones([1, 8, 8, 4]) as tf.Tensor4D, // [batch, height, width, in]
      tf.ones([3, 3, 4, 8]) as tf.Tensor4D, // [kh, kw, in, out]
      1,
      "same",
    ),
  )
);
console.log(JSON.stringify({
  backend: info.backend,
  threads: info.threads,
  reason: info.reason,
  sum: (await sum.data())[0],
  // Whatever initBackend set while it started WebGPU must be gone again.
  nodeviceSelect: Deno.env.get("NODEVICE_SELECT") ?? null,
}));
sum.dispose();
