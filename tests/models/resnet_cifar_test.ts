import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { buildResnetCifar } from "../../lib/models/resnet_cifar.ts";
import { countParameters } from "../../lib/models/count_parameters.ts";

await tf.setBackend("cpu");

/** Parameter count of a CIFAR ResNet with 1×1 projection shortcuts, by formula. */
function expectedParams(depth: number, widths: number[], inC: number, classes: number): number {
  const n = (depth - 2) / 6;
  let total = 9 * inC * widths[0] + 2 * widths[0];
  let c = widths[0];
  for (let s = 0; s < 3; s++) {
    for (let b = 0; b < n; b++) {
      const out = widths[s];
      total += 9 * c * out + 2 * out + 9 * out * out + 2 * out;
      if (c !== out || (b === 0 && s > 0)) total += c * out + 2 * out;
      c = out;
    }
  }
  return total + c * classes + classes;
}

Deno.test("buildResnetCifar: depth 8/20/32 have 1/3/5 blocks per stage and the formula's parameter count", () => {
  for (const [depth, blocks] of [[8, 1], [20, 3], [32, 5]]) {
    const model = buildResnetCifar(depth, { numClasses: 10, inputShape: [32, 32, 3], seed: 0 });
    assertEquals(model.config.arch, `resnet${depth}`);
    assertEquals(model.config.widths, [16, 32, 64]);
    assertEquals(model.featureDim, 64);
    for (let s = 1; s <= 3; s++) {
      assert(model.variables.has(`backbone/stage${s}/block${blocks - 1}/conv2/kernel`));
      assert(!model.variables.has(`backbone/stage${s}/block${blocks}/conv1/kernel`));
    }
    // Projections only where width or resolution changes (stages 2 and 3).
    assert(!model.variables.has("backbone/stage1/block0/shortcut/conv/kernel"));
    assertEquals(model.variables.get("backbone/stage2/block0/shortcut/conv/kernel")!.shape, [
      1,
      1,
      16,
      32,
    ]);
    assertEquals(countParameters(model), expectedParams(depth, [16, 32, 64], 3, 10));
    model.dispose();
  }
});

Deno.test("buildResnetCifar: feature maps halve at stages 2 and 3 (32 → 8) and pool to featureDim", () => {
  const model = buildResnetCifar(8, {
    numClasses: 3,
    inputShape: [32, 32, 3],
    widths: [4, 6, 8],
    seed: 0,
  });
  assertEquals(model.featureDim, 8);
  const x = tf.ones([1, 32, 32, 3]) as tf.Tensor4D;
  const f = model.features(x);
  assertEquals(f.shape, [1, 8]);
  tf.dispose([x, f]);
  model.dispose();
});

Deno.test("buildResnetCifar: Kaiming fan-out conv init and PyTorch-Linear classifier init", () => {
  const model = buildResnetCifar(8, { numClasses: 10, inputShape: [32, 32, 3], seed: 2 });
  const k = [...model.variables.get("backbone/stage3/block0/conv2/kernel")!.dataSync()]; // [3, 3, 64, 64]
  const mean = k.reduce((a, b) => a + b, 0) / k.length;
  const std = Math.sqrt(k.reduce((a, b) => a + (b - mean) ** 2, 0) / k.length);
  assertAlmostEquals(std, Math.sqrt(2 / (9 * 64)), 0.002);
  assertAlmostEquals(mean, 0, 0.002);
  const bound = 1 / Math.sqrt(64);
  for (const name of ["classifier/kernel", "classifier/bias"]) {
    const v = [...model.variables.get(name)!.dataSync()];
    assert(v.every((x) => Math.abs(x) <= bound));
  }
  const kernel = [...model.variables.get("classifier/kernel")!.dataSync()]; // 640 draws
  assert(
    Math.max(...kernel.map(Math.abs)) > 0.95 * bound,
    "classifier kernel does not span the range",
  );
  assertEquals([...model.variables.get("backbone/stem/bn/gamma")!.dataSync()], Array(16).fill(1));
  assertEquals(
    [...model.variables.get("backbone/stem/bn/moving_variance")!.dataSync()],
    Array(16).fill(1),
  );
  model.dispose();
});

Deno.test("features: train mode updates running stats by PyTorch's rule (unbiased variance, momentum)", () => {
  const model = buildResnetCifar(8, {
    numClasses: 2,
    inputShape: [6, 6, 3],
    widths: [4, 4, 4],
    seed: 1,
  });
  const x = tf.randomNormal([3, 6, 6, 3], 0, 1, "float32", 7) as tf.Tensor4D;
  // Independent reference: stem conv output, per-channel mean and unbiased variance in float64.
  const stem = tf.conv2d(x, model.variables.get("backbone/stem/conv/kernel") as tf.Tensor4D, 1, 1);
  const v = [...stem.dataSync()];
  stem.dispose();
  const n = v.length / 4;
  const mean = [0, 1, 2, 3].map((c) =>
    v.filter((_, i) => i % 4 === c).reduce((a, b) => a + b, 0) / n
  );
  const unbiased = [0, 1, 2, 3].map((c) =>
    v.filter((_, i) => i % 4 === c).reduce((a, b) => a + (b - mean[c]) ** 2, 0) / (n - 1)
  );
  const runMean = model.variables.get("backbone/stem/bn/moving_mean")!;
  const runVar = model.variables.get("backbone/stem/bn/moving_variance")!;
  const before = tf.memory().numTensors;
  tf.dispose(model.features(x, { bnMode: "train" })); // momentum 0.1 from (0, 1)
  assertEquals(tf.memory().numTensors, before, "train-mode features leaked");
  runMean.dataSync().forEach((m, c) => assertAlmostEquals(m, 0.1 * mean[c], 1e-5));
  runVar.dataSync().forEach((s, c) => assertAlmostEquals(s, 0.9 + 0.1 * unbiased[c], 1e-4));
  tf.dispose(model.features(x, { bnMode: "stats", bnMomentum: 0.5 }));
  runMean.dataSync().forEach((m, c) =>
    assertAlmostEquals(m, 0.5 * 0.1 * mean[c] + 0.5 * mean[c], 1e-5)
  );
  const frozenMean = [...runMean.dataSync()];
  tf.dispose(model.features(x, { bnMode: "frozen" }));
  assertEquals([...runMean.dataSync()], frozenMean, "frozen mode changed running stats");
  x.dispose();
  model.dispose();
});

Deno.test("features: frozen mode normalizes with running stats; train mode with batch stats", () => {
  const model = buildResnetCifar(8, {
    numClasses: 2,
    inputShape: [6, 6, 3],
    widths: [4, 4, 4],
    seed: 1,
  });
  const x = tf.randomNormal([4, 6, 6, 3], 2, 3, "float32", 3) as tf.Tensor4D;
  const train1 = model.features(x, { bnMode: "train", bnMomentum: 0 });
  const frozen1 = model.features(x, { bnMode: "frozen" });
  // Momentum 0 leaves (0, 1) stats: frozen output differs from the batch-normalized one.
  assert(tf.max(tf.abs(tf.sub(train1, frozen1))).dataSync()[0] > 1e-2);
  // Output of train mode does not depend on the running stats.
  tf.dispose(model.features(x, { bnMode: "train", bnMomentum: 1 }));
  const train2 = model.features(x, { bnMode: "train", bnMomentum: 0 });
  assert(tf.max(tf.abs(tf.sub(train1, train2))).dataSync()[0] < 1e-5);
  tf.dispose([x, train1, frozen1, train2]);
  model.dispose();
});

Deno.test("features: works inside tf.variableGrads — gradients for every weight, buffers updated once, no leak", () => {
  const model = buildResnetCifar(8, {
    numClasses: 3,
    inputShape: [8, 8, 3],
    widths: [4, 8, 8],
    seed: 5,
  });
  const x = tf.randomNormal([4, 8, 8, 3], 0, 1, "float32", 9) as tf.Tensor4D;
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 0], "int32"), 3);
  const trainable = [...model.backboneWeights, ...model.classifierWeights];
  const varList = trainable.map((n) => model.variables.get(n)!);
  const runMean = model.variables.get("backbone/stage3/block0/bn2/moving_mean")!;
  const meanBefore = [...runMean.dataSync()];
  const before = tf.memory().numTensors;
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(x, { bnMode: "train" });
    return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  }, varList);
  assert(Number.isFinite(value.dataSync()[0]));
  assertEquals(Object.keys(grads).length, trainable.length);
  for (const [i, name] of trainable.entries()) {
    const g = grads[varList[i].name].dataSync();
    assert(g.every(Number.isFinite), `${name} gradient not finite`);
    assert(g.some((v) => v !== 0), `${name} has an all-zero gradient`);
  }
  assert(runMean.dataSync().some((m, c) => m !== meanBefore[c]), "running mean was not updated");
  tf.dispose([value, ...Object.values(grads)]);
  assertEquals(tf.memory().numTensors, before);
  // The default variable list (all trainable variables) never contains buffers.
  const { grads: all } = tf.variableGrads(() =>
    tf.sum(model.apply(x, { bnMode: "frozen" })) as tf.Scalar
  );
  for (const name of model.buffers) assert(!(model.variables.get(name)!.name in all));
  tf.dispose([x, labels, ...Object.values(all)]);
  model.dispose();
});

Deno.test("features: rejects wrong channels, unknown modes and one value per channel in train mode", () => {
  const model = buildResnetCifar(8, { numClasses: 2, inputShape: [8, 8, 3], seed: 0 });
  const gray = tf.zeros([1, 8, 8, 1]) as tf.Tensor4D;
  assertThrows(() => model.features(gray), Error, "expected [batch, H, W, 3]");
  const x = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
  assertThrows(
    () => model.features(x, { bnMode: "eval" as never }),
    Error,
    "valid modes are train, frozen, stats",
  );
  assertThrows(() => model.features(x, { bnMomentum: 2 }), Error, "bnMomentum 2");
  // 4×4 input reaches 1×1 at stage 3: batch 1 has one value per channel there.
  assertThrows(() => model.features(x, { bnMode: "train" }), Error, "at least 2");
  tf.dispose([gray, x]);
  model.dispose();
  assertThrows(
    () => buildResnetCifar(10, { numClasses: 2, inputShape: [8, 8, 3], seed: 0 }),
    Error,
    "depth 10",
  );
});
