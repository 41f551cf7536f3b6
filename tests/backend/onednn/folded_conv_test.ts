import { assert, assertEquals, assertThrows } from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { ONEDNN_ONLY } from "./_onednn.ts";
import { initBackend } from "../../../lib/backend/init_backend.ts";
import { foldedConvBn } from "../../../lib/backend/folded_conv_bn.ts";
import { addRelu } from "../../../lib/backend/relu.ts";
import { currentOnednnState } from "../../../lib/backend/onednn/_state.ts";
import { FoldCache } from "../../../lib/backend/onednn/fold_cache.ts";
import { Rng } from "../../../lib/random/mod.ts";
import { buildModel } from "../../../lib/models/mod.ts";

const EPS = 1e-5;

function normal(rng: Rng, shape: number[], scale = 1, shift = 0): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => shift + scale * rng.normal()), shape);
}

function bnOf(rng: Rng, o: number) {
  return {
    gamma: normal(rng, [o], 0.5, 1) as tf.Tensor1D,
    beta: normal(rng, [o], 0.5) as tf.Tensor1D,
    mean: normal(rng, [o], 0.3) as tf.Tensor1D,
    variance: tf.abs(normal(rng, [o], 0.5, 1)) as tf.Tensor1D,
  };
}

/** The fold as tfjs ops, then one fused convolution: what convBn ran before the cache. */
function unfolded(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bn: ReturnType<typeof bnOf>,
  stride: number,
  pad: number,
  relu: boolean,
): tf.Tensor4D {
  return tf.tidy(() => {
    const scale = tf.mul(bn.gamma, tf.rsqrt(tf.add(bn.variance, EPS)));
    return tf.fused.conv2d({
      x,
      filter: tf.mul(filter, scale) as tf.Tensor4D,
      strides: stride,
      pad,
      bias: tf.sub(bn.beta, tf.mul(bn.mean, scale)),
      activation: relu ? "relu" : "linear",
    });
  });
}

const CASES: [string, number[], number[], number, number, boolean][] = [
  // name, x shape, filter shape, stride, pad, relu
  ["3x3 same with ReLU", [4, 8, 8, 16], [3, 3, 16, 16], 1, 1, true],
  ["3x3 stride 2 no ReLU", [4, 8, 8, 16], [3, 3, 16, 32], 2, 1, false],
  ["1x1 stride 2 (shortcut)", [3, 8, 8, 32], [1, 1, 32, 64], 2, 0, false],
  ["stem, 3 input channels", [2, 9, 9, 3], [3, 3, 3, 16], 1, 1, true],
  ["7x7 stride 2 pad 3, odd sizes", [2, 13, 11, 5], [7, 7, 5, 7], 2, 3, true],
];

for (const [name, xs, fs, stride, pad, relu] of CASES) {
  Deno.test({
    name: `onednn folded conv + BN equals the tfjs-folded fused conv bit for bit: ${name}`,
    ...ONEDNN_ONLY,
    fn() {
      const rng = new Rng(7);
      const x = normal(rng, xs) as tf.Tensor4D;
      const filter = normal(rng, fs, 0.2) as tf.Tensor4D;
      const bn = bnOf(rng, fs[3]);
      const want = unfolded(x, filter, bn, stride, pad, relu);
      for (let call = 0; call < 2; call++) { // the second call reads the cache
        const got = foldedConvBn(x, filter, bn, { stride, pad, epsilon: EPS, relu })!;
        assertEquals(got.shape, want.shape);
        assertEquals(got.dataSync(), want.dataSync());
        got.dispose();
      }
      tf.dispose([x, filter, want, ...Object.values(bn)]);
    },
  });
}

for (const relu of [true, false]) {
  Deno.test({
    name: `onednn folded conv with a residual post-op equals conv, then ${
      relu ? "addRelu" : "add"
    }, bit for bit`,
    ...ONEDNN_ONLY,
    fn() {
      const rng = new Rng(11);
      const x = normal(rng, [4, 8, 8, 16]) as tf.Tensor4D;
      const filter = normal(rng, [3, 3, 16, 32], 0.2) as tf.Tensor4D;
      const bn = bnOf(rng, 32);
      const residual = tf.relu(normal(rng, [4, 4, 4, 32])) as tf.Tensor4D;
      const y = unfolded(x, filter, bn, 2, 1, false);
      const want = relu ? addRelu(y, residual) : tf.add(y, residual);
      const got = foldedConvBn(x, filter, bn, { stride: 2, pad: 1, epsilon: EPS, relu, residual })!;
      assertEquals(got.dataSync(), want.dataSync());
      assertThrows(
        () => foldedConvBn(x, filter, bn, { stride: 1, pad: 1, epsilon: EPS, relu, residual }),
        Error,
        "residual of shape [4,4,4,32]",
      );
      tf.dispose([x, filter, residual, y, want, got, ...Object.values(bn)]);
    },
  });
}

for (const arch of ["resnet8", "resnet50"]) {
  Deno.test({
    name:
      `onednn ${arch} evaluation with cached folds and fused shortcuts equals the per-call fold bit for bit`,
    ...ONEDNN_ONLY,
    fn() {
      const size = arch === "resnet8" ? 8 : 32;
      const model = buildModel(arch, { numClasses: 10, inputShape: [size, size, 3], seed: 0 });
      // Non-trivial statistics: a few training-mode passes update the running mean and variance.
      const rng = new Rng(2);
      const x = normal(rng, [2, size, size, 3]) as tf.Tensor4D;
      for (let i = 0; i < 2; i++) model.apply(x, { bnMode: "train", bnMomentum: 0.5 }).dispose();
      const fast = model.apply(x, { bnMode: "frozen" });
      // Inside a gradient tape the model folds with tfjs ops at each call and adds shortcuts apart.
      let taped: tf.Tensor | undefined;
      tf.grad((input: tf.Tensor) => {
        taped = tf.keep(model.apply(input as tf.Tensor4D, { bnMode: "frozen" }));
        return taped.sum();
      })(x).dispose();
      assertEquals(fast.dataSync(), taped!.dataSync());
      tf.dispose([x, fast, taped!]);
      model.dispose();
    },
  });
}

Deno.test({
  name:
    "onednn folded conv: folded once per weights; a new γ refolds; disposing the filter frees it",
  ...ONEDNN_ONLY,
  fn() {
    const cache = currentOnednnState()!.folds;
    const rng = new Rng(3);
    const x = normal(rng, [2, 6, 6, 8]) as tf.Tensor4D;
    const filter = normal(rng, [3, 3, 8, 8], 0.2) as tf.Tensor4D;
    const bn = bnOf(rng, 8);
    const opts = { stride: 1, pad: 1, epsilon: EPS, relu: true };
    const [folds0, size0] = [cache.folds, cache.size];
    const run = () => foldedConvBn(x, filter, bn, opts)!.dispose();
    run();
    const tensors = tf.memory().numTensors;
    run();
    run();
    assertEquals(cache.folds - folds0, 1);
    assertEquals(cache.size - size0, 1);
    assertEquals(tf.memory().numTensors, tensors); // no tensor leak; the fold is not a tfjs tensor
    const oldGamma = bn.gamma;
    bn.gamma = tf.mul(oldGamma, 2) as tf.Tensor1D;
    const want = unfolded(x, filter, bn, 1, 1, true);
    const got = foldedConvBn(x, filter, bn, opts)!;
    assertEquals(cache.folds - folds0, 2); // refolded
    assertEquals(got.dataSync(), want.dataSync());
    filter.dispose();
    assertEquals(cache.size, size0); // the entry went with its filter
    tf.dispose([x, got, want, oldGamma, ...Object.values(bn)]);
  },
});

Deno.test({
  name: "onednn folded conv: heap buffers do not grow across evaluations of a trained model",
  ...ONEDNN_ONLY,
  fn() {
    const cache = currentOnednnState()!.folds;
    const cached = cache.size;
    const model = buildModel("resnet8", { numClasses: 10, inputShape: [8, 8, 3], seed: 0 });
    const x = normal(new Rng(1), [4, 8, 8, 3]) as tf.Tensor4D;
    const backend = tf.backend() as unknown as { dataIdMap: { numDataIds(): number } };
    const evaluate = () => model.apply(x, { bnMode: "frozen" }).dispose();
    evaluate();
    assertEquals(cache.size - cached, 9); // ResNet-8: 7 3x3 convolutions and 2 shortcuts
    const [ids, tensors] = [backend.dataIdMap.numDataIds(), tf.memory().numTensors];
    for (let i = 0; i < 3; i++) evaluate();
    assertEquals(backend.dataIdMap.numDataIds(), ids);
    assertEquals(tf.memory().numTensors, tensors);
    model.dispose();
    x.dispose();
    // Every fold was made from the model's filters, so disposing the model emptied the cache of them.
    assertEquals(cache.size, cached);
  },
});

Deno.test({
  name: "onednn folded conv: inside a gradient tape it steps aside for the differentiable path",
  ...ONEDNN_ONLY,
  fn() {
    const rng = new Rng(5);
    const x = normal(rng, [2, 6, 6, 4]) as tf.Tensor4D;
    const filter = normal(rng, [3, 3, 4, 4], 0.2) as tf.Tensor4D;
    const bn = bnOf(rng, 4);
    let inside: tf.Tensor4D | undefined | "not called" = "not called";
    const g = tf.grad((f: tf.Tensor) => {
      inside = foldedConvBn(x, f as tf.Tensor4D, bn, {
        stride: 1,
        pad: 1,
        epsilon: EPS,
        relu: false,
      });
      return unfolded(x, f as tf.Tensor4D, bn, 1, 1, false).sum();
    })(filter);
    assertEquals(inside, undefined);
    assert(g.shape.join() === filter.shape.join());
    tf.dispose([x, filter, g, ...Object.values(bn)]);
  },
});

Deno.test("foldedConvBn rejects a bad stride, padding or epsilon by value", () => {
  const x = tf.zeros([1, 4, 4, 1]) as tf.Tensor4D;
  const f = tf.zeros([1, 1, 1, 1]) as tf.Tensor4D;
  const bn = {
    gamma: tf.ones([1]),
    beta: tf.zeros([1]),
    mean: tf.zeros([1]),
    variance: tf.ones([1]),
  };
  const call = (stride: number, pad: number, epsilon: number) =>
    foldedConvBn(x, f, bn as never, { stride, pad, epsilon, relu: false });
  assertThrows(() => call(0, 0, EPS), RangeError, "stride 0");
  assertThrows(() => call(1, -1, EPS), RangeError, "padding -1");
  assertThrows(() => call(1, 0, 0), RangeError, "epsilon 0");
  tf.dispose([x, f, ...Object.values(bn)]);
});

Deno.test("the fold cache is bounded: the least recently used fold is freed first", () => {
  const freed: number[] = [];
  const backend = {
    makeOutput: (shape: number[]) => ({ dataId: { shape }, shape, dtype: "float32" }),
    typedArrayFromHeap: (t: tf.TensorInfo) => new Float32Array(t.shape[0] ?? 1),
    disposeData: (id: { shape: number[] }) => freed.push(id.shape[0]),
  };
  const cache = new FoldCache(2);
  const inputs = (o: number) => {
    const t = (shape: number[]) => ({ dataId: {}, shape, dtype: "float32" as const });
    return {
      x: t([1]),
      filter: t([1, 1, 1, o]),
      gamma: t([o]),
      beta: t([o]),
      mean: t([o]),
      variance: t([o]),
    };
  };
  const [a, b, c] = [inputs(1), inputs(2), inputs(3)];
  cache.entry(backend as never, a, EPS);
  cache.entry(backend as never, b, EPS);
  cache.entry(backend as never, a, EPS); // a hit: a is now the most recent
  cache.entry(backend as never, c, EPS);
  assertEquals(freed, [2]); // b's bias ([2]) was freed
  assertEquals(cache.size, 2);
  assertEquals(cache.folds, 3);
});

Deno.test({
  name: "onednn folded conv: a new thread count packs the filter anew, with the same result",
  ...ONEDNN_ONLY,
  async fn() {
    const cache = currentOnednnState()!.folds;
    const rng = new Rng(13);
    const x = normal(rng, [8, 8, 8, 16]) as tf.Tensor4D;
    const filter = normal(rng, [3, 3, 16, 16], 0.2) as tf.Tensor4D;
    const bn = bnOf(rng, 16);
    const opts = { stride: 1, pad: 1, epsilon: EPS, relu: true };
    const want = unfolded(x, filter, bn, 1, 1, true);
    const one = foldedConvBn(x, filter, bn, opts)!;
    const packs = cache.packs;
    await initBackend({ backend: "onednn", threads: 2 });
    try {
      const two = foldedConvBn(x, filter, bn, opts)!;
      assertEquals(cache.packs - packs, 1);
      const wantTwo = unfolded(x, filter, bn, 1, 1, true); // on 2 threads too
      assertEquals(two.dataSync(), wantTwo.dataSync());
      assertEquals(one.dataSync(), want.dataSync());
      tf.dispose([two, wantTwo]);
    } finally {
      await initBackend({ backend: "onednn", threads: 1 });
    }
    tf.dispose([x, filter, want, one, ...Object.values(bn)]);
  },
});
