/**
 * The onednn backend's process state (internal to lib/backend/onednn): the
 * oneDNN engine, the plan cache, and addresses of tensors on the wasm heap.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { arena, Dnnl, type Plan } from "./_dnnl.ts";
import { FoldCache } from "./fold_cache.ts";

/**
 * Plans kept at most (least recently used dropped first). A ResNet-50
 * training step at one input size uses ~120; several sizes and two thread
 * counts stay well inside.
 */
export const PLAN_CACHE_CAPACITY = 1024;

/** Plans by key (shape, attributes and thread count), least recently used first out. */
export class PlanCache {
  readonly #plans = new Map<string, Plan>();
  readonly #capacity: number;
  /** Plans created since the cache was made (for tests and profiles). */
  created = 0;

  constructor(capacity = PLAN_CACHE_CAPACITY) {
    this.#capacity = capacity;
  }

  /** Plans held now. */
  get size(): number {
    return this.#plans.size;
  }

  /** The plan for `key`, made by `make` on a miss. */
  get(key: string, make: () => Plan): Plan {
    const hit = this.#plans.get(key);
    if (hit !== undefined) {
      // Re-insert: Map iteration order is insertion order, so the first key is the LRU.
      this.#plans.delete(key);
      this.#plans.set(key, hit);
      return hit;
    }
    const plan = make();
    this.created++;
    this.#plans.set(key, plan);
    if (this.#plans.size > this.#capacity) {
      const [oldKey, oldPlan] = this.#plans.entries().next().value!;
      this.#plans.delete(oldKey);
      oldPlan.destroy();
    }
    return plan;
  }

  /** Destroys every plan. */
  clear(): void {
    for (const p of this.#plans.values()) p.destroy();
    this.#plans.clear();
  }
}

/** The live oneDNN state of the process. */
export interface OnednnState {
  /** Engine, stream, library, threads. */
  dnnl: Dnnl;
  /** Plans by key. */
  plans: PlanCache;
  /** Folded evaluation filters by the filter's data id. */
  folds: FoldCache;
}

let state: OnednnState | undefined;

/** Starts (once) or returns the oneDNN state; `threads` re-sets the OpenMP thread count. */
export function onednnState(threads?: number): OnednnState {
  if (state === undefined) {
    state = {
      dnnl: new Dnnl(threads ?? navigator.hardwareConcurrency ?? 1),
      plans: new PlanCache(),
      folds: new FoldCache(),
    };
  } else if (threads !== undefined && threads !== state.dnnl.threads) {
    state.dnnl.threads = threads;
  }
  return state;
}

/** The state if started, else undefined (never starts it). */
export function currentOnednnState(): OnednnState | undefined {
  return state;
}

/** A cached plan keyed by `key` plus the current thread count. */
export function plan(key: string, make: (s: OnednnState) => Plan): Plan {
  const s = onednnState();
  return s.plans.get(`${key}|t${s.dnnl.threads}`, () => {
    arena.reset();
    return make(s);
  });
}

let heapBuffer: ArrayBufferLike | undefined;
let heapBase = 0n;

/**
 * Absolute address of a tensor's data on the wasm heap. The heap's base is
 * re-derived whenever its buffer object changes (the heap grows and its
 * buffer is replaced); nothing must allocate on the heap between this call
 * and the oneDNN call that uses the address.
 */
export function addressOfTensor(backend: BackendWasm, t: tf.TensorInfo): bigint {
  const buffer = (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer;
  if (buffer !== heapBuffer) {
    heapBuffer = buffer;
    heapBase = BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer as ArrayBuffer)));
  }
  const data = backend.dataIdMap.get(t.dataId);
  if (data === undefined) throw new Error("Cannot find a tensor's data on the onednn backend.");
  return heapBase + BigInt(data.memoryOffset);
}

/** Runs `p` on the bytes of `tensors` (its user buffers, in declaration order). */
export function runOn(backend: BackendWasm, p: Plan, tensors: readonly tf.TensorInfo[]): void {
  p.run(tensors.map((t) => addressOfTensor(backend, t)));
}
