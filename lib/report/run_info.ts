/**
 * What a notebook ran on: backend, seed, preset and versions, shown in the
 * notebook and listed by the report index.
 *
 * @module
 */

import {
  type Displayable,
  JUPYTER_DISPLAY,
  type MimeBundle,
  RUN_INFO_MIME,
} from "./display_bundle.ts";
import { escapeHtml } from "./escape_html.ts";

/** The run information (the `application/vnd.btm-lab.run-info+json` data). */
export interface RunInfo {
  /** tfjs backend name, e.g. `"wasm"` (from `tf.getBackend()`). */
  backend: string;
  /** The run seed every random stream derives from (the first, when several seeds run). */
  seed: number;
  /** Every run seed of the notebook's multi-seed sections, in order; absent or one long when one seed runs. */
  seeds?: number[];
  /** Config preset, e.g. `"default"` or `"smoke"`. */
  preset: string;
  /** Versions of what produced the numbers, e.g. `{ deno: Deno.version.deno, tfjs: tf.version.tfjs }`. */
  versions: Record<string, string>;
}

/** Run information, displayable by Deno's Jupyter kernel. */
export interface RunInfoDisplay extends Displayable {
  /** The information as data. */
  readonly info: RunInfo;
}

/**
 * A one-line display of what a notebook ran on, carrying the data for the
 * report index.
 *
 * @example
 * ```ts
 * import { JUPYTER_DISPLAY } from "./display_bundle.ts";
 * import { runInfo } from "./run_info.ts";
 * const r = runInfo({ backend: "wasm", seed: 1, preset: "smoke", versions: { deno: "2.9.6" } });
 * if (!String(r[JUPYTER_DISPLAY]()["text/plain"]).includes("wasm")) throw new Error();
 * ```
 */
export function runInfo(info: RunInfo): RunInfoDisplay {
  if (!info || typeof info.backend !== "string" || !Number.isFinite(info.seed)) {
    throw new TypeError(
      `Cannot display run info ${JSON.stringify(info)}: backend and seed are required`,
    );
  }
  const copy: RunInfo = {
    ...info,
    ...(info.seeds ? { seeds: [...info.seeds] } : {}),
    versions: { ...(info.versions ?? {}) },
  };
  const parts = [
    ["backend", copy.backend],
    copy.seeds && copy.seeds.length > 1
      ? ["seeds", copy.seeds.join(", ")]
      : ["seed", String(copy.seed)],
    ["preset", copy.preset],
    ...Object.entries(copy.versions),
  ];
  const text = parts.map(([k, v]) => `${k} ${v}`).join(" · ");
  const html = `<div class="btm-run-info" style="font-size:90%;color:#555">` +
    parts.map(([k, v]) => `<span><b>${escapeHtml(k)}</b> ${escapeHtml(v)}</span>`).join(" · ") +
    `</div>`;
  return {
    info: copy,
    [JUPYTER_DISPLAY]: (): MimeBundle => ({
      [RUN_INFO_MIME]: copy,
      "text/html": html,
      "text/plain": text,
    }),
  };
}
