/**
 * The parts of the Jupyter notebook format (nbformat 4) the report reads.
 *
 * @module
 */

/** One output of a code cell. */
export interface NotebookOutput {
  /** `"stream"`, `"display_data"`, `"execute_result"` or `"error"`. */
  output_type: string;
  /** MIME bundle of display_data / execute_result outputs. */
  data?: Record<string, unknown>;
  /** Stream name (`"stdout"`/`"stderr"`) of stream outputs. */
  name?: string;
  /** Text of stream outputs. */
  text?: string | string[];
  /** Exception name of error outputs. */
  ename?: string;
  /** Exception message of error outputs. */
  evalue?: string;
}

/** One notebook cell. */
export interface NotebookCell {
  /** `"code"`, `"markdown"` or `"raw"`. */
  cell_type: string;
  /** The cell's text, whole or as lines. */
  source: string | string[];
  /** Outputs of a code cell (empty in committed notebooks). */
  outputs?: NotebookOutput[];
}

/** A notebook file's JSON. */
export interface NotebookJson {
  /** The cells, in order. */
  cells: NotebookCell[];
  /** Notebook metadata (kernelspec etc.). */
  metadata?: Record<string, unknown>;
}

/** A cell's or output's text as one string. */
export function joinSource(source: string | string[] | undefined): string {
  return Array.isArray(source) ? source.join("") : source ?? "";
}

/** Checks that `value` looks like a notebook (has a `cells` array) and returns it typed. */
export function asNotebook(value: unknown, name: string): NotebookJson {
  if (!value || typeof value !== "object" || !Array.isArray((value as NotebookJson).cells)) {
    throw new TypeError(`Cannot read notebook "${name}": it has no "cells" array`);
  }
  return value as NotebookJson;
}
