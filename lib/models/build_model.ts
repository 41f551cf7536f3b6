/**
 * The model registry: architectures by name.
 *
 * @module
 */
import type { BuildModelOptions, Model, ModelBuilder } from "./types.ts";
import { buildResnetCifar } from "./resnet_cifar.ts";
import { buildResnetImagenet } from "./resnet_imagenet.ts";

/**
 * Builders by registry name. CIFAR ResNets use 1×1 conv + BN projection
 * shortcuts; the ImageNet models follow torchvision's bottleneck layout.
 */
export const MODELS: Readonly<Record<string, ModelBuilder>> = {
  resnet8: (options) => buildResnetCifar(8, validated("resnet8", options)),
  resnet20: (options) => buildResnetCifar(20, validated("resnet20", options)),
  resnet32: (options) => buildResnetCifar(32, validated("resnet32", options)),
  resnet50: (options) =>
    buildResnetImagenet(
      { arch: "resnet50", blocks: [3, 4, 6, 3], groups: 1, baseWidth: 64 },
      validated("resnet50", options),
    ),
  resnet152: (options) =>
    buildResnetImagenet(
      { arch: "resnet152", blocks: [3, 8, 36, 3], groups: 1, baseWidth: 64 },
      validated("resnet152", options),
    ),
  resnext50_32x4d: (options) =>
    buildResnetImagenet(
      { arch: "resnext50_32x4d", blocks: [3, 4, 6, 3], groups: 32, baseWidth: 4 },
      validated("resnext50_32x4d", options),
    ),
};

/**
 * Builds the architecture registered as `arch` with seeded initial weights.
 *
 * @example
 * ```ts
 * import { buildModel } from "./build_model.ts";
 * const model = buildModel("resnet8", { numClasses: 10, inputShape: [32, 32, 3], seed: 1 });
 * if (!(model.classifierWeights.join() === "classifier/kernel,classifier/bias")) throw new Error("example failed");
 * model.dispose();
 * ```
 */
export function buildModel(arch: string, options: BuildModelOptions): Model {
  const builder = Object.hasOwn(MODELS, arch) ? MODELS[arch] : undefined;
  if (builder === undefined) {
    throw new Error(
      `Cannot build model "${arch}": valid architectures are ${Object.keys(MODELS).join(", ")}.`,
    );
  }
  return builder(options);
}

function validated(arch: string, options: BuildModelOptions): BuildModelOptions {
  const { numClasses, inputShape, seed } = options;
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new Error(
      `Cannot build ${arch} with ${numClasses} classes: it must be a positive integer.`,
    );
  }
  if (
    !Array.isArray(inputShape) || inputShape.length !== 3 ||
    !inputShape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    throw new Error(
      `Cannot build ${arch} for input shape [${inputShape}]: expected [height, width, channels] positive integers.`,
    );
  }
  if (!Number.isFinite(seed)) {
    throw new Error(`Cannot build ${arch} with seed ${seed}: it must be a finite number.`);
  }
  return options;
}
