/**
 * The `onednn` backend: tfjs-wasm's backend and kernels, with the heavy
 * kernels replaced by oneDNN primitives called through Deno's FFI on the
 * tensors' own bytes in the wasm heap (no copies).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ONEDNN_BACKEND, ONEDNN_CUSTOM_KERNELS } from "./names.ts";
import { registerWasmKernels } from "../register_wasm_kernels.ts";
import {
  convBackwardData,
  convBackwardWeights,
  convForward,
  onednnConvSupported,
} from "./conv2d.ts";
import { currentOnednnState, onednnState } from "./_state.ts";
import { batchNormInference, batchNormTrainBackward, batchNormTrainForward } from "./batch_norm.ts";
import { reluBackward, reluForward } from "./eltwise.ts";
import { batchMatMul } from "./matmul.ts";
import { binary, type BinaryOp } from "./binary.ts";
import { foldedConvForward } from "./folded_conv.ts";
import { onednnPoolSupported, poolBackward, poolForward, type PoolKind } from "./pooling.ts";

export { ONEDNN_BACKEND, ONEDNN_CUSTOM_KERNELS } from "./names.ts";

type KernelFunc = tf.KernelConfig["kernelFunc"];
type KernelArgs = Parameters<KernelFunc>[0];

/** A oneDNN kernel: returns undefined where it does not apply, and wasm's kernel runs instead. */
type OnednnKernelFunc = (
  args: KernelArgs & { backend: BackendWasm },
) => tf.TensorInfo | tf.TensorInfo[] | undefined;

const bu = tf.backend_util;

function conv2dInfo(
  xShape: number[],
  filterShape: number[],
  attrs: tf.NamedAttrMap,
): tf.backend_util.Conv2DInfo {
  const { strides, pad, dataFormat, dilations, dimRoundingMode } =
    attrs as unknown as tf.Conv2DAttrs;
  return bu.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
    false,
    bu.convertConv2DDataFormat(dataFormat ?? "NHWC"),
  );
}

function poolInfo(xShape: number[], attrs: tf.NamedAttrMap): tf.backend_util.Conv2DInfo {
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolAttrs;
  return bu.computePool2DInfo(
    xShape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
}

function pool(kind: PoolKind): OnednnKernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: tf.TensorInfo };
    if (x.shape.length !== 4 || x.dtype !== "float32") return undefined;
    const info = poolInfo(x.shape, attrs!);
    if (!onednnPoolSupported(info)) return undefined;
    return poolForward(backend, x, info, kind);
  };
}

function poolGrad(kind: PoolKind): OnednnKernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    if (input.shape.length !== 4) return undefined;
    const info = poolInfo(input.shape, attrs!);
    if (!onednnPoolSupported(info)) return undefined;
    return poolBackward(backend, dy, input, info, kind);
  };
}

/**
 * Smallest tensor an element-wise Add/Sub/Multiply is sent to oneDNN for:
 * below it the call costs what the work does (measured, 2 threads: 16k
 * values 17 µs on either; 256k values 0.32 ms on wasm's single thread,
 * 0.15 ms on oneDNN's two; at one thread both equal).
 */
export const BINARY_MIN_SIZE = 1 << 15;

function elementwise(op: BinaryOp, commutative: boolean): OnednnKernelFunc {
  return ({ inputs, backend }) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const size = (t: tf.TensorInfo) => tf.util.sizeFromShape(t.shape);
    if (Math.max(size(a), size(b)) < BINARY_MIN_SIZE) return undefined;
    if (size(a) >= size(b)) return binary(backend, op, a, b);
    return commutative ? binary(backend, op, b, a) : undefined;
  };
}

/** oneDNN kernels by tfjs kernel name. */
export const ONEDNN_KERNEL_FUNCS: Readonly<Record<string, OnednnKernelFunc>> = {
  Conv2D: ({ inputs, backend, attrs }) => {
    const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const info = conv2dInfo(x.shape, filter.shape, attrs!);
    if (!onednnConvSupported(info)) return undefined;
    return convForward(backend, x, filter, undefined, info, false);
  },
  FusedConv2D: ({ inputs, backend, attrs }) => {
    const { x, filter, bias, preluActivationWeights } = inputs as Record<string, tf.TensorInfo>;
    const activation = (attrs as { activation?: string }).activation ?? "linear";
    if (preluActivationWeights != null || (activation !== "linear" && activation !== "relu")) {
      return undefined;
    }
    const info = conv2dInfo(x.shape, filter.shape, attrs!);
    if (!onednnConvSupported(info)) return undefined;
    if (bias != null && tf.util.sizeFromShape(bias.shape) !== info.outChannels) return undefined;
    return convForward(backend, x, filter, bias ?? undefined, info, activation === "relu");
  },
  Conv2DBackpropInput: ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const info = conv2dInfo(inputShape, filter.shape, attrs!);
    if (!onednnConvSupported(info)) return undefined;
    return convBackwardData(backend, dy, filter, info);
  },
  Conv2DBackpropFilter: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const { filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const info = conv2dInfo(x.shape, filterShape, attrs!);
    if (!onednnConvSupported(info)) return undefined;
    return convBackwardWeights(backend, x, dy, info);
  },
  Add: elementwise("add", true),
  Sub: elementwise("sub", false),
  Multiply: elementwise("mul", true),
  Relu: ({ inputs, backend }) => {
    const { x } = inputs as { x: tf.TensorInfo };
    return x.dtype === "float32" ? reluForward(backend, x) : undefined;
  },
  MaxPool: pool("max"),
  AvgPool: pool("avg"),
  MaxPoolGrad: poolGrad("max"),
  AvgPoolGrad: poolGrad("avg"),
  BatchMatMul: ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (a.dtype !== "float32" || b.dtype !== "float32") return undefined;
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    return batchMatMul(backend, a, b, transposeA, transposeB);
  },
  FusedBatchNorm: ({ inputs, backend, attrs }) => {
    const { x, mean, variance, offset, scale } = inputs as Record<string, tf.TensorInfo | null>;
    const c = x!.shape.at(-1)!;
    const ok = (t: tf.TensorInfo | null | undefined) =>
      t != null && t.shape.length === 1 && t.shape[0] === c;
    if (x!.shape.length !== 4 || ![mean, variance, offset, scale].every(ok)) return undefined;
    const { varianceEpsilon } = attrs as unknown as tf.FusedBatchNormAttrs;
    return batchNormInference(
      backend,
      { x: x!, mean: mean!, variance: variance!, scale: scale!, shift: offset! },
      varianceEpsilon,
      false,
    );
  },
  [ONEDNN_CUSTOM_KERNELS.batchNormTrain]: ({ inputs, backend, attrs }) => {
    const { x, scale, shift } = inputs as Record<string, tf.TensorInfo>;
    const { epsilon, relu } = attrs as { epsilon: number; relu: boolean };
    const o = batchNormTrainForward(backend, x, scale, shift, epsilon, relu);
    return o.workspace ? [o.y, o.mean, o.variance, o.workspace] : [o.y, o.mean, o.variance];
  },
  [ONEDNN_CUSTOM_KERNELS.batchNormTrainGrad]: ({ inputs, backend, attrs }) => {
    const { epsilon, relu } = attrs as { epsilon: number; relu: boolean };
    return batchNormTrainBackward(
      backend,
      inputs as Parameters<typeof batchNormTrainBackward>[1],
      epsilon,
      relu,
    );
  },
  [ONEDNN_CUSTOM_KERNELS.batchNormRelu]: ({ inputs, backend, attrs }) => {
    const { epsilon } = attrs as { epsilon: number };
    return batchNormInference(
      backend,
      inputs as Parameters<typeof batchNormInference>[1],
      epsilon,
      true,
    );
  },
  [ONEDNN_CUSTOM_KERNELS.convBnFrozen]: ({ inputs, backend, attrs }) => {
    const i = inputs as unknown as Parameters<typeof foldedConvForward>[2];
    const { epsilon, relu } = attrs as { epsilon: number; relu: boolean };
    const info = conv2dInfo(i.x.shape, i.filter.shape, attrs!);
    const o = info.outChannels;
    const perChannel = [i.gamma, i.beta, i.mean, i.variance];
    if (i.residual != null && i.residual.dtype !== "float32") return undefined;
    if (!perChannel.every((t) => t.shape.length === 1 && t.shape[0] === o)) {
      throw new Error(
        `Cannot fold batch norm into a ${o}-channel convolution: its parameters have shapes ${
          perChannel.map((t) => `[${t.shape}]`).join(", ")
        }.`,
      );
    }
    if (!onednnConvSupported(info)) return undefined;
    return foldedConvForward(backend, onednnState().folds, i, info, epsilon, relu);
  },
  [ONEDNN_CUSTOM_KERNELS.addRelu]: ({ inputs, backend }) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (a.shape.join() !== b.shape.join()) {
      throw new Error(`Cannot add [${a.shape}] and [${b.shape}] with ReLU: shapes differ.`);
    }
    return binary(backend, "add", a, b, true);
  },
  [ONEDNN_CUSTOM_KERNELS.reluGrad]: ({ inputs, backend }) => {
    const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
    return reluBackward(backend, dy, y);
  },
};

let registered = false;

/** Registers every wasm kernel for `onednn`, then the oneDNN replacements (idempotent). */
export function registerOnednnKernels(): string[] {
  if (!registered) {
    registerWasmKernels();
    for (const k of tf.getKernelsForBackend("wasm")) {
      if (tf.getKernel(k.kernelName, ONEDNN_BACKEND) == null) {
        tf.registerKernel({ ...k, backendName: ONEDNN_BACKEND });
      }
    }
    const replace = (name: string, kernelFunc: KernelFunc) => {
      const stock = tf.getKernel(name, ONEDNN_BACKEND);
      if (stock != null) tf.unregisterKernel(name, ONEDNN_BACKEND);
      tf.registerKernel({
        kernelName: name,
        backendName: ONEDNN_BACKEND,
        // wasm's own setup still runs for this backend's module, so a fallback to it works.
        setupFunc: stock?.setupFunc,
        disposeFunc: stock?.disposeFunc,
        kernelFunc,
      });
    };
    for (const [name, f] of Object.entries(ONEDNN_KERNEL_FUNCS)) {
      const stock = tf.getKernel(name, ONEDNN_BACKEND)?.kernelFunc;
      replace(name, (args) => {
        const out = f(args as KernelArgs & { backend: BackendWasm });
        if (out !== undefined) return out;
        if (stock == null) throw new Error(`No onednn or wasm kernel applies to this ${name}.`);
        return stock(args);
      });
    }
    registered = true;
  }
  return Object.keys(ONEDNN_KERNEL_FUNCS);
}

/** What {@linkcode startOnednn} started. */
export interface OnednnStart {
  /** OpenMP threads oneDNN computes with. */
  threads: number;
  /** oneDNN version, `major.minor.patch`. */
  version: string;
  /** The library file opened. */
  library: string;
  /** Kernels oneDNN runs. */
  kernels: string[];
}

/**
 * Starts the onednn backend with `threads` oneDNN threads, or throws one
 * sentence saying why it cannot (library missing, no FFI permission, …).
 * The wasm module beneath runs the single-thread binary: with oneDNN on 2
 * threads, a second (XNNPACK) pool fights it for the same cores.
 */
export async function startOnednn(threads: number): Promise<OnednnStart> {
  const state = onednnState(threads); // throws if the library cannot load
  // Imported here, not at the top: importing it registers "wasm" as tfjs's
  // highest-priority backend, which must not happen to a program that only
  // imports lib/ (it would need an async start before its first op).
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  const kernels = registerOnednnKernels();
  if (tf.findBackend(ONEDNN_BACKEND) == null && !tf.engine().registryFactory[ONEDNN_BACKEND]) {
    const wasmFactory = tf.engine().findBackendFactory("wasm");
    if (wasmFactory == null) throw new Error("tfjs-backend-wasm is not registered.");
    tf.registerBackend(ONEDNN_BACKEND, async () => {
      const flags = tf.env();
      const threaded = await flags.getAsync("WASM_HAS_MULTITHREAD_SUPPORT") as boolean;
      flags.set("WASM_HAS_MULTITHREAD_SUPPORT", false);
      // A later threaded wasm start sets its own count (lib/backend/_wasm_threads.ts).
      wasm.setThreadsCount(1);
      try {
        const backend = await wasmFactory() as BackendWasm;
        const dispose = backend.dispose.bind(backend);
        backend.dispose = () => {
          currentOnednnState()?.plans.clear();
          currentOnednnState()?.folds.clear(backend);
          dispose();
        };
        // A folded filter lives as long as the filter it was made from (folded_conv.ts).
        const disposeData = backend.disposeData.bind(backend);
        backend.disposeData = (dataId: object, force?: boolean) => {
          const freed = disposeData(dataId, force);
          if (freed) currentOnednnState()?.folds.drop(backend, dataId);
          return freed;
        };
        return backend;
      } finally {
        flags.set("WASM_HAS_MULTITHREAD_SUPPORT", threaded);
      }
    }, 1);
  }
  if (!(await tf.setBackend(ONEDNN_BACKEND))) throw new Error(`tf.setBackend("onednn") failed.`);
  return {
    threads: state.dnnl.threads,
    version: state.dnnl.lib.version,
    library: state.dnnl.lib.path,
    kernels,
  };
}
