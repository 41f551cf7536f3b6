import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import { sgdUpdate, type SgdUpdateOptions } from "../../lib/backend/sgd_update.ts";
import { normals } from "./_conv_cases.ts";

await initBackend({ backend: "wasm", threads: 1 });
let onednn = true;
try {
  await initBackend({ backend: "onednn", threads: 1 });
} catch {
  onednn = false;
}

/** The update as separate tfjs ops (what the kernel replaces). */
function reference(w: tf.Tensor, g: tf.Tensor, v: tf.Tensor | undefined, o: SgdUpdateOptions) {
  return tf.tidy(() => {
    const d = o.weightDecay > 0 ? tf.add(g, tf.mul(w, o.weightDecay)) : g;
    const next = v && o.momentum > 0 ? tf.add(tf.mul(v, o.momentum), d) : d;
    const update = o.nesterov ? tf.add(d, tf.mul(next, o.momentum)) : next;
    return [tf.sub(w, tf.mul(update, o.lr)), tf.clone(next)];
  });
}

const CASES: (SgdUpdateOptions & { first: boolean })[] = [
  { lr: 0.1, momentum: 0.9, weightDecay: 5e-4, nesterov: false, first: false },
  { lr: 0.1, momentum: 0.9, weightDecay: 5e-4, nesterov: false, first: true },
  { lr: 0.037, momentum: 0.9, weightDecay: 0, nesterov: true, first: false },
  { lr: 0.5, momentum: 0, weightDecay: 1e-3, nesterov: false, first: false },
];

for (const backend of ["wasm", "onednn", "cpu"]) {
  for (const c of CASES) {
    Deno.test({
      name: `sgdUpdate on ${backend} gives the separate ops' bits: ${JSON.stringify(c)}`,
      ignore: backend === "onednn" && !onednn,
      fn: async () => {
        await tf.setBackend(backend);
        const [wv, gv, vv] = [1, 2, 3].map((s) => normals(3 * 3 * 4 * 5, 300 + s));
        const w = tf.tensor(wv, [3, 3, 4, 5]);
        const g = tf.tensor(gv, [3, 3, 4, 5]);
        const v = c.first ? undefined : tf.tensor(vv, [3, 3, 4, 5]);
        const before = tf.memory().numTensors;
        const ours = sgdUpdate(w, g, v, c);
        assertEquals(tf.memory().numTensors, before + (c.momentum > 0 ? 2 : 1));
        await tf.setBackend("cpu");
        const [rw, rv] = reference(
          tf.tensor(wv, w.shape),
          tf.tensor(gv, g.shape),
          v ? tf.tensor(vv, v.shape) : undefined,
          c,
        );
        assertEquals(ours.w.dataSync(), rw.dataSync());
        if (c.momentum > 0) assertEquals(ours.v!.dataSync(), rv.dataSync());
        else assertEquals(ours.v, undefined);
        tf.dispose([w, g, v, ours.w, ours.v, rw, rv].filter((t) => t !== undefined));
      },
    });
  }
}
