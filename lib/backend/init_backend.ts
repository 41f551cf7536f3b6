/**
 * Chooses and initializes the tfjs compute backend.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { registerWebgpuKernels } from "./webgpu/mod.ts";
import { quietWebgpu } from "./_quiet_webgpu.ts";
import { startWasm } from "./_wasm_threads.ts";
import { registerWasmKernels } from "./register_wasm_kernels.ts";
import { shareSavedClones } from "./share_identity.ts";
import { ONEDNN_BACKEND, startOnednn } from "./onednn/register_onednn.ts";

/** Backends the project knows how to start, in order of preference. */
export type BackendName = "tensorflow" | "webgpu" | "onednn" | "wasm" | "cpu";

/** Every {@linkcode BackendName}, in the order {@linkcode initBackend} tries them. */
export const BACKEND_NAMES: readonly BackendName[] = [
  "tensorflow",
  "webgpu",
  "onednn",
  "wasm",
  "cpu",
];

/** Options of {@linkcode initBackend}. */
export interface InitBackendOptions {
  /**
   * Backend to use; default: the first available of `tensorflow` (only if
   * `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node` can be imported),
   * `webgpu` (hardware adapter only, never a software/fallback one), `onednn`
   * (when Debian's `libdnnl.so.2` loads through Deno's FFI), `wasm`, `cpu`.
   */
  backend?: BackendName;
  /**
   * Compute threads; default `navigator.hardwareConcurrency` (all logical
   * cores). On `onednn` oneDNN's OpenMP threads (any count, re-settable; the
   * wasm ops beneath run on one thread); on `wasm` XNNPACK's, at most 8 (the
   * wasm module's worker pool), fixed by the first wasm start in a process.
   */
  threads?: number;
}

/** What {@linkcode initBackend} chose and why. */
export interface BackendInfo {
  /** The active tfjs backend. */
  backend: BackendName;
  /** Why this backend was chosen (or why preferred ones were skipped), in words. */
  reason: string;
  /** Threads the backend computes with (1 where it has no threads of its own to set). */
  threads: number;
  /** tfjs version. */
  tfjsVersion: string;
  /** wasm only: whether the SIMD binary runs. */
  simd?: boolean;
  /** onednn only: the oneDNN library's version, e.g. `2.6.3`. */
  onednnVersion?: string;
  /** Kernels the project registered for this backend (see `registerWasmKernels`). */
  kernels: string[];
}

const TFJS_NODE_PACKAGES = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"];

async function tryTensorflow(): Promise<string | undefined> {
  const reasons: string[] = [];
  for (const name of TFJS_NODE_PACKAGES) {
    try {
      // A variable specifier: optional packages, resolved only if installed.
      await import(name);
      if (await tf.setBackend("tensorflow")) return undefined;
      reasons.push(`${name} imported but the "tensorflow" backend did not start`);
    } catch (e) {
      reasons.push(`${name} not importable (${String((e as Error).message ?? e).split("\n")[0]})`);
    }
  }
  return reasons.join("; ");
}

async function hardwareGpuProblem(): Promise<string | undefined> {
  // deno-lint-ignore no-explicit-any
  const gpu = (globalThis.navigator as any)?.gpu;
  if (gpu == null) return "navigator.gpu is not available";
  try {
    // deno-lint-ignore no-explicit-any
    const adapter = await quietWebgpu<any>(() => gpu.requestAdapter());
    if (adapter == null) return "no WebGPU adapter";
    const info = adapter.info ?? {};
    if (adapter.isFallbackAdapter || info.isFallbackAdapter) {
      return `the WebGPU adapter is a software fallback (${
        info.description || info.vendor || "unnamed"
      })`;
    }
    return undefined;
  } catch (e) {
    return `requesting a WebGPU adapter failed (${e})`;
  }
}

async function startWebgpu(): Promise<void> {
  await import("@tensorflow/tfjs-backend-webgpu");
  registerWebgpuKernels();
  if (!(await quietWebgpu(() => tf.setBackend("webgpu")))) {
    throw new Error(`Cannot start the "webgpu" backend.`);
  }
}

/**
 * Initializes a tfjs backend and says which and why. Registers the project's
 * wasm kernels first (idempotent). An unknown backend name is an error that
 * lists the valid ones; a named backend that cannot start is an error too.
 *
 * @example
 * ```ts
 * import { initBackend } from "./init_backend.ts";
 * const info = await initBackend({ backend: "cpu" });
 * console.assert(info.backend === "cpu");
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const asked = options.backend;
  if (asked != null && !BACKEND_NAMES.includes(asked)) {
    throw new Error(
      `Cannot start backend "${asked}": valid backends are ${BACKEND_NAMES.join(", ")}.`,
    );
  }
  const threads = options.threads ?? navigator.hardwareConcurrency ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`Cannot start with ${threads} threads: it must be a positive integer.`);
  }
  const kernels = registerWasmKernels();
  shareSavedClones();
  const version = tf.version.tfjs;
  const skipped: string[] = [];

  if (asked === "tensorflow" || asked == null) {
    const problem = await tryTensorflow();
    if (problem == null) {
      return {
        backend: "tensorflow",
        reason: asked ? "asked for" : "tfjs-node is installed",
        threads: navigator.hardwareConcurrency ?? 1,
        tfjsVersion: version,
        kernels: [],
      };
    }
    if (asked) throw new Error(`Cannot start the "tensorflow" backend: ${problem}.`);
    skipped.push(`tensorflow skipped: ${problem}`);
  }
  if (asked === "webgpu" || asked == null) {
    const problem = asked ? undefined : await hardwareGpuProblem();
    if (problem == null) {
      await startWebgpu();
      return {
        backend: "webgpu",
        reason: asked ? "asked for" : "a hardware WebGPU adapter is available",
        threads: 1,
        tfjsVersion: version,
        kernels: [],
      };
    }
    skipped.push(`webgpu skipped: ${problem}`);
  }
  if (asked === "onednn" || asked == null) {
    try {
      const started = await startOnednn(threads);
      return {
        backend: ONEDNN_BACKEND,
        reason: [
          asked ? "asked for" : `${started.library} loads`,
          `oneDNN ${started.version} on ${started.threads} OpenMP thread(s)`,
          ...skipped,
        ].join("; "),
        threads: started.threads,
        tfjsVersion: version,
        onednnVersion: started.version,
        kernels: started.kernels,
      };
    } catch (e) {
      const why = String((e as Error).message ?? e);
      if (asked) throw new Error(`Cannot start the "onednn" backend: ${why}`);
      console.error(`[backend] onednn unavailable, falling back to wasm: ${why}`);
      skipped.push(`onednn skipped: ${why}`);
    }
  }
  if (asked === "wasm" || asked == null) {
    try {
      const started = await startWasm(threads);
      return {
        backend: "wasm",
        reason: [asked ? "asked for" : "default CPU backend", started.reason, ...skipped].join(
          "; ",
        ),
        threads: started.threads,
        simd: started.simd,
        tfjsVersion: version,
        kernels,
      };
    } catch (e) {
      if (asked) throw new Error(`Cannot start the "wasm" backend: ${(e as Error).message}.`);
      skipped.push(`wasm failed: ${(e as Error).message}`);
    }
  }
  if (!(await tf.setBackend("cpu"))) throw new Error(`Cannot start the "cpu" backend.`);
  return {
    backend: "cpu",
    reason: [asked ? "asked for" : "fallback", ...skipped].join("; "),
    threads: 1,
    tfjsVersion: version,
    kernels: [],
  };
}
