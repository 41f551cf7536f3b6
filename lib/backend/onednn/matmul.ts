/**
 * Batched matrix products on oneDNN's `dnnl_sgemm` (row-major), on the wasm
 * heap: one call per batch entry, with either operand's batch broadcast.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { check } from "./_ffi.ts";
import { addressOfTensor, onednnState } from "./_state.ts";

const N = "N".charCodeAt(0);
const T = "T".charCodeAt(0);

/**
 * a·b with optional transposes over the last two axes; the leading axes are
 * batch (the same, or one operand's product of them 1). Returns undefined
 * for other broadcasts (the caller falls back).
 */
export function batchMatMul(
  backend: BackendWasm,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): tf.TensorInfo | undefined {
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2) return undefined;
  const [aRows, aCols] = a.shape.slice(ra - 2);
  const [bRows, bCols] = b.shape.slice(rb - 2);
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  if ((transposeB ? bCols : bRows) !== k) return undefined;
  const batchA = a.shape.slice(0, ra - 2);
  const batchB = b.shape.slice(0, rb - 2);
  const sizeA = batchA.reduce((x, y) => x * y, 1);
  const sizeB = batchB.reduce((x, y) => x * y, 1);
  let batchShape: number[];
  if (sizeA === sizeB && batchA.join() === batchB.join()) batchShape = batchA;
  else if (sizeA === 1) batchShape = batchB;
  else if (sizeB === 1) batchShape = batchA;
  else return undefined;
  const batch = Math.max(sizeA, sizeB);
  const out = backend.makeOutput([...batchShape, m, n], "float32");
  if (m === 0 || n === 0) return out;
  const d = onednnState().dnnl.lib.dnnl;
  const pa = addressOfTensor(backend, a);
  const pb = addressOfTensor(backend, b);
  const pc = addressOfTensor(backend, out);
  const [bm, bn, bk] = [BigInt(m), BigInt(n), BigInt(k)];
  const [lda, ldb] = [BigInt(aCols), BigInt(bCols)];
  for (let i = 0; i < batch; i++) {
    const offA = sizeA === 1 ? 0n : BigInt(i * m * k * 4);
    const offB = sizeB === 1 ? 0n : BigInt(i * k * n * 4);
    check(
      d.dnnl_sgemm(
        transposeA ? T : N,
        transposeB ? T : N,
        bm,
        bn,
        bk,
        1,
        pa + offA,
        lda,
        pb + offB,
        ldb,
        0,
        pc + BigInt(i * m * n * 4),
        bn,
      ),
      "sgemm",
    );
  }
  return out;
}
