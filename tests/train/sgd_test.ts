import { initBackend } from "../../lib/backend/mod.ts";
import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { Sgd } from "../../lib/train/sgd.ts";

await initBackend({ backend: "wasm", threads: 1 });

Deno.test("SGD follows PyTorch: v = μv + (g + wd·w); w -= lr·v", async () => {
  const w = tf.variable(tf.tensor1d([1, -2]));
  const vars = new Map([["w", w]]);
  const sgd = new Sgd({ momentum: 0.9, weightDecay: 0.1 });
  const g = tf.tensor1d([0.5, 1]);
  // Reference computed by hand in float64.
  let ref = [1, -2];
  let vel = [0, 0];
  for (let step = 0; step < 3; step++) {
    sgd.step(vars, new Map([["w", g]]), 0.2);
    const d = ref.map((x, i) => [0.5, 1][i] + 0.1 * x);
    vel = step === 0 ? d : vel.map((v, i) => 0.9 * v + d[i]);
    ref = ref.map((x, i) => x - 0.2 * vel[i]);
  }
  const got = await w.data();
  assertAlmostEquals(got[0], ref[0], 1e-6);
  assertAlmostEquals(got[1], ref[1], 1e-6);
  const state = await sgd.exportState();
  assertAlmostEquals(state.get("w")!.values[1], vel[1], 1e-6);
  g.dispose();
  sgd.dispose();
  w.dispose();
});

Deno.test("SGD state round-trips: a resumed optimizer matches an uninterrupted one", async () => {
  const make = () => tf.variable(tf.tensor1d([1, 2, 3]));
  const a = make(), b = make();
  const g = tf.tensor1d([0.3, -0.1, 0.2]);
  const sa = new Sgd(), sb = new Sgd();
  sa.step(new Map([["w", a]]), new Map([["w", g]]), 0.1);
  sb.step(new Map([["w", b]]), new Map([["w", g]]), 0.1);
  const resumed = new Sgd();
  resumed.importState(await sb.exportState());
  sb.dispose();
  sa.step(new Map([["w", a]]), new Map([["w", g]]), 0.1);
  resumed.step(new Map([["w", b]]), new Map([["w", g]]), 0.1);
  assertEquals(Array.from(await a.data()), Array.from(await b.data()));
  tf.dispose([a, b, g]);
  sa.dispose();
  resumed.dispose();
});

Deno.test("SGD leaks no tensors and exempts names from weight decay", () => {
  const w = tf.variable(tf.tensor1d([1]));
  const sgd = new Sgd({ momentum: 0.9, weightDecay: 1, noDecay: (n) => n.endsWith("bias") });
  const zero = tf.tensor1d([0]);
  sgd.step(new Map([["bias", w]]), new Map([["bias", zero]]), 0.5); // creates the velocity
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) sgd.step(new Map([["bias", w]]), new Map([["bias", zero]]), 0.5);
  assertEquals(tf.memory().numTensors, before);
  assertEquals(w.dataSync()[0], 1); // zero gradient and no decay: unchanged
  sgd.dispose();
  tf.dispose([w, zero]);
});

Deno.test("SGD refuses mismatched gradients and unknown names", () => {
  const w = tf.variable(tf.tensor1d([1, 2]));
  const sgd = new Sgd();
  const g = tf.tensor1d([1]);
  assertThrows(() => sgd.step(new Map([["w", w]]), new Map([["w", g]]), 0.1), Error, "[1]");
  assertThrows(() => sgd.step(new Map([["w", w]]), new Map([["x", g]]), 0.1), Error, '"x"');
  assertThrows(() => new Sgd({ momentum: 1 }), RangeError, "momentum 1");
  tf.dispose([w, g]);
});
