/**
 * The display protocol of Deno's Jupyter kernel, and the MIME types the
 * report machinery reads back from executed notebooks.
 *
 * An object with a `[Symbol.for("Jupyter.display")]()` method is shown by the
 * kernel through the MIME bundle that method returns, whether it is a cell's
 * last expression or passed to `Deno.jupyter.display(...)`.
 *
 * @module
 */

/** The symbol under which Deno's kernel looks for a display method. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** A Jupyter MIME bundle: MIME type → data (a string, or JSON for `+json` types). */
export type MimeBundle = Record<string, unknown>;

/** Anything Deno's kernel displays through {@link JUPYTER_DISPLAY}. */
export interface Displayable {
  /** Returns the MIME bundle the kernel publishes. */
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** MIME type of plotly figures, rendered live by JupyterLab's plotly extension. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
/** MIME type of a paper-claim verdict (machine-readable, listed in the report index). */
export const VERDICT_MIME = "application/vnd.btm-lab.verdict+json";
/** MIME type of a notebook's run information (backend, seed, versions). */
export const RUN_INFO_MIME = "application/vnd.btm-lab.run-info+json";
/** MIME type of a table's data beside its HTML. */
export const TABLE_MIME = "application/vnd.btm-lab.table+json";

/** A {@link Displayable} whose bundle is fixed at construction. */
export function displayable(bundle: MimeBundle): Displayable {
  return { [JUPYTER_DISPLAY]: () => bundle };
}
