/**
 * The oneDNN C library through Deno's FFI (internal to lib/backend/onednn):
 * opening it, its symbols, and status checks.
 *
 * Every handle and pointer crosses the boundary as a `bigint` (`usize`): no
 * `Deno.UnsafePointer` object is made on the hot path (one costs ~0.7 µs),
 * and bigints take V8's fast FFI path (a call ~9 ns, where the same call
 * with a JS number for a 64-bit parameter takes the slow path, ~340 ns).
 * Out-parameters are passed as 8-byte buffers.
 *
 * @module
 */
import { STATUS_NAMES, SUCCESS } from "./_abi.ts";

/** Library file `Deno.dlopen` looks for; `BTM_ONEDNN_LIBRARY` overrides it. */
export const DEFAULT_ONEDNN_LIBRARY = "libdnnl.so.2";

/** The OpenMP runtime oneDNN is built against (Debian: GNU OpenMP). */
export const OPENMP_LIBRARY = "libgomp.so.1";

const P = "usize" as const; // a pointer or handle, as a number
const B = "buffer" as const; // an out-parameter or struct the caller owns
const S = "i32" as const; // dnnl_status_t and C ints
const D = "i64" as const; // dnnl_dim_t

const SYMBOLS = {
  dnnl_version: { parameters: [], result: P },
  dnnl_engine_create: { parameters: [B, S, P], result: S },
  dnnl_engine_destroy: { parameters: [P], result: S },
  dnnl_stream_create: { parameters: [B, P, "u32"], result: S },
  dnnl_stream_wait: { parameters: [P], result: S },
  dnnl_stream_destroy: { parameters: [P], result: S },
  dnnl_memory_desc_init_by_tag: { parameters: [P, S, P, S, S], result: S },
  dnnl_memory_desc_init_by_strides: { parameters: [P, S, P, S, P], result: S },
  dnnl_memory_desc_equal: { parameters: [P, P], result: S },
  dnnl_memory_desc_get_size: { parameters: [P], result: P },
  dnnl_memory_create: { parameters: [B, P, P, P], result: S },
  dnnl_memory_set_data_handle: { parameters: [P, P], result: S },
  dnnl_memory_destroy: { parameters: [P], result: S },
  dnnl_dilated_convolution_forward_desc_init: {
    parameters: [P, S, S, P, P, P, P, P, P, P, P],
    result: S,
  },
  dnnl_dilated_convolution_backward_data_desc_init: {
    parameters: [P, S, P, P, P, P, P, P, P],
    result: S,
  },
  dnnl_dilated_convolution_backward_weights_desc_init: {
    parameters: [P, S, P, P, P, P, P, P, P, P],
    result: S,
  },
  dnnl_batch_normalization_forward_desc_init: { parameters: [P, S, P, "f32", "u32"], result: S },
  dnnl_batch_normalization_backward_desc_init: {
    parameters: [P, S, P, P, "f32", "u32"],
    result: S,
  },
  dnnl_eltwise_forward_desc_init: { parameters: [P, S, S, P, "f32", "f32"], result: S },
  dnnl_eltwise_backward_desc_init: { parameters: [P, S, P, P, "f32", "f32"], result: S },
  dnnl_pooling_v2_forward_desc_init: { parameters: [P, S, S, P, P, P, P, P, P, P], result: S },
  dnnl_pooling_v2_backward_desc_init: { parameters: [P, S, P, P, P, P, P, P, P], result: S },
  dnnl_binary_desc_init: { parameters: [P, S, P, P, P], result: S },
  dnnl_primitive_desc_create: { parameters: [B, P, P, P, P], result: S },
  dnnl_primitive_desc_query_md: { parameters: [P, S, S], result: P },
  dnnl_primitive_desc_destroy: { parameters: [P], result: S },
  dnnl_primitive_create: { parameters: [B, P], result: S },
  dnnl_primitive_execute: { parameters: [P, P, S, B], result: S },
  dnnl_primitive_destroy: { parameters: [P], result: S },
  dnnl_reorder_primitive_desc_create: { parameters: [B, P, P, P, P, P], result: S },
  dnnl_primitive_attr_create: { parameters: [B], result: S },
  dnnl_primitive_attr_destroy: { parameters: [P], result: S },
  dnnl_primitive_attr_set_post_ops: { parameters: [P, P], result: S },
  dnnl_post_ops_create: { parameters: [B], result: S },
  dnnl_post_ops_destroy: { parameters: [P], result: S },
  dnnl_post_ops_append_eltwise: { parameters: [P, "f32", S, "f32", "f32"], result: S },
  dnnl_post_ops_append_sum: { parameters: [P, "f32"], result: S },
  dnnl_sgemm: {
    parameters: ["u8", "u8", D, D, D, "f32", P, D, P, D, "f32", P, D],
    result: S,
  },
} as const;

const OPENMP_SYMBOLS = {
  omp_set_num_threads: { parameters: ["i32"], result: "void" },
  omp_get_max_threads: { parameters: [], result: "i32" },
} as const;

/** The opened library's functions. */
export type DnnlSymbols = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
/** The OpenMP runtime's functions used here. */
export type OpenmpSymbols = Deno.DynamicLibrary<typeof OPENMP_SYMBOLS>["symbols"];

/** The opened oneDNN and OpenMP libraries. */
export interface DnnlLibrary {
  /** oneDNN's C API. */
  dnnl: DnnlSymbols;
  /** The OpenMP runtime oneDNN computes with. */
  omp: OpenmpSymbols;
  /** Version as `major.minor.patch`. */
  version: string;
  /** The file that was opened. */
  path: string;
}

let opened: DnnlLibrary | undefined;
let openError: Error | undefined;

/**
 * Opens oneDNN (once per process) and returns its functions, or throws one
 * sentence saying why it cannot: the library missing, no FFI permission, a
 * missing symbol, or a build other than 2.x with OpenMP.
 */
export function openDnnl(): DnnlLibrary {
  if (opened) return opened;
  if (openError) throw openError;
  const path = Deno.env.get("BTM_ONEDNN_LIBRARY") || DEFAULT_ONEDNN_LIBRARY;
  try {
    const lib = Deno.dlopen(path, SYMBOLS);
    const omp = Deno.dlopen(OPENMP_LIBRARY, OPENMP_SYMBOLS);
    const view = new Deno.UnsafePointerView(Deno.UnsafePointer.create(lib.symbols.dnnl_version())!);
    const [major, minor, patch] = [view.getInt32(0), view.getInt32(4), view.getInt32(8)];
    const cpuRuntime = view.getUint32(24);
    if (major !== 2) {
      lib.close();
      throw new Error(`it is oneDNN ${major}.${minor}.${patch}; the bindings need 2.x`);
    }
    if (cpuRuntime !== 2) {
      lib.close();
      throw new Error(`its CPU runtime is ${cpuRuntime}, not OpenMP (2)`);
    }
    opened = { dnnl: lib.symbols, omp: omp.symbols, version: `${major}.${minor}.${patch}`, path };
    return opened;
  } catch (e) {
    const message = String((e as Error).message ?? e).split("\n")[0];
    const why = (e as Error).name === "NotCapable" || /--allow-ffi|permission/i.test(message)
      ? `no FFI permission (run with --allow-ffi or -A): ${message}`
      : message;
    openError = new Error(`Cannot load oneDNN from "${path}": ${why}`);
    throw openError;
  }
}

/** Throws a sentence naming the call and oneDNN's status unless it succeeded. */
export function check(status: number, what: string): void {
  if (status !== SUCCESS) {
    throw new Error(`oneDNN ${what} failed: ${STATUS_NAMES[status] ?? `status ${status}`}`);
  }
}

/** An 8-byte out-parameter, read back as a number (a handle or pointer). */
export class OutHandle {
  /** The buffer passed to the call. */
  readonly buffer = new BigUint64Array(new ArrayBuffer(8));
  /** The value the call wrote. */
  get value(): bigint {
    return this.buffer[0];
  }
}

/** Address of a buffer the caller keeps alive (off the V8 heap: never moves). */
export function addressOf(buffer: ArrayBuffer | ArrayBufferView): bigint {
  return BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer as BufferSource)));
}
