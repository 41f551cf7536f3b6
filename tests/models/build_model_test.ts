import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { buildModel, MODELS } from "../../lib/models/build_model.ts";
import type { BuildModelOptions } from "../../lib/models/types.ts";

await tf.setBackend("cpu");

/** Small, fast variants of every registered architecture. */
function smallOptions(arch: string, seed: number): BuildModelOptions {
  const imagenet = !/^resnet(8|20|32)$/.test(arch);
  return {
    numClasses: 7,
    inputShape: imagenet ? [32, 32, 3] : [8, 8, 3],
    widths: imagenet ? [16, 16, 16, 16] : [4, 8, 8],
    seed,
  };
}

Deno.test("MODELS: every architecture gives [batch, classes] logits, [batch, featureDim] features, no leaks", () => {
  for (const arch of Object.keys(MODELS)) {
    const options = smallOptions(arch, 0);
    const model = buildModel(arch, options);
    assertEquals(model.config.arch, arch);
    const x = tf.randomNormal([2, ...options.inputShape], 0, 1, "float32", 1) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    for (const bnMode of ["train", "stats", "frozen"] as const) {
      const f = model.features(x, { bnMode });
      const logits = model.apply(x, { bnMode });
      assertEquals(f.shape, [2, model.featureDim], `${arch} ${bnMode} features`);
      assertEquals(logits.shape, [2, 7], `${arch} ${bnMode} logits`);
      assert([...logits.dataSync()].every(Number.isFinite), `${arch} ${bnMode} logits not finite`);
      tf.dispose([f, logits]);
    }
    assertEquals(tf.memory().numTensors, before, `${arch} leaked tensors`);
    x.dispose();
    model.dispose();
  }
});

Deno.test("MODELS: variable names are unique, '/'-paths, and split exactly into backbone, classifier and buffers", () => {
  for (const arch of Object.keys(MODELS)) {
    const model = buildModel(arch, smallOptions(arch, 0));
    const lists = [...model.backboneWeights, ...model.classifierWeights, ...model.buffers];
    assertEquals(new Set(lists).size, lists.length, `${arch}: a name is in two lists`);
    assertEquals(new Set(lists), new Set(model.variables.keys()), `${arch}: lists ≠ variables`);
    assertEquals(model.classifierWeights, ["classifier/kernel", "classifier/bias"]);
    assert(model.backboneWeights.every((n) => n.startsWith("backbone/")));
    assert(model.buffers.every((n) => /\/moving_(mean|variance)$/.test(n)), `${arch} buffers`);
    for (const name of model.buffers) assert(!model.variables.get(name)!.trainable);
    for (const name of [...model.backboneWeights, ...model.classifierWeights]) {
      assert(model.variables.get(name)!.trainable, `${name} should be trainable`);
    }
    model.dispose();
  }
});

Deno.test("buildModel: same seed gives identical variables, another seed different ones", () => {
  for (const arch of ["resnet8", "resnext50_32x4d"]) {
    const a = buildModel(arch, smallOptions(arch, 11));
    const b = buildModel(arch, smallOptions(arch, 11));
    const c = buildModel(arch, smallOptions(arch, 12));
    for (const [name, va] of a.variables) {
      assertEquals(va.dataSync(), b.variables.get(name)!.dataSync(), `${arch} ${name}`);
      if (!name.includes("/bn") && !name.includes("/shortcut/bn")) {
        assertNotEquals(va.dataSync(), c.variables.get(name)!.dataSync(), `${arch} ${name}`);
      }
    }
    [a, b, c].forEach((m) => m.dispose());
  }
});

Deno.test("buildModel: a variable's initial value depends on its name, not on the other layers", () => {
  const shallow = buildModel("resnet8", { numClasses: 10, inputShape: [8, 8, 3], seed: 4 });
  const deep = buildModel("resnet32", { numClasses: 10, inputShape: [8, 8, 3], seed: 4 });
  for (const name of ["backbone/stem/conv/kernel", "backbone/stage2/block0/conv1/kernel"]) {
    assertEquals(shallow.variables.get(name)!.dataSync(), deep.variables.get(name)!.dataSync());
  }
  shallow.dispose();
  deep.dispose();
});

Deno.test("buildModel: unknown names list the valid ones; bad options are rejected", () => {
  const base = { numClasses: 10, inputShape: [8, 8, 3] as [number, number, number], seed: 0 };
  assertThrows(
    () => buildModel("vgg16", base),
    Error,
    'Cannot build model "vgg16": valid architectures are resnet8, resnet20, resnet32, resnet50, resnet152, resnext50_32x4d.',
  );
  assertThrows(() => buildModel("resnet8", { ...base, numClasses: 0 }), Error, "0 classes");
  assertThrows(
    () => buildModel("resnet8", { ...base, inputShape: [8, 8] as never }),
    Error,
    "input shape [8,8]",
  );
  assertThrows(() => buildModel("resnet8", { ...base, widths: [16, 32] }), Error, "widths [16,32]");
  assertThrows(() => buildModel("resnet8", { ...base, seed: NaN }), Error, "seed NaN");
  assertEquals(tf.memory().numTensors, 0);
});
