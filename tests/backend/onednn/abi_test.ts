// The hand-written ABI constants against the installed oneDNN headers: a C
// probe is compiled and run where a C compiler and libdnnl-dev are present.
import { assertEquals } from "@std/assert";
import {
  ALG,
  ARG,
  BN_FLAG,
  ENGINE_CPU,
  F32,
  MAX_NDIMS,
  PROP,
  QUERY,
  SIZEOF,
  STREAM_DEFAULT_FLAGS,
  TAG,
} from "../../../lib/backend/onednn/_abi.ts";

const HEADER = "/usr/include/oneapi/dnnl/dnnl.h";

/** C expression → the constant it must equal. */
const EXPECTED: Record<string, number> = {
  "sizeof(dnnl_memory_desc_t)": SIZEOF.memoryDesc,
  "sizeof(dnnl_convolution_desc_t)": SIZEOF.convolutionDesc,
  "sizeof(dnnl_batch_normalization_desc_t)": SIZEOF.batchNormDesc,
  "sizeof(dnnl_eltwise_desc_t)": SIZEOF.eltwiseDesc,
  "sizeof(dnnl_pooling_v2_desc_t)": SIZEOF.poolingV2Desc,
  "sizeof(dnnl_binary_desc_t)": SIZEOF.binaryDesc,
  "sizeof(dnnl_exec_arg_t)": SIZEOF.execArg,
  "sizeof(dnnl_dims_t)": SIZEOF.dims,
  "offsetof(dnnl_exec_arg_t, memory)": 8,
  "DNNL_MAX_NDIMS": MAX_NDIMS,
  "dnnl_f32": F32,
  "dnnl_format_tag_any": TAG.any,
  "dnnl_a": TAG.a,
  "dnnl_ab": TAG.ab,
  "dnnl_nhwc": TAG.nhwc,
  "dnnl_hwio": TAG.hwio,
  "dnnl_hwigo": TAG.hwigo,
  "dnnl_forward_training": PROP.forwardTraining,
  "dnnl_forward_inference": PROP.forwardInference,
  "dnnl_backward": PROP.backward,
  "dnnl_backward_data": PROP.backwardData,
  "dnnl_backward_weights": PROP.backwardWeights,
  "dnnl_convolution_direct": ALG.convolutionDirect,
  "dnnl_convolution_auto": ALG.convolutionAuto,
  "dnnl_eltwise_relu": ALG.eltwiseRelu,
  "dnnl_eltwise_relu_use_dst_for_bwd": ALG.eltwiseReluUseDstForBwd,
  "dnnl_pooling_max": ALG.poolingMax,
  "dnnl_pooling_avg_include_padding": ALG.poolingAvgIncludePadding,
  "dnnl_pooling_avg_exclude_padding": ALG.poolingAvgExcludePadding,
  "dnnl_binary_add": ALG.binaryAdd,
  "dnnl_binary_mul": ALG.binaryMul,
  "dnnl_binary_sub": ALG.binarySub,
  "dnnl_use_global_stats": BN_FLAG.useGlobalStats,
  "dnnl_fuse_norm_relu": BN_FLAG.fuseNormRelu,
  "dnnl_use_scale": BN_FLAG.useScale,
  "dnnl_use_shift": BN_FLAG.useShift,
  "DNNL_ARG_SRC": ARG.src,
  "DNNL_ARG_SRC_1": ARG.src1,
  "DNNL_ARG_FROM": ARG.from,
  "DNNL_ARG_DST": ARG.dst,
  "DNNL_ARG_TO": ARG.to,
  "DNNL_ARG_WEIGHTS": ARG.weights,
  "DNNL_ARG_BIAS": ARG.bias,
  "DNNL_ARG_MEAN": ARG.mean,
  "DNNL_ARG_VARIANCE": ARG.variance,
  "DNNL_ARG_SCALE": ARG.scale,
  "DNNL_ARG_SHIFT": ARG.shift,
  "DNNL_ARG_WORKSPACE": ARG.workspace,
  "DNNL_ARG_DIFF_SRC": ARG.diffSrc,
  "DNNL_ARG_DIFF_DST": ARG.diffDst,
  "DNNL_ARG_DIFF_WEIGHTS": ARG.diffWeights,
  "DNNL_ARG_DIFF_BIAS": ARG.diffBias,
  "DNNL_ARG_DIFF_SCALE": ARG.diffScale,
  "DNNL_ARG_DIFF_SHIFT": ARG.diffShift,
  "dnnl_query_src_md": QUERY.srcMd,
  "dnnl_query_diff_src_md": QUERY.diffSrcMd,
  "dnnl_query_weights_md": QUERY.weightsMd,
  "dnnl_query_diff_weights_md": QUERY.diffWeightsMd,
  "dnnl_query_dst_md": QUERY.dstMd,
  "dnnl_query_diff_dst_md": QUERY.diffDstMd,
  "dnnl_query_workspace_md": QUERY.workspaceMd,
  "dnnl_cpu": ENGINE_CPU,
  "dnnl_stream_default_flags": STREAM_DEFAULT_FLAGS,
};

function compilerAndHeaders(): string | undefined {
  try {
    Deno.statSync(HEADER);
  } catch {
    return `${HEADER} is missing (install libdnnl-dev)`;
  }
  try {
    const out = new Deno.Command("cc", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync();
    return out.success ? undefined : "cc does not run";
  } catch {
    return "no C compiler (cc) on PATH";
  }
}

const problem = compilerAndHeaders();
if (problem) console.error(`oneDNN ABI probe ignored: ${problem}`);

Deno.test({
  name: "the oneDNN ABI constants equal the installed headers' values",
  ignore: problem !== undefined,
  fn: () => {
    const dir = Deno.makeTempDirSync();
    try {
      const lines = Object.keys(EXPECTED).map((e) =>
        `  printf("%s=%lld\\n", ${JSON.stringify(e)}, (long long)(${e}));`
      );
      const source = `#include <stdio.h>\n#include <stddef.h>\n#include <oneapi/dnnl/dnnl.h>\n` +
        `int main(void) {\n${lines.join("\n")}\n  return 0;\n}\n`;
      Deno.writeTextFileSync(`${dir}/probe.c`, source);
      const cc = new Deno.Command("cc", {
        args: [`${dir}/probe.c`, "-o", `${dir}/probe`],
        stderr: "piped",
      }).outputSync();
      assertEquals(cc.success, true, new TextDecoder().decode(cc.stderr));
      const out = new TextDecoder().decode(new Deno.Command(`${dir}/probe`).outputSync().stdout);
      const actual = Object.fromEntries(
        out.trim().split("\n").map((l) => {
          const i = l.lastIndexOf("=");
          return [l.slice(0, i), Number(l.slice(i + 1))];
        }),
      );
      assertEquals(actual, EXPECTED);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
