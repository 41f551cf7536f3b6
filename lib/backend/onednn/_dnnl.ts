/**
 * oneDNN objects for the kernels (internal to lib/backend/onednn): the engine
 * and stream, memory descriptors, and {@linkcode Plan}s — primitives created
 * once per shape and executed many times on buffers bound at call time.
 *
 * @module
 */
import {
  ENGINE_CPU,
  F32,
  MAX_NDIMS,
  MEMORY_ALLOCATE,
  SIZEOF,
  STREAM_DEFAULT_FLAGS,
  UNIMPLEMENTED,
} from "./_abi.ts";
import { addressOf, check, type DnnlLibrary, openDnnl, OutHandle } from "./_ffi.ts";

/**
 * Scratch memory for the structs a plan build passes to oneDNN (memory and op
 * descriptors, dims). oneDNN copies what it keeps, so the structs are needed
 * only while a plan is built. One module-level buffer, never freed, holds
 * them: its address cannot move and the garbage collector cannot free it
 * between the moment an address is read and the call that uses it (which a
 * short-lived ArrayBuffer per struct would not guarantee).
 */
class Arena {
  readonly #buffer = new ArrayBuffer(1 << 18);
  #baseAddress: bigint | undefined;
  #used = 0;

  // Taken on first use: taking an address needs FFI permission, which a
  // process that never starts onednn may not have.
  get #base(): bigint {
    return this.#baseAddress ??= addressOf(this.#buffer);
  }

  /** Forgets every struct handed out (at the start of a plan build). */
  reset(): void {
    new Uint8Array(this.#buffer, 0, this.#used).fill(0);
    this.#used = 0;
  }

  /** The address of `size` zeroed bytes, 64-byte aligned. */
  alloc(size: number): bigint {
    const at = Math.ceil(this.#used / 64) * 64;
    if (at + size > this.#buffer.byteLength) {
      throw new Error(`oneDNN plan scratch exhausted (${at + size} bytes needed).`);
    }
    this.#used = at + size;
    return this.#base + BigInt(at);
  }

  /** A view of `size` bytes at `address` (an address from {@linkcode alloc}). */
  view(address: bigint, size: number): DataView {
    return new DataView(this.#buffer, Number(address - this.#base), size);
  }
}

/** The process's struct scratch (see {@linkcode Arena}). */
export const arena: Arena = new Arena();

/** `dnnl_dims_t` holding `values` (rest zero), in the scratch; its address. */
export function dims(values: readonly number[]): bigint {
  if (values.length > MAX_NDIMS) {
    throw new Error(`Cannot describe ${values.length} dimensions: oneDNN allows ${MAX_NDIMS}.`);
  }
  const address = arena.alloc(SIZEOF.dims);
  const view = arena.view(address, SIZEOF.dims);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return address;
}

/** An op descriptor's zeroed space in the scratch; its address. */
export function opDesc(size: number): bigint {
  return arena.alloc(size);
}

/** The process's oneDNN state: library, CPU engine, stream, thread count. */
export class Dnnl {
  /** The opened library. */
  readonly lib: DnnlLibrary;
  /** `dnnl_engine_t`. */
  readonly engine: bigint;
  /** `dnnl_stream_t`. */
  readonly stream: bigint;
  /** oneDNN objects (primitives, memories) alive, for leak checks. */
  live = 0;
  #threads: number;

  constructor(threads: number) {
    this.lib = openDnnl();
    const d = this.lib.dnnl;
    const engine = new OutHandle();
    check(d.dnnl_engine_create(engine.buffer, ENGINE_CPU, 0n), "engine_create");
    this.engine = engine.value;
    const stream = new OutHandle();
    check(d.dnnl_stream_create(stream.buffer, this.engine, STREAM_DEFAULT_FLAGS), "stream_create");
    this.stream = stream.value;
    this.#threads = 0;
    this.threads = threads;
  }

  /** OpenMP threads oneDNN computes with (fixed into each primitive when it is created). */
  get threads(): number {
    return this.#threads;
  }
  set threads(n: number) {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`Cannot run oneDNN on ${n} threads: it must be a positive integer.`);
    }
    this.lib.omp.omp_set_num_threads(n);
    this.#threads = n;
  }

  /** A memory descriptor of `shape` (oneDNN's logical order) in `tag`'s layout, f32. */
  md(shape: readonly number[], tag: number): bigint {
    const md = arena.alloc(SIZEOF.memoryDesc);
    check(
      this.lib.dnnl.dnnl_memory_desc_init_by_tag(md, shape.length, dims(shape), F32, tag),
      `memory_desc_init_by_tag([${shape}], tag ${tag})`,
    );
    return md;
  }

  /** A memory descriptor of `shape` with explicit element `strides`, f32. */
  mdStrided(shape: readonly number[], strides: readonly number[]): bigint {
    const md = arena.alloc(SIZEOF.memoryDesc);
    check(
      this.lib.dnnl.dnnl_memory_desc_init_by_strides(
        md,
        shape.length,
        dims(shape),
        F32,
        dims(strides),
      ),
      `memory_desc_init_by_strides([${shape}], [${strides}])`,
    );
    return md;
  }

  /**
   * Creates a primitive descriptor for an initialized op descriptor, or
   * returns undefined where oneDNN has no implementation; any other failure
   * throws. (See {@linkcode PlanBuilder.desc} for one that must exist.)
   */
  primitiveDesc(
    opDesc: bigint,
    what: string,
    attr = 0n,
    hint = 0n,
  ): bigint | undefined {
    const pd = new OutHandle();
    const status = this.lib.dnnl.dnnl_primitive_desc_create(
      pd.buffer,
      opDesc,
      attr,
      this.engine,
      hint,
    );
    if (status === UNIMPLEMENTED) return undefined;
    check(status, `primitive_desc_create (${what})`);
    return pd.value;
  }

  /** A reorder primitive descriptor from `src` to `dst` (both memory-desc addresses). */
  reorderDesc(src: bigint, dst: bigint): bigint {
    const pd = new OutHandle();
    check(
      this.lib.dnnl.dnnl_reorder_primitive_desc_create(
        pd.buffer,
        src,
        this.engine,
        dst,
        this.engine,
        0n,
      ),
      "reorder_primitive_desc_create",
    );
    return pd.value;
  }

  /** The memory descriptor a primitive descriptor chose for `query` (an address into `pd`). */
  queryMd(pd: bigint, query: number, index = 0): bigint {
    const md = this.lib.dnnl.dnnl_primitive_desc_query_md(pd, query, index);
    if (!md) throw new Error(`oneDNN primitive_desc_query_md(${query}) returned no descriptor`);
    return md;
  }

  /** Whether two memory descriptors (addresses) describe the same layout. */
  sameMd(a: bigint, b: bigint): boolean {
    return this.lib.dnnl.dnnl_memory_desc_equal(a, b) !== 0;
  }

  /** Bytes a memory descriptor (address) needs. */
  mdBytes(md: bigint): number {
    return Number(this.lib.dnnl.dnnl_memory_desc_get_size(md));
  }

  /** Destroys a primitive descriptor. */
  destroyDesc(pd: bigint): void {
    check(this.lib.dnnl.dnnl_primitive_desc_destroy(pd), "primitive_desc_destroy");
  }

  /**
   * A primitive attribute with these post-ops in order — an eltwise op
   * (`{ eltwise: alg }`) or a sum (`{ sum: scale }`: dst = result + scale·dst,
   * the destination holding the addend before execution) — or 0 for none.
   */
  postOpsAttr(postOps: readonly PostOp[]): bigint {
    if (postOps.length === 0) return 0n;
    const d = this.lib.dnnl;
    const ops = new OutHandle();
    check(d.dnnl_post_ops_create(ops.buffer), "post_ops_create");
    for (const op of postOps) {
      if ("sum" in op) {
        check(d.dnnl_post_ops_append_sum(ops.value, op.sum), "post_ops_append_sum");
      } else {
        check(
          d.dnnl_post_ops_append_eltwise(ops.value, 1, op.eltwise, 0, 0),
          "post_ops_append_eltwise",
        );
      }
    }
    const attr = new OutHandle();
    check(d.dnnl_primitive_attr_create(attr.buffer), "primitive_attr_create");
    check(d.dnnl_primitive_attr_set_post_ops(attr.value, ops.value), "primitive_attr_set_post_ops");
    check(d.dnnl_post_ops_destroy(ops.value), "post_ops_destroy");
    return attr.value;
  }

  /** Destroys an attribute made by {@linkcode postOpsAttr} (0 is ignored). */
  destroyAttr(attr: bigint): void {
    if (attr) check(this.lib.dnnl.dnnl_primitive_attr_destroy(attr), "primitive_attr_destroy");
  }
}

/** One post-op of {@linkcode Dnnl.postOpsAttr}. */
export type PostOp = { eltwise: number } | { sum: number };

/** Where a plan's memory comes from. */
type MemorySlot = { kind: "user"; memory: bigint; index: number } | {
  kind: "internal";
  memory: bigint;
};

/** One primitive of a plan with its bound arguments. */
interface PlanStep {
  primitive: bigint;
  args: Uint8Array;
  nargs: number;
}

/**
 * Builds a {@linkcode Plan}: user buffers (bound at every run), internal
 * buffers (library-owned, e.g. reordered weights), and primitives in order.
 */
export class PlanBuilder {
  readonly #d: Dnnl;
  readonly #slots: MemorySlot[] = [];
  readonly #steps: PlanStep[] = [];
  readonly #descs: bigint[] = [];
  readonly #attrs: bigint[] = [];
  #users = 0;
  #done = false;

  constructor(d: Dnnl) {
    this.#d = d;
  }

  /** The oneDNN state the plan is built with. */
  get dnnl(): Dnnl {
    return this.#d;
  }

  /**
   * The primitive descriptor of an initialized op descriptor (see
   * {@linkcode Dnnl.primitiveDesc}), destroyed when the build ends; throws
   * naming `what` where oneDNN has no implementation.
   */
  desc(opDesc: bigint, what: string, attr = 0n, hint = 0n): bigint {
    const pd = this.#d.primitiveDesc(opDesc, what, attr, hint);
    if (pd === undefined) throw new Error(`oneDNN has no implementation of ${what}.`);
    this.#descs.push(pd);
    return pd;
  }

  /** A reorder's primitive descriptor (see {@linkcode Dnnl.reorderDesc}), destroyed when the build ends. */
  reorder(src: bigint, dst: bigint): bigint {
    const pd = this.#d.reorderDesc(src, dst);
    this.#descs.push(pd);
    return pd;
  }

  /** An attribute with one eltwise post-op `alg` (0 when undefined), destroyed when the build ends. */
  eltwiseAttr(alg: number | undefined): bigint {
    return this.postOpsAttr(alg === undefined ? [] : [{ eltwise: alg }]);
  }

  /** An attribute with these post-ops (0 for none; see {@linkcode Dnnl.postOpsAttr}), destroyed when the build ends. */
  postOpsAttr(postOps: readonly PostOp[]): bigint {
    const attr = this.#d.postOpsAttr(postOps);
    if (attr) this.#attrs.push(attr);
    return attr;
  }

  /** Destroys the descriptors and attributes made for the build (primitives keep their own copies). */
  #release(): void {
    for (const pd of this.#descs.splice(0)) this.#d.destroyDesc(pd);
    for (const attr of this.#attrs.splice(0)) this.#d.destroyAttr(attr);
  }

  #memory(md: bigint, handle: bigint): bigint {
    const m = new OutHandle();
    check(
      this.#d.lib.dnnl.dnnl_memory_create(m.buffer, md, this.#d.engine, handle),
      "memory_create",
    );
    this.#d.live++;
    return m.value;
  }

  /** A buffer the caller passes at each run, in order of declaration; returns its slot. */
  user(md: bigint): number {
    this.#slots.push({ kind: "user", memory: this.#memory(md, 0n), index: this.#users++ });
    return this.#slots.length - 1;
  }

  /** A library-owned buffer of layout `md` kept for the plan's life; returns its slot. */
  internal(md: bigint): number {
    this.#slots.push({ kind: "internal", memory: this.#memory(md, MEMORY_ALLOCATE) });
    return this.#slots.length - 1;
  }

  /** Appends the primitive of `pd` with `args` as `[DNNL_ARG_*, slot]` pairs. */
  step(pd: bigint, args: [number, number][]): void {
    const d = this.#d.lib.dnnl;
    const prim = new OutHandle();
    check(d.dnnl_primitive_create(prim.buffer, pd), "primitive_create");
    this.#d.live++;
    const buf = new Uint8Array(new ArrayBuffer(Math.max(1, args.length) * SIZEOF.execArg));
    const view = new DataView(buf.buffer);
    args.forEach(([arg, slot], i) => {
      const s = this.#slots[slot];
      if (s === undefined) throw new Error(`Plan step binds unknown slot ${slot}.`);
      view.setInt32(i * SIZEOF.execArg, arg, true);
      view.setBigUint64(i * SIZEOF.execArg + 8, s.memory, true);
    });
    this.#steps.push({ primitive: prim.value, args: buf, nargs: args.length });
  }

  /** The finished plan; `meta` holds sizes its callers need (e.g. workspace bytes). */
  build(name: string, meta: Readonly<Record<string, number>> = {}): Plan {
    if (this.#done) throw new Error("PlanBuilder.build called twice.");
    this.#done = true;
    this.#release();
    const users = this.#slots.filter((s) => s.kind === "user").map((s) => s.memory);
    return new Plan(this.#d, name, users, this.#slots.map((s) => s.memory), this.#steps, meta);
  }

  /** Frees everything made so far (on a failed build). */
  abandon(): void {
    this.#release();
    if (this.#done) return;
    this.#done = true;
    new Plan(this.#d, "abandoned", [], this.#slots.map((s) => s.memory), this.#steps, {})
      .destroy();
  }
}

/** What a plan's `fill` function returns: its name and the sizes its callers need. */
export interface PlanSpec {
  /** What it computes, for messages. */
  name: string;
  /** Sizes fixed at build time (e.g. workspace bytes); default none. */
  meta?: Readonly<Record<string, number>>;
}

/**
 * Builds a plan: `fill` declares its memories and steps on the builder; the
 * descriptors and attributes it makes through the builder are destroyed once
 * the plan is built, and on any failure everything made so far is freed.
 */
export function buildPlan(d: Dnnl, fill: (b: PlanBuilder) => PlanSpec): Plan {
  const b = new PlanBuilder(d);
  try {
    const { name, meta } = fill(b);
    return b.build(name, meta);
  } catch (e) {
    b.abandon();
    throw e;
  }
}

/** Primitives created once, executed on buffers bound at each run. */
export class Plan {
  readonly #d: Dnnl;
  /** What it computes, for messages. */
  readonly name: string;
  /** Sizes the plan's callers need, fixed when it was built. */
  readonly meta: Readonly<Record<string, number>>;
  readonly #users: bigint[];
  readonly #memories: bigint[];
  readonly #steps: PlanStep[];
  #destroyed = false;

  constructor(
    d: Dnnl,
    name: string,
    users: bigint[],
    memories: bigint[],
    steps: PlanStep[],
    meta: Readonly<Record<string, number>>,
  ) {
    this.#d = d;
    this.name = name;
    this.meta = meta;
    this.#users = users;
    this.#memories = memories;
    this.#steps = steps;
  }

  /** How many user buffers {@linkcode run} takes. */
  get userCount(): number {
    return this.#users.length;
  }

  /**
   * Binds the user buffers (absolute addresses, in declaration order) and runs
   * every step. Every address is checked first: oneDNN executing on an unbound
   * (null) handle crashes the process instead of failing.
   */
  run(addresses: readonly bigint[]): void {
    if (this.#destroyed) throw new Error(`Cannot run the destroyed oneDNN plan "${this.name}".`);
    if (addresses.length !== this.#users.length) {
      throw new Error(
        `oneDNN plan "${this.name}" takes ${this.#users.length} buffers, got ${addresses.length}.`,
      );
    }
    const d = this.#d.lib.dnnl;
    for (let i = 0; i < addresses.length; i++) {
      const a = addresses[i];
      if (!(a > 0n)) {
        throw new Error(`oneDNN plan "${this.name}": buffer ${i} has no valid address (${a}).`);
      }
      check(d.dnnl_memory_set_data_handle(this.#users[i], a), "memory_set_data_handle");
    }
    for (const s of this.#steps) {
      check(
        d.dnnl_primitive_execute(s.primitive, this.#d.stream, s.nargs, s.args),
        `primitive_execute (${this.name})`,
      );
    }
    check(d.dnnl_stream_wait(this.#d.stream), "stream_wait");
  }

  /** Frees the primitives and memories (idempotent). */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    const d = this.#d.lib.dnnl;
    for (const s of this.#steps) {
      d.dnnl_primitive_destroy(s.primitive);
      this.#d.live--;
    }
    for (const m of this.#memories) {
      d.dnnl_memory_destroy(m);
      this.#d.live--;
    }
  }
}
