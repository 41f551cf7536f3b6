/**
 * Emscripten pthread worker for tfjs-backend-wasm's threaded-SIMD binary,
 * run under Deno's `node:worker_threads`.
 *
 * It is a port of the worker script that ships with tfjs
 * (`tfjs-backend-wasm-threaded-simd.worker.js`): that script expects either a
 * browser worker (classic script, `importScripts`) or Node (`require`), and
 * Deno workers are neither. Here the Emscripten glue is loaded by evaluating
 * its source (a file path sent in the `load` message), and messages go
 * through `parentPort`. Internal to lib/backend.
 *
 * @module
 */
// deno-lint-ignore-file no-explicit-any
import { parentPort } from "node:worker_threads";
import { createRequire } from "node:module";
import { readFileSync, writeSync } from "node:fs";

const g = globalThis as any;
function setUp(port: NonNullable<typeof parentPort>): void {
  // The glue runs in its Node mode inside this worker (Deno defines `process`);
  // give it the CommonJS globals that mode reads.
  g.require ??= createRequire(import.meta.url);
  g.global ??= globalThis;
  g.__filename ??= new URL(import.meta.url).pathname;
  g.__dirname ??= g.__filename.replace(/\/[^/]*$/, "");
  g.postMessage = (msg: unknown, transfer?: any[]) => port.postMessage(msg, transfer ?? []);
  g.startWorker = (instance: any) => {
    Module = instance;
    g.postMessage({ cmd: "loaded" });
  };
  port.on("message", onMessage);
}

let Module: any = {};
let initializedJS = false;
let pendingQueues: unknown[] = [];

function err(...args: unknown[]): void {
  writeSync(2, args.join(" ") + "\n");
}

Module.instantiateWasm = (info: any, receiveInstance: (i: WebAssembly.Instance) => void) => {
  const instance = new WebAssembly.Instance(Module.wasmModule, info);
  receiveInstance(instance);
  Module.wasmModule = null;
  return instance.exports;
};
function onMessage(data: any): void {
  try {
    if (data.cmd === "load") {
      Module.wasmModule = data.wasmModule;
      for (const handler of data.handlers) {
        Module[handler] = (...args: unknown[]) =>
          g.postMessage({ cmd: "callHandler", handler, args });
      }
      Module.wasmMemory = data.wasmMemory;
      Module.buffer = Module.wasmMemory.buffer;
      Module.ENVIRONMENT_IS_PTHREAD = true;
      // Indirect eval: the glue's top-level `var` becomes a global.
      (0, eval)(readFileSync(data.urlOrBlob, "utf8") + "\n//# sourceURL=" + data.urlOrBlob);
      g.WasmBackendModuleThreadedSimd(Module);
    } else if (data.cmd === "run") {
      Module.__emscripten_thread_init(data.pthread_ptr, 0, 0, 1);
      Module.establishStackSpace();
      Module.PThread.receiveObjectTransfer(data);
      Module.PThread.threadInitTLS();
      if (!initializedJS) {
        for (const queue of pendingQueues) Module.executeNotifiedProxyingQueue(queue);
        pendingQueues = [];
        initializedJS = true;
      }
      try {
        Module.invokeEntryPoint(data.start_routine, data.arg);
      } catch (ex: any) {
        if (ex != "unwind") {
          if (ex instanceof Module.ExitStatus) {
            if (!Module.keepRuntimeAlive()) Module.__emscripten_thread_exit(ex.status);
          } else {
            throw ex;
          }
        }
      }
    } else if (data.cmd === "cancel") {
      if (Module._pthread_self()) Module.__emscripten_thread_exit(-1);
    } else if (data.target === "setimmediate") {
      // Node's setImmediate shim message; nothing to do.
    } else if (data.cmd === "processProxyingQueue") {
      if (initializedJS) Module.executeNotifiedProxyingQueue(data.queue);
      else pendingQueues.push(data.queue);
    } else if (data.cmd) {
      err("pthread worker received unknown command " + data.cmd);
    }
  } catch (ex) {
    if (Module.__emscripten_thread_crashed) Module.__emscripten_thread_crashed();
    throw ex;
  }
}

// Only meaningful inside a worker; importing it elsewhere does nothing.
if (parentPort != null) setUp(parentPort);
