/**
 * Evaluation-mode convolution + batch norm (+ a residual) (+ ReLU) on oneDNN
 * with the batch norm folded into the filter, and the folded filter kept,
 * already in the layout oneDNN's convolution chose, for as long as the
 * weights it was made from live.
 *
 * The residual (a ResNet block's shortcut) is oneDNN's `sum` post-op: the
 * output starts as a copy of the residual and the convolution accumulates
 * into it, then ReLU — one pass instead of a convolution and a separate
 * add-and-ReLU, and the same bits (the `binary` add post-op would move the
 * convolution off `brgconv` onto an older kernel that sums in another order).
 *
 * The fold is rounded as the tfjs ops that computed it before round it, so
 * the result equals the unfolded `fused.conv2d` on the tfjs-folded filter bit
 * for bit (tested), and it is cached while the weights live (fold_cache.ts):
 * evaluation of a trained model folds and reorders each filter once, where
 * the unfolded path ran six element-wise ops and a reorder per convolution
 * per batch.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { ALG, ARG, QUERY, TAG } from "./_abi.ts";
import { buildPlan, type PlanBuilder, type PostOp } from "./_dnnl.ts";
import { type ConvGeometry, convGeometry, convGeometryKey, forwardPd } from "./conv2d.ts";
import { addressOfTensor, onednnState, plan, runOn } from "./_state.ts";
import { type FoldCache, type FoldedConvInputs, foldFilter } from "./fold_cache.ts";

/** What follows the convolution and its bias. */
interface Epilogue {
  /** Add a residual of the output's shape. */
  residual: boolean;
  /** Then ReLU. */
  relu: boolean;
}

function epilogueKey(e: Epilogue): string {
  return `s${e.residual ? 1 : 0} r${e.relu ? 1 : 0}`;
}

/** The forward convolution's descriptor with bias and the epilogue's post-ops. */
function foldedPd(b: PlanBuilder, g: ConvGeometry, e: Epilogue): bigint {
  const ops: PostOp[] = [];
  if (e.residual) ops.push({ sum: 1 });
  if (e.relu) ops.push({ eltwise: ALG.eltwiseRelu });
  return forwardPd(b, g, true, b.postOpsAttr(ops));
}

/** The forward convolution with bias and epilogue, its filter a user buffer in the chosen layout. */
function buildPacked(b: PlanBuilder, g: ConvGeometry, e: Epilogue) {
  const d = b.dnnl;
  const pd = foldedPd(b, g, e);
  const chosen = d.queryMd(pd, QUERY.weightsMd);
  const x = b.user(d.md(g.src, TAG.nhwc));
  const w = b.user(chosen);
  const bias = b.user(d.md([g.weights[0]], TAG.a));
  const y = b.user(d.md(g.dst, TAG.nhwc));
  const args: [number, number][] = [[ARG.src, x], [ARG.weights, w], [ARG.bias, bias], [ARG.dst, y]];
  b.step(pd, args);
  const hwio = d.md(g.weights, TAG.hwio);
  return {
    name: `folded conv forward ${convGeometryKey(g)} ${epilogueKey(e)}`,
    meta: { packedBytes: d.mdBytes(chosen), sameAsHwio: d.sameMd(chosen, hwio) ? 1 : 0 },
  };
}

/** The reorder from HWIO into the layout {@linkcode buildPacked} chose. */
function buildPack(b: PlanBuilder, g: ConvGeometry, e: Epilogue) {
  const d = b.dnnl;
  const chosen = d.queryMd(foldedPd(b, g, e), QUERY.weightsMd);
  const hwio = d.md(g.weights, TAG.hwio);
  const from = b.user(hwio);
  const to = b.user(chosen);
  b.step(b.reorder(hwio, chosen), [[ARG.from, from], [ARG.to, to]]);
  return { name: `pack folded filter ${convGeometryKey(g)} ${epilogueKey(e)}` };
}

/**
 * y = conv(x, filter′) + bias′ (+ residual) (then ReLU), NHWC:
 * evaluation-mode `batchNorm(conv(x))` with the fold cached in `cache`.
 */
export function foldedConvForward(
  backend: BackendWasm,
  cache: FoldCache,
  inputs: FoldedConvInputs,
  info: tf.backend_util.Conv2DInfo,
  epsilon: number,
  relu: boolean,
): tf.TensorInfo {
  const g = convGeometry(info);
  const { residual } = inputs;
  if (residual !== undefined && residual.shape.join() !== info.outShape.join()) {
    throw new Error(
      `Cannot add a residual of shape [${residual.shape}] to a convolution output of shape [${info.outShape}].`,
    );
  }
  const e: Epilogue = { residual: residual !== undefined, relu };
  const key = `conv_folded ${convGeometryKey(g)} ${epilogueKey(e)}`;
  const conv = plan(key, (s) => buildPlan(s.dnnl, (b) => buildPacked(b, g, e)));
  const entry = cache.entry(backend, inputs, epsilon);
  // The layout oneDNN picks may depend on the thread count the primitive is made for.
  const packKey = `${key} t${onednnState().dnnl.threads}`;
  let packed = entry.packed.get(packKey);
  if (packed === undefined) {
    const hwio = foldFilter(backend, inputs.filter, entry);
    if (conv.meta.sameAsHwio === 1) {
      packed = hwio;
    } else {
      packed = backend.makeOutput([Math.ceil(conv.meta.packedBytes / 4)], "float32");
      const pack = plan(
        `conv_pack ${convGeometryKey(g)} ${epilogueKey(e)}`,
        (s) => buildPlan(s.dnnl, (b) => buildPack(b, g, e)),
      );
      runOn(backend, pack, [hwio, packed]);
      backend.disposeData(hwio.dataId, true);
    }
    cache.packs++;
    entry.packed.set(packKey, packed);
  }
  const out = backend.makeOutput(info.outShape, "float32");
  if (residual !== undefined) {
    // The sum post-op accumulates into the output: start it as a copy of the residual.
    const heap = (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
    const from = backend.dataIdMap.get(residual.dataId)!.memoryOffset;
    const to = backend.dataIdMap.get(out.dataId)!.memoryOffset;
    heap.copyWithin(to, from, from + 4 * tf.util.sizeFromShape(info.outShape));
  }
  conv.run([inputs.x, packed, entry.bias, out].map((t) => addressOfTensor(backend, t)));
  return out;
}
