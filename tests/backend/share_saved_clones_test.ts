import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { initBackend } from "../../lib/backend/init_backend.ts";
import { shareSavedClones } from "../../lib/backend/share_identity.ts";
import { buildModel } from "../../lib/models/mod.ts";
import { Rng } from "../../lib/random/mod.ts";

await initBackend({ backend: "wasm", threads: 1 });

type EngineWithClone = { clone(x: tf.Tensor): tf.Tensor };
const engine = tf.engine() as unknown as EngineWithClone;
const fast = engine.clone;
const original = (engine as unknown as Record<symbol, EngineWithClone["clone"]>)[
  Object.getOwnPropertySymbols(engine).find((s) => s.toString().includes("originalClone"))!
];

/** Runs `f` with tfjs's own clone, restoring the shared one after. */
function withOriginalClone<T>(f: () => T): T {
  engine.clone = original;
  try {
    return f();
  } finally {
    engine.clone = fast;
  }
}

/** Identity kernel calls made while `f` runs. */
function identityCalls(f: () => void): number {
  const e = tf.engine() as unknown as { runKernel(name: string, ...rest: unknown[]): unknown };
  const run = e.runKernel.bind(e);
  let n = 0;
  e.runKernel = (name: string, ...rest: unknown[]) => {
    if (name === "Identity") n++;
    return run(name, ...rest);
  };
  try {
    f();
  } finally {
    e.runKernel = run;
  }
  return n;
}

function lossAndGrads(model: ReturnType<typeof buildModel>, x: tf.Tensor4D, labels: tf.Tensor2D) {
  const names = model.backboneWeights;
  const vars = names.map((n) => model.variables.get(n)!);
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { bnMode: "train" })) as tf.Scalar,
    vars,
  );
  const out = [value.dataSync(), ...vars.map((v) => grads[v.name].dataSync())];
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

Deno.test("shared clones: a training step's loss and gradients are unchanged, with far fewer Identity calls and no leak", () => {
  shareSavedClones(); // idempotent: initBackend installed it already
  assert(original !== undefined && engine.clone === fast, "the shared clone is installed once");
  const model = buildModel("resnet8", { numClasses: 5, inputShape: [8, 8, 3], seed: 0 });
  const rng = new Rng(3);
  const x = tf.tensor4d(Float32Array.from({ length: 4 * 8 * 8 * 3 }, () => rng.normal()), [
    4,
    8,
    8,
    3,
  ]);
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 3], "int32"), 5) as tf.Tensor2D;
  // Each pass in train mode also updates the running statistics, so compare on fresh copies.
  const snapshot = [...model.variables].map(([n, v]) => [n, tf.clone(v)] as const);
  const restore = () => {
    for (const [n, t] of snapshot) model.variables.get(n)!.assign(t);
  };
  let shared: Float32Array[] = [];
  let tfjs: Float32Array[] = [];
  const callsShared = identityCalls(() => {
    shared = lossAndGrads(model, x, labels) as Float32Array[];
  });
  restore();
  const callsTfjs = identityCalls(() => {
    tfjs = withOriginalClone(() => lossAndGrads(model, x, labels)) as Float32Array[];
  });
  assertEquals(shared, tfjs);
  assert(callsShared < callsTfjs / 2, `Identity calls: ${callsShared} shared vs ${callsTfjs}`);
  restore();
  lossAndGrads(model, x, labels);
  const before = tf.memory().numTensors;
  lossAndGrads(model, x, labels);
  assertEquals(tf.memory().numTensors, before);
  tf.dispose([x, labels, ...snapshot.map(([, t]) => t)]);
  model.dispose();
});

Deno.test("shared clones: a gradient of a gradient still flows through saved tensors (tfjs's clone runs there)", () => {
  // Square saves its input; its second derivative reaches x only through the saved clone's tape node.
  const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.square(x), 1.5));
  const second = (x: tf.Tensor) => tf.grad((y: tf.Tensor) => tf.sum(tf.grad(f)(y)))(x);
  const x = tf.tensor1d([0.5, -1, 2]);
  const got = second(x);
  assertEquals([...got.dataSync()], [3, 3, 3]); // d²/dx² of 1.5·x² (0 if the link were lost)
  assertEquals(got.dataSync(), withOriginalClone(() => second(x).dataSync()));
  tf.dispose([x, got]);
});
