/**
 * Analytic FLOP count of the CIFAR ResNets of lib/models (for benchmarks).
 *
 * @module
 */

/** Options of {@linkcode resnetCifarFlops}. */
export interface ResnetCifarFlopsOptions {
  /** Input as [height, width, channels] (CIFAR: [32, 32, 3]). */
  inputShape: [number, number, number];
  /** Stage widths; default [16, 32, 64] as lib/models. */
  widths?: number[];
  /** Number of classes of the linear classifier. */
  numClasses: number;
}

/** FLOPs of one image through a CIFAR ResNet. */
export interface ResnetCifarFlops {
  /** Forward FLOPs per image: 2 × multiply–accumulates of every conv and the classifier. */
  forward: number;
  /** Training FLOPs per image: 3 × forward (forward, input gradient, weight gradient). */
  train: number;
  /** Multiply–accumulates per image, by layer name. */
  macsByLayer: Record<string, number>;
}

function outSize(size: number, k: number, stride: number, pad: number): number {
  return Math.floor((size + 2 * pad - k) / stride) + 1;
}

/**
 * FLOPs of `resnet{depth}` as built by lib/models (3×3 stem, three stages of
 * (depth−2)/6 basic blocks at strides 1, 2, 2, 1×1 projection shortcuts where
 * width or resolution changes, global average pooling, linear classifier).
 * Counts convolutions and the classifier only; batch norm, ReLU, additions and
 * pooling (a few % of the total) are left out, as is customary.
 *
 * @example
 * ```ts
 * import { resnetCifarFlops } from "./resnet_cifar_flops.ts";
 * const f = resnetCifarFlops(8, { inputShape: [32, 32, 3], numClasses: 100 });
 * console.assert(f.train === 3 * f.forward);
 * ```
 */
export function resnetCifarFlops(
  depth: number,
  options: ResnetCifarFlopsOptions,
): ResnetCifarFlops {
  if (!Number.isInteger(depth) || depth < 8 || (depth - 2) % 6 !== 0) {
    throw new Error(`Cannot count FLOPs of a CIFAR ResNet of depth ${depth}: it must be 6n + 2.`);
  }
  const widths = options.widths ?? [16, 32, 64];
  if (widths.length !== 3) {
    throw new Error(`Cannot count FLOPs with widths [${widths}]: a CIFAR ResNet has three stages.`);
  }
  const [h0, w0, c0] = options.inputShape;
  const macs: Record<string, number> = {};
  const conv = (
    name: string,
    h: number,
    w: number,
    k: number,
    s: number,
    cin: number,
    cout: number,
  ) => {
    const pad = k === 3 ? 1 : 0;
    const oh = outSize(h, k, s, pad);
    const ow = outSize(w, k, s, pad);
    macs[name] = oh * ow * k * k * cin * cout;
    return [oh, ow] as const;
  };
  let [h, w] = conv("stem", h0, w0, 3, 1, c0, widths[0]);
  let channels = widths[0];
  const blocks = (depth - 2) / 6;
  for (let s = 0; s < 3; s++) {
    for (let b = 0; b < blocks; b++) {
      const stride = b === 0 && s > 0 ? 2 : 1;
      const out = widths[s];
      const name = `stage${s + 1}/block${b}`;
      const [oh, ow] = conv(`${name}/conv1`, h, w, 3, stride, channels, out);
      conv(`${name}/conv2`, oh, ow, 3, 1, out, out);
      if (stride !== 1 || channels !== out) {
        conv(`${name}/shortcut`, h, w, 1, stride, channels, out);
      }
      [h, w, channels] = [oh, ow, out];
    }
  }
  macs["classifier"] = channels * options.numClasses;
  const forward = 2 * Object.values(macs).reduce((a, b) => a + b, 0);
  return { forward, train: 3 * forward, macsByLayer: macs };
}
