/**
 * Starts tfjs-backend-wasm with its threaded-SIMD binary under Deno
 * (internal to lib/backend).
 *
 * Stock tfjs-backend-wasm takes Deno for Node and (1) reports no thread
 * support in Node (flag `WASM_HAS_MULTITHREAD_SUPPORT`), (2) caps its XNNPACK
 * thread pool at logical cores / 2, read from `os.cpus()` when the wasm module
 * starts, and (3) would start Emscripten's pthread workers from a Blob URL
 * with a worker script that needs `importScripts` or CommonJS `require`, which
 * Deno workers lack. This module sets the flag, reports 2×threads cores while
 * the module starts, and swaps the `node:worker_threads` Worker that the
 * Emscripten glue looks up for one that runs `_pthread_worker.ts`, points it
 * at the glue's file, and never holds the process open (its parked pool
 * threads would otherwise keep a script from exiting). Every patch is undone
 * once the backend has started.
 *
 * @module
 */
// deno-lint-ignore-file no-explicit-any
import * as tf from "@tensorflow/tfjs";
import * as wasm from "@tensorflow/tfjs-backend-wasm";
import workerThreads from "node:worker_threads";
import os from "node:os";
import { createRequire } from "node:module";

/** Emscripten's pre-started pthread pool in tfjs-backend-wasm 4.22 (`pthreadPoolSize = 8`). */
export const MAX_WASM_THREADS = 8;

// Priority tfjs-backend-wasm registers its factory with.
const WASM_PRIORITY = 2;

/** The outcome of {@linkcode startWasm}. */
export interface WasmStart {
  /** Threads XNNPACK computes with, as the wasm module reports it. */
  threads: number;
  /** Whether a SIMD binary is running. */
  simd: boolean;
  /** What happened, in words (why fewer threads than asked, if so). */
  reason: string;
}

// A tiny module using shared memory and atomics (wasm-feature-detect's probe).
const THREADS_PROBE = new Uint8Array([
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  4,
  1,
  96,
  0,
  0,
  3,
  2,
  1,
  0,
  5,
  4,
  1,
  3,
  1,
  1,
  10,
  11,
  1,
  9,
  0,
  65,
  0,
  254,
  16,
  2,
  0,
  26,
  11,
]);

function threadSupportProblem(): string | undefined {
  if (typeof SharedArrayBuffer === "undefined") return "SharedArrayBuffer is not available";
  try {
    if (!WebAssembly.validate(THREADS_PROBE)) return "this runtime's WebAssembly lacks threads";
  } catch (e) {
    return `WebAssembly threads probe failed (${e})`;
  }
  return undefined;
}

function glueFile(): string {
  const require = createRequire(import.meta.url);
  return require.resolve(
    "@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js",
  );
}

async function setBackendOrThrow(timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the wasm backend did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const ok = await Promise.race([tf.setBackend("wasm"), timeout]);
    if (!ok) throw new Error('tf.setBackend("wasm") returned false');
  } finally {
    clearTimeout(timer);
  }
}

async function startThreaded(threads: number): Promise<void> {
  const gluePath = glueFile();
  const shim = new URL("./_pthread_worker.ts", import.meta.url);
  const wt = workerThreads as any;
  const OriginalWorker = wt.Worker;
  const originalGlobalWorker = (globalThis as any).Worker;
  const originalCpus = os.cpus;
  class PthreadWorker extends OriginalWorker {
    constructor(_blobUrl: unknown) {
      super(shim);
    }
    postMessage(message: any, transfer?: any): void {
      // The glue sends its own source as a Blob; the shim reads the file.
      const m = message?.cmd === "load" ? { ...message, urlOrBlob: gluePath } : message;
      super.postMessage(m, transfer);
    }
    /**
     * Ignored, so that the pool never keeps the process alive. The glue
     * unrefs a worker once it has loaded and refs it again while it runs a
     * pthread (`spawnThread`), expecting the thread to end. XNNPACK's pool
     * threads never end: they park on a futex between parallel calls, and
     * every parallel call is a synchronous call from the main thread that
     * returns only when the pool is done, so a parked thread never has work
     * of its own that a script should wait for. Without this a script that
     * started threads ran until `Deno.exit`. Unref'ing at construction does
     * not help: the glue's `ref()` at spawn undoes it.
     */
    ref(): void {}
  }
  wt.Worker = PthreadWorker;
  // tfjs caps threads at logical cores / 2, read while the module starts.
  (os as any).cpus = () => {
    const cpus = originalCpus();
    return Array.from({ length: 2 * threads }, (_, i) => cpus[i % cpus.length]);
  };
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  wasm.setThreadsCount(threads);
  try {
    await setBackendOrThrow(60_000);
  } finally {
    wt.Worker = OriginalWorker;
    (globalThis as any).Worker = originalGlobalWorker;
    (os as any).cpus = originalCpus;
  }
}

/**
 * Starts the wasm backend with `threads` XNNPACK threads (threaded-SIMD
 * binary) or, for one thread or where threads cannot work, the single-thread
 * binary. Only the first start in a process chooses; later calls report what
 * is running.
 */
export async function startWasm(threads: number): Promise<WasmStart> {
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT") as boolean;
  if (tf.findBackend("wasm") != null) {
    await tf.setBackend("wasm");
    const running = wasm.getThreadsCount();
    const note = running === threads
      ? ""
      : `; ${threads} thread(s) asked for, but the wasm module was already started in this process with ${running} and cannot be restarted`;
    return { threads: running, simd, reason: `wasm already started${note}` };
  }
  let wanted = threads;
  const notes: string[] = [];
  if (wanted > MAX_WASM_THREADS) {
    notes.push(
      `${threads} threads capped at ${MAX_WASM_THREADS}, the size of the wasm module's pre-started worker pool`,
    );
    wanted = MAX_WASM_THREADS;
  }
  if (wanted > 1) {
    const problem = !simd ? "the threaded binary needs WebAssembly SIMD" : threadSupportProblem();
    if (problem == null) {
      try {
        await startThreaded(wanted);
        const running = wasm.getThreadsCount();
        notes.unshift(`threaded-SIMD binary with ${running} thread(s)`);
        return { threads: running, simd, reason: notes.join("; ") };
      } catch (e) {
        notes.push(`threads unavailable (${(e as Error).message ?? e}); fell back to one thread`);
        tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
        // Drop any init still pending (a timeout) and register the factory afresh.
        const factory = tf.engine().findBackendFactory("wasm");
        tf.removeBackend("wasm");
        tf.registerBackend("wasm", factory, WASM_PRIORITY);
      }
    } else {
      notes.push(`threads unavailable (${problem}); running one thread`);
    }
  }
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  await setBackendOrThrow(60_000);
  notes.unshift(`${simd ? "SIMD" : "plain"} binary with ${wasm.getThreadsCount()} thread(s)`);
  return { threads: wasm.getThreadsCount(), simd, reason: notes.join("; ") };
}
