/**
 * The part of tfjs-wasm's backend the project's heap kernels use (internal
 * to lib/backend): new outputs on the wasm heap and float32 views of tensors.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";

/** A wasm-based backend (wasm, onednn) as the heap kernels see it. */
export interface HeapBackend {
  /** A new tensor's storage on the heap. */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of a tensor's bytes (invalid once the heap grows: take views after allocating). */
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/**
 * Float32 views of `tensors`, taken after every output was allocated (a heap
 * that grows replaces its buffer and detaches older views).
 */
export function heapViews(backend: unknown, tensors: readonly tf.TensorInfo[]): Float32Array[] {
  const b = backend as HeapBackend;
  return tensors.map((t) => b.typedArrayFromHeap(t));
}
