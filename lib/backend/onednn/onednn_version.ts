/**
 * The version of the oneDNN library this process runs, if it does.
 *
 * @module
 */
import { currentOnednnState } from "./_state.ts";

/**
 * oneDNN's version (`major.minor.patch`) once the onednn backend has started
 * in this process; undefined before (it never opens the library itself).
 *
 * @example
 * ```ts
 * import { onednnVersion } from "./onednn_version.ts";
 * const v = onednnVersion(); // undefined until initBackend started onednn
 * console.assert(v === undefined || /^\d+\.\d+\.\d+$/.test(v));
 * ```
 */
export function onednnVersion(): string | undefined {
  return currentOnednnState()?.dnnl.lib.version;
}

/**
 * The OpenMP threads oneDNN computes with, once the onednn backend has
 * started in this process; undefined before. oneDNN splits its reductions by
 * thread, so results are bit-identical for a given thread count only.
 *
 * @example
 * ```ts
 * import { onednnThreads } from "./onednn_version.ts";
 * const t = onednnThreads(); // undefined until initBackend started onednn
 * console.assert(t === undefined || t >= 1);
 * ```
 */
export function onednnThreads(): number | undefined {
  return currentOnednnState()?.dnnl.threads;
}
