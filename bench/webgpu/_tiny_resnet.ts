/**
 * A small CIFAR-style residual network written with tf ops, used only by the
 * WebGPU profiling and kernel benches so they do not depend on lib/models.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { batchNormTrain } from "../../lib/backend/batch_norm.ts";
import { Rng } from "../../lib/random/mod.ts";

/** Options of {@linkcode tinyResnet}. */
export interface TinyResnetOptions {
  /** Stage widths; default [8, 16, 32] (ResNet-32 uses [16, 32, 64]). */
  widths?: number[];
  /** Residual blocks per stage; default 1 (ResNet-32 uses 5). */
  blocks?: number;
  /** Number of classes; default 10. */
  classes?: number;
  /** Seed of the weight initializer; default 0. */
  seed?: number;
}

/** A tiny functional ResNet: its variables and a loss closure. */
export interface TinyResnet {
  /** Trainable variables. */
  variables: tf.Variable[];
  /** Mean softmax cross-entropy of the network on `x` [B, H, W, 3] with one-hot `y` [B, classes]. */
  loss(x: tf.Tensor4D, y: tf.Tensor2D): tf.Scalar;
}

/** Builds a CIFAR ResNet (He et al. 2016, option-A-free: 1x1 projection shortcuts) with tf ops. */
export function tinyResnet(options: TinyResnetOptions = {}): TinyResnet {
  const widths = options.widths ?? [8, 16, 32];
  const blocks = options.blocks ?? 1;
  const classes = options.classes ?? 10;
  const rng = new Rng(options.seed ?? 0);
  const variables: tf.Variable[] = [];
  const convVar = (kh: number, cin: number, cout: number): tf.Variable => {
    const n = kh * kh * cin * cout;
    const std = Math.sqrt(2 / (kh * kh * cin));
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = rng.normal() * std;
    const v = tf.variable(tf.tensor4d(values, [kh, kh, cin, cout]));
    variables.push(v);
    return v;
  };
  const bnVars = (c: number): [tf.Variable, tf.Variable] => {
    const g = tf.variable(tf.ones([c]));
    const b = tf.variable(tf.zeros([c]));
    variables.push(g, b);
    return [g, b];
  };
  type Layer = (x: tf.Tensor4D) => tf.Tensor4D;
  const convBn = (kh: number, cin: number, cout: number, stride: number): Layer => {
    const w = convVar(kh, cin, cout);
    const [g, b] = bnVars(cout);
    return (x) => {
      const z = tf.conv2d(x, w as tf.Tensor4D, stride, "same"); // [B, H/s, W/s, cout]
      const r = batchNormTrain(z, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5);
      r.mean.dispose();
      r.variance.dispose();
      return r.y;
    };
  };
  const layers: Layer[] = [];
  const stem = convBn(3, 3, widths[0], 1);
  layers.push((x) => tf.relu(stem(x)));
  let cin = widths[0];
  widths.forEach((width, stage) => {
    for (let block = 0; block < blocks; block++) {
      const stride = stage > 0 && block === 0 ? 2 : 1;
      const a = convBn(3, cin, width, stride);
      const b = convBn(3, width, width, 1);
      const short = stride !== 1 || cin !== width ? convBn(1, cin, width, stride) : null;
      layers.push((x) => tf.relu(tf.add(b(tf.relu(a(x))), short ? short(x) : x)));
      cin = width;
    }
  });
  const dense = tf.variable(tf.mul(tf.randomNormal([cin, classes], 0, 1, "float32", 1), 0.1));
  const bias = tf.variable(tf.zeros([classes]));
  variables.push(dense, bias);
  return {
    variables,
    loss: (x, y) =>
      tf.tidy(() => {
        let h = x;
        for (const layer of layers) h = layer(h);
        const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D; // [B, C]
        const logits = tf.add(tf.matMul(pooled, dense as tf.Tensor2D), bias); // [B, classes]
        return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
      }),
  };
}
