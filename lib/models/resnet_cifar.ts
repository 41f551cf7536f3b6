/**
 * CIFAR-style ResNets (He et al. 2016, §4.2): ResNet-8/20/32/….
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { BuildModelOptions, Model } from "./types.ts";
import { FunctionalModel } from "./_functional_model.ts";
import {
  convBn,
  declareBatchNorm,
  declareClassifier,
  declareConv,
  type ForwardContext,
  release,
} from "./_layers.ts";
import { VariableStore } from "./_variable_store.ts";

/** Default stage widths of CIFAR ResNets (He et al.; our default ResNet-8, and GML's ResNet-32). */
export const CIFAR_RESNET_WIDTHS: readonly number[] = [16, 32, 64];

/**
 * A CIFAR ResNet of depth 6n + 2: a 3×3 stem conv, three stages of n basic
 * blocks (3×3 conv–BN–ReLU–3×3 conv–BN, add, ReLU) at strides 1, 2, 2, global
 * average pooling and a linear classifier. Where a block changes width or
 * resolution the shortcut is a 1×1 conv + BN projection ("option B"), as in
 * torchvision-style code; the parameter-free zero-padding shortcut ("option
 * A") is not implemented.
 *
 * Variable names: `backbone/stem/conv/kernel`, `backbone/stem/bn/{gamma,beta,
 * moving_mean,moving_variance}`, `backbone/stage{1..3}/block{i}/{conv1,bn1,
 * conv2,bn2}/…`, `backbone/stage{s}/block0/shortcut/{conv,bn}/…`,
 * `classifier/{kernel,bias}`.
 *
 * @example
 * ```ts
 * import { buildResnetCifar } from "./resnet_cifar.ts";
 * const model = buildResnetCifar(8, { numClasses: 10, inputShape: [32, 32, 3], seed: 0 });
 * if (!(model.featureDim === 64)) throw new Error("example failed");
 * model.dispose();
 * ```
 */
export function buildResnetCifar(depth: number, options: BuildModelOptions): Model {
  if (!Number.isInteger(depth) || depth < 8 || (depth - 2) % 6 !== 0) {
    throw new Error(
      `Cannot build a CIFAR ResNet of depth ${depth}: depth must be 6n + 2 with n ≥ 1.`,
    );
  }
  const widths = options.widths ?? [...CIFAR_RESNET_WIDTHS];
  if (widths.length !== 3 || !widths.every((w) => Number.isInteger(w) && w > 0)) {
    throw new Error(
      `Cannot build resnet${depth} with widths [${widths}]: it needs three positive integer stage widths.`,
    );
  }
  const blocksPerStage = (depth - 2) / 6;
  const inChannels = options.inputShape[2];
  const store = new VariableStore(options.seed, options.initialValues);
  try {
    declareConv(store, "backbone/stem/conv", 3, inChannels, widths[0]);
    declareBatchNorm(store, "backbone/stem/bn", widths[0]);
    let channels = widths[0];
    const blocks: { prefix: string; stride: number; projection: boolean }[] = [];
    for (let s = 0; s < 3; s++) {
      for (let b = 0; b < blocksPerStage; b++) {
        const prefix = `backbone/stage${s + 1}/block${b}`;
        const stride = b === 0 && s > 0 ? 2 : 1;
        const out = widths[s];
        const projection = stride !== 1 || channels !== out;
        declareConv(store, `${prefix}/conv1`, 3, channels, out);
        declareBatchNorm(store, `${prefix}/bn1`, out);
        declareConv(store, `${prefix}/conv2`, 3, out, out);
        declareBatchNorm(store, `${prefix}/bn2`, out);
        if (projection) {
          declareConv(store, `${prefix}/shortcut/conv`, 1, channels, out);
          declareBatchNorm(store, `${prefix}/shortcut/bn`, out);
        }
        blocks.push({ prefix, stride, projection });
        channels = out;
      }
    }
    declareClassifier(store, channels, options.numClasses);
    store.checkSourceUsed();

    const backbone = (x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor2D => {
      let h = convBn(ctx, "backbone/stem/conv", "backbone/stem/bn", x, 1, 1, { relu: true }); // [B, H, W, w0]
      for (const { prefix, stride, projection } of blocks) {
        const y = convBn(ctx, `${prefix}/conv1`, `${prefix}/bn1`, h, stride, 1, { relu: true }); // [B, H/s, W/s, out]
        const shortcut = projection
          ? convBn(ctx, `${prefix}/shortcut/conv`, `${prefix}/shortcut/bn`, h, stride, 0)
          : h; // [B, H/s, W/s, out]
        const out = convBn(ctx, `${prefix}/conv2`, `${prefix}/bn2`, y, 1, 1, {
          residual: shortcut,
          relu: true,
        }); // relu(bn2(conv2(y)) + shortcut): [B, H/s, W/s, out]
        release(ctx, x, y, shortcut, h);
        h = out;
      }
      const features = tf.mean(h, [1, 2]) as tf.Tensor2D; // [B, channels]
      release(ctx, x, h);
      return features;
    };
    return new FunctionalModel(
      {
        arch: `resnet${depth}`,
        numClasses: options.numClasses,
        inputShape: [...options.inputShape],
        widths: [...widths],
        seed: options.seed,
      },
      store,
      channels,
      backbone,
    );
  } catch (error) {
    store.dispose();
    throw error;
  }
}
