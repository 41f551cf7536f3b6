import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { buildModel } from "../../lib/models/build_model.ts";
import { countParameters } from "../../lib/models/count_parameters.ts";

await tf.setBackend("cpu");

// Published totals with 1000 classes (torchvision model cards).
const KNOWN = [
  ["resnet50", 25_557_032, 2048, [1, 1, 64, 64]],
  ["resnext50_32x4d", 25_028_904, 2048, [3, 3, 4, 128]],
  ["resnet152", 60_192_808, 2048, [1, 1, 64, 64]],
] as const;

Deno.test("ImageNet models: published parameter counts and a forward pass at 32×32, batch 1", () => {
  for (const [arch, params, featureDim, shape] of KNOWN) {
    const model = buildModel(arch, { numClasses: 1000, inputShape: [32, 32, 3], seed: 0 });
    assertEquals(countParameters(model), params, arch);
    assertEquals(model.featureDim, featureDim);
    // ResNeXt's stage-1 3×3 conv is grouped: 32 groups of 4 channels (kernel [3, 3, 4, 128]).
    const probe = arch === "resnext50_32x4d" ? "conv2" : "conv1";
    assertEquals(model.variables.get(`backbone/stage1/block0/${probe}/kernel`)!.shape, [...shape]);
    const x = tf.randomNormal([1, 32, 32, 3], 0, 1, "float32", 2) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const logits = model.apply(x, { bnMode: "frozen" });
    assertEquals(logits.shape, [1, 1000]);
    assert([...logits.dataSync()].every(Number.isFinite), `${arch} logits not finite`);
    tf.dispose([x, logits]);
    assertEquals(tf.memory().numTensors, before - 1);
    model.dispose();
  }
});

Deno.test("ImageNet models: stride-2 stem, max-pool and three stride-2 stages (64 → 2)", () => {
  const model = buildModel("resnet50", {
    numClasses: 5,
    inputShape: [64, 64, 3],
    widths: [8, 8, 8, 8],
    seed: 0,
  });
  // Train mode batch 2 at 64×64 leaves a 2×2 map at stage 4 (8 values per channel).
  const x = tf.randomNormal([2, 64, 64, 3], 0, 1, "float32", 2) as tf.Tensor4D;
  const f = model.features(x, { bnMode: "train" });
  assertEquals(f.shape, [2, 32]);
  assertEquals(model.variables.get("backbone/stem/conv/kernel")!.shape, [7, 7, 3, 8]);
  assertEquals(model.variables.get("backbone/stage4/block0/shortcut/conv/kernel")!.shape, [
    1,
    1,
    32,
    32,
  ]);
  tf.dispose([x, f]);
  model.dispose();
});
