/**
 * The little of Deno's Jupyter kernel API that training uses (internal to
 * lib/train): whether code runs inside a kernel, and its display function.
 *
 * @module
 */

/** Options of the kernel's `Deno.jupyter.display` (Deno 2.9). */
export interface JupyterDisplayOptions {
  /** Treat the object as a MIME bundle as it is (no formatting). */
  raw?: boolean;
  /** Replace the output shown under `display_id` instead of adding one. */
  update?: boolean;
  /** Id of the output, so that later displays can update it in place. */
  display_id?: string;
}

/** Displays `bundle` (a MIME bundle) in the cell that runs, or updates an earlier display. */
export type JupyterDisplay = (
  bundle: Record<string, unknown>,
  options: JupyterDisplayOptions,
) => Promise<void>;

/**
 * The kernel's display function when this code runs inside Deno's Jupyter
 * kernel, else undefined. Typed here rather than through Deno's unstable
 * `Deno.jupyter` declarations, which plain `deno check` does not load.
 */
export function jupyterDisplay(): JupyterDisplay | undefined {
  try {
    const jupyter = (Deno as unknown as { jupyter?: { display?: unknown } }).jupyter;
    if (typeof jupyter?.display !== "function") return undefined;
    const display = jupyter.display as JupyterDisplay;
    return (bundle, options) => display.call(jupyter, bundle, options);
  } catch {
    // Outside a kernel the getter itself may throw (unstable API): not in a kernel.
    return undefined;
  }
}
