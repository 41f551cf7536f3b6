/**
 * Shared setup of the webgpu backend tests: whether an adapter can be had
 * (tests are skipped with a message otherwise) and a cpu-backend reference.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { quietWebgpu } from "../../../lib/backend/_quiet_webgpu.ts";

/** Why webgpu tests cannot run here, or null when an adapter was found. */
export async function webgpuUnavailable(): Promise<string | null> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (gpu === undefined) {
    return "navigator.gpu is undefined: run deno test with --unstable-webgpu";
  }
  // Quietly: this request creates the WebGPU instance the tests' own requests reuse.
  const adapter = await quietWebgpu(() => gpu.requestAdapter());
  if (adapter === null) {
    return "no WebGPU adapter: install a Vulkan driver (Debian: mesa-vulkan-drivers libvulkan1)";
  }
  return null;
}

/** The skip reason, computed once per test module. */
export const skipReason: string | null = await webgpuUnavailable();
if (skipReason !== null) console.warn(`Skipping webgpu tests: ${skipReason}.`);

/** Runs `f` on the named backend and returns its tensor result's values and shape. */
export async function runOn(
  backend: "cpu" | "webgpu",
  f: () => tf.Tensor,
): Promise<{ values: Float32Array; shape: number[] }> {
  if (!(await tf.setBackend(backend))) throw new Error(`Cannot start the "${backend}" backend.`);
  const t = f();
  const values = (await t.data()) as Float32Array;
  const shape = t.shape;
  t.dispose();
  return { values, shape };
}

/** Norm-wise relative error ‖a − b‖₂ / ‖b‖₂ in float64. */
export function relErr(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new Error(`Cannot compare arrays of ${a.length} and ${b.length} values.`);
  }
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30);
}
