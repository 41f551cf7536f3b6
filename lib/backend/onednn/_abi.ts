/**
 * oneDNN 2.6 C ABI constants (internal to lib/backend/onednn): enum values and
 * struct sizes from `oneapi/dnnl/dnnl_types.h` of Debian's `libdnnl-dev`
 * 2.6.3, x86-64. `tests/backend/onednn/abi_test.ts` compiles a probe against
 * the installed headers, where a C compiler and the headers are present, and
 * checks every value here.
 *
 * @module
 */

/** `dnnl_status_t` values, by name (for error messages). */
export const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: "success",
  1: "out_of_memory",
  2: "invalid_arguments",
  3: "unimplemented",
  4: "iterator_ends",
  5: "runtime_error",
  6: "not_required",
};

/** `dnnl_success`. */
export const SUCCESS = 0;
/** `dnnl_unimplemented`: no implementation for these descriptors. */
export const UNIMPLEMENTED = 3;

/** Sizes (bytes) of the structs the wrappers allocate. */
export const SIZEOF = {
  /** `dnnl_memory_desc_t`. */
  memoryDesc: 696,
  /** `dnnl_convolution_desc_t`. */
  convolutionDesc: 5976,
  /** `dnnl_batch_normalization_desc_t`. */
  batchNormDesc: 3496,
  /** `dnnl_eltwise_desc_t`. */
  eltwiseDesc: 1416,
  /** `dnnl_pooling_v2_desc_t`. */
  poolingV2Desc: 3288,
  /** `dnnl_binary_desc_t`. */
  binaryDesc: 2096,
  /** `dnnl_exec_arg_t` ({ int arg; dnnl_memory_t memory; }). */
  execArg: 16,
  /** `dnnl_dims_t` (int64_t[DNNL_MAX_NDIMS]). */
  dims: 96,
} as const;

/** `DNNL_MAX_NDIMS`. */
export const MAX_NDIMS = 12;

/** `dnnl_f32`. */
export const F32 = 3;

/** `dnnl_format_tag_t` values used here. */
export const TAG = {
  /** `dnnl_format_tag_any`: let the primitive choose. */
  any: 1,
  /** `dnnl_a` / `dnnl_x`: 1-D. */
  a: 2,
  /** `dnnl_ab` / `dnnl_nc`: row-major 2-D. */
  ab: 3,
  /** `dnnl_nhwc` (= `dnnl_acdb`): tfjs's activation layout. */
  nhwc: 20,
  /** `dnnl_hwio` (= `dnnl_cdba`): tfjs's conv filter layout. */
  hwio: 30,
  /** `dnnl_hwigo` (= `dnnl_decab`): grouped filters, tfjs-style. */
  hwigo: 33,
} as const;

/** `dnnl_prop_kind_t` values. */
export const PROP = {
  forwardTraining: 64,
  forwardInference: 96,
  backward: 128,
  backwardData: 160,
  backwardWeights: 192,
} as const;

/** `dnnl_alg_kind_t` values. */
export const ALG = {
  convolutionDirect: 1,
  convolutionAuto: 3,
  eltwiseRelu: 31,
  eltwiseReluUseDstForBwd: 256,
  poolingMax: 511,
  poolingAvgIncludePadding: 767,
  poolingAvgExcludePadding: 1023,
  binaryAdd: 0x1fff0,
  binaryMul: 0x1fff1,
  binarySub: 0x1fff5,
} as const;

/** `dnnl_normalization_flags_t` values. */
export const BN_FLAG = {
  useGlobalStats: 1,
  fuseNormRelu: 4,
  useScale: 8,
  useShift: 16,
} as const;

/** `DNNL_ARG_*` execution-argument ids. */
export const ARG = {
  src: 1,
  src1: 2,
  from: 1,
  dst: 17,
  to: 17,
  weights: 33,
  bias: 41,
  mean: 49,
  variance: 50,
  scale: 51,
  shift: 52,
  workspace: 64,
  diffSrc: 129,
  diffDst: 145,
  diffWeights: 161,
  diffBias: 169,
  diffScale: 255,
  diffShift: 256,
} as const;

/** `dnnl_query_t` values used here. */
export const QUERY = {
  srcMd: 129,
  diffSrcMd: 130,
  weightsMd: 131,
  diffWeightsMd: 132,
  dstMd: 133,
  diffDstMd: 134,
  workspaceMd: 135,
} as const;

/** `dnnl_cpu`. */
export const ENGINE_CPU = 1;
/** `dnnl_stream_default_flags`. */
export const STREAM_DEFAULT_FLAGS = 1;
/** `DNNL_MEMORY_ALLOCATE` ((void *)-1): the library allocates and owns the buffer. */
export const MEMORY_ALLOCATE = 0xffffffffffffffffn;
/** `DNNL_RUNTIME_OMP`, as `dnnl_version_t.cpu_runtime` reports it. */
export const RUNTIME_OMP = 2;
