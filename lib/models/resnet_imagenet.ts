/**
 * ImageNet-style bottleneck ResNets and ResNeXts (torchvision layout, "v1.5":
 * stride on the 3×3 conv): the papers' ImageNet-LT, iNaturalist and Places
 * models. Meant for users with a GPU backend; on CPU only tiny inputs are
 * practical.
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

/** Default stage widths ("planes") of ImageNet ResNets; the stem has widths[0] channels. */
export const IMAGENET_RESNET_WIDTHS: readonly number[] = [64, 128, 256, 512];

/** Shape of a bottleneck network. */
export interface ResnetImagenetSpec {
  /** Registry name saved in the config, e.g. `resnet50`. */
  arch: string;
  /** Bottleneck blocks per stage, e.g. [3, 4, 6, 3] for ResNet-50. */
  blocks: [number, number, number, number];
  /** Groups of the 3×3 conv (ResNeXt cardinality); 1 for ResNets. */
  groups: number;
  /** Width per group at the first stage (ResNeXt "d" of 32x4d); 64 for ResNets. */
  baseWidth: number;
}

/** Expansion of the bottleneck's last 1×1 conv. */
const EXPANSION = 4;

/**
 * A bottleneck ResNet/ResNeXt: 7×7/2 stem conv–BN–ReLU, 3×3/2 max-pool, four
 * stages of bottleneck blocks (1×1 conv–BN–ReLU, 3×3 grouped conv (stride)
 * –BN–ReLU, 1×1 conv–BN, add, ReLU) with 1×1 conv + BN projection shortcuts,
 * global average pooling and a linear classifier. Inner width of a stage with
 * `planes` = widths[s] is ⌊planes·baseWidth/64⌋·groups; its output is 4·planes.
 *
 * Variable names: `backbone/stem/{conv,bn}/…`,
 * `backbone/stage{1..4}/block{i}/{conv1,bn1,conv2,bn2,conv3,bn3}/…`,
 * `backbone/stage{s}/block0/shortcut/{conv,bn}/…`, `classifier/{kernel,bias}`.
 */
export function buildResnetImagenet(spec: ResnetImagenetSpec, options: BuildModelOptions): Model {
  const widths = options.widths ?? [...IMAGENET_RESNET_WIDTHS];
  if (widths.length !== 4 || !widths.every((w) => Number.isInteger(w) && w > 0)) {
    throw new Error(
      `Cannot build ${spec.arch} with widths [${widths}]: it needs four positive integer stage widths.`,
    );
  }
  const inner = widths.map((planes) => Math.floor(planes * spec.baseWidth / 64) * spec.groups);
  if (inner.some((w) => w === 0)) {
    throw new Error(
      `Cannot build ${spec.arch} with widths [${widths}]: a stage would have zero inner channels.`,
    );
  }
  const store = new VariableStore(options.seed, options.initialValues);
  try {
    declareConv(store, "backbone/stem/conv", 7, options.inputShape[2], widths[0]);
    declareBatchNorm(store, "backbone/stem/bn", widths[0]);
    let channels = widths[0];
    const blocks: { prefix: string; stride: number; projection: boolean }[] = [];
    for (let s = 0; s < 4; s++) {
      const out = widths[s] * EXPANSION;
      const width = inner[s];
      for (let b = 0; b < spec.blocks[s]; b++) {
        const prefix = `backbone/stage${s + 1}/block${b}`;
        const stride = b === 0 && s > 0 ? 2 : 1;
        const projection = stride !== 1 || channels !== out;
        declareConv(store, `${prefix}/conv1`, 1, channels, width);
        declareBatchNorm(store, `${prefix}/bn1`, width);
        declareConv(store, `${prefix}/conv2`, 3, width, width, spec.groups);
        declareBatchNorm(store, `${prefix}/bn2`, width);
        declareConv(store, `${prefix}/conv3`, 1, width, out);
        declareBatchNorm(store, `${prefix}/bn3`, out);
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

    const groups = spec.groups;
    const backbone = (x: tf.Tensor4D, ctx: ForwardContext): tf.Tensor2D => {
      const stem = convBn(ctx, "backbone/stem/conv", "backbone/stem/bn", x, 2, 3, { relu: true }); // [B, H/2, W/2, w0]
      let h = tf.maxPool(stem, 3, 2, 1); // [B, H/4, W/4, w0]
      release(ctx, x, stem);
      for (const { prefix, stride, projection } of blocks) {
        const y1 = convBn(ctx, `${prefix}/conv1`, `${prefix}/bn1`, h, 1, 0, { relu: true }); // [B, h, w, width]
        const y2 = convBn(ctx, `${prefix}/conv2`, `${prefix}/bn2`, y1, stride, 1, {
          groups,
          relu: true,
        }); // [B, h/s, w/s, width]
        release(ctx, x, y1);
        const shortcut = projection
          ? convBn(ctx, `${prefix}/shortcut/conv`, `${prefix}/shortcut/bn`, h, stride, 0)
          : h; // [B, h/s, w/s, out]
        const out = convBn(ctx, `${prefix}/conv3`, `${prefix}/bn3`, y2, 1, 0, {
          residual: shortcut,
          relu: true,
        }); // relu(bn3(conv3(y2)) + shortcut): [B, h/s, w/s, out]
        release(ctx, x, y2, shortcut, h);
        h = out;
      }
      const features = tf.mean(h, [1, 2]) as tf.Tensor2D; // [B, channels]
      release(ctx, x, h);
      return features;
    };
    return new FunctionalModel(
      {
        arch: spec.arch,
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
