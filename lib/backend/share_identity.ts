/**
 * A zero-copy `Identity` kernel for the wasm-based backends, and a cheaper
 * engine `clone` for the tensors a gradient saves.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { gradientDepth } from "./gradient_depth.ts";

/**
 * `Identity` that shares the input's bytes (one more reference) instead of
 * copying them. tfjs-wasm's stock Identity copies, and tfjs runs Identity on
 * every tensor a custom gradient saves: 24–32 ms of a ResNet-8 32×32
 * training step. Sharing is safe because no kernel writes into its inputs
 * and a variable's `assign` takes a new buffer rather than overwriting.
 */
export const shareIdentity: tf.KernelConfig["kernelFunc"] = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  (backend as unknown as { incRef(id: tf.DataId): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/** Backends whose Identity shares bytes (this file's kernel is registered for them). */
const SHARING_BACKENDS = new Set(["wasm", "onednn"]);

/** The engine internals {@linkcode shareSavedClones} reads and wraps. */
interface CloningEngine {
  clone(x: tf.Tensor): tf.Tensor;
  backend: { incRef(id: tf.DataId): void };
  backendName: string;
  state: { tensorInfo: { get(id: tf.DataId): { backend: unknown } | undefined } };
  makeTensorFromTensorInfo(info: tf.TensorInfo): tf.Tensor;
}

const ORIGINAL_CLONE = Symbol("originalClone");

/**
 * Makes the engine's `clone` of a tensor a gradient saves cheap on the
 * sharing backends: tfjs clones every tensor a kernel's gradient keeps (a
 * ResNet-8 step: 101 clones of 247 kernel calls) through a whole `Identity`
 * kernel call plus a tape node, ~15–25 µs of engine work each. Under one
 * level of gradient (training: `variableGrads`, `grads`) neither is needed —
 * the clone only holds one more reference to the bytes, and its tape node
 * lies on no path to the loss (backward ops are not recorded at that depth) —
 * so the clone becomes that reference: a new tensor on the same data.
 * Elsewhere (another backend, a tensor from another backend, or a gradient
 * of a gradient, where the saved tensors' tape nodes carry second-order
 * gradients) tfjs's own clone runs. Idempotent; numbers are unchanged.
 */
export function shareSavedClones(): void {
  const engine = tf.engine() as unknown as CloningEngine & {
    [ORIGINAL_CLONE]?: CloningEngine["clone"];
  };
  if (engine[ORIGINAL_CLONE] !== undefined) return;
  const original = engine.clone.bind(engine);
  engine[ORIGINAL_CLONE] = original;
  engine.clone = (x: tf.Tensor): tf.Tensor => {
    if (
      gradientDepth() !== 1 || !SHARING_BACKENDS.has(engine.backendName) ||
      engine.state.tensorInfo.get(x.dataId)?.backend !== engine.backend
    ) {
      return original(x);
    }
    engine.backend.incRef(x.dataId);
    return engine.makeTensorFromTensorInfo({ dataId: x.dataId, shape: x.shape, dtype: x.dtype });
  };
}
