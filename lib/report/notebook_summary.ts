/**
 * What the report index lists about an executed notebook, read back from its
 * outputs: title, verdicts, regime checks, run information and errors.
 *
 * @module
 */

import { RUN_INFO_MIME, VERDICT_MIME } from "./display_bundle.ts";
import { REGIME_MIME, type RegimeRecord } from "./regime_check.ts";
import { asNotebook, joinSource } from "./notebook_json.ts";
import type { RunInfo } from "./run_info.ts";
import type { VerdictRecord } from "./verdict.ts";

/** An error raised by a cell. */
export interface CellError {
  /** 1-based position of the cell in the notebook. */
  cell: number;
  /** Exception name. */
  ename: string;
  /** Exception message. */
  evalue: string;
}

/** The summary of one executed notebook. */
export interface NotebookSummary {
  /** The first markdown heading, or the notebook's name when it has none. */
  title: string;
  /** Verdicts displayed by the notebook, in order. */
  verdicts: VerdictRecord[];
  /** Regime checks displayed by the notebook, in order (see `regime_check.ts`). */
  regime: RegimeRecord[];
  /** The last run information displayed, or null when none was. */
  runInfo: RunInfo | null;
  /** Errors raised by cells. */
  errors: CellError[];
  /** Number of code cells, and of those that have been executed. */
  codeCells: { total: number; executed: number };
}

/**
 * Reads an executed notebook's summary. `name` (e.g. the file name) is the
 * title fallback and names the notebook in errors.
 */
export function summarizeNotebook(notebook: unknown, name: string): NotebookSummary {
  const nb = asNotebook(notebook, name);
  let title: string | null = null;
  const verdicts: VerdictRecord[] = [];
  const regime: RegimeRecord[] = [];
  const errors: CellError[] = [];
  let runInfo: RunInfo | null = null;
  let total = 0;
  let executed = 0;
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type === "markdown" && title === null) {
      const m = joinSource(cell.source).match(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m);
      if (m) title = m[1];
    }
    if (cell.cell_type !== "code") return;
    total++;
    if ((cell as { execution_count?: number | null }).execution_count != null) executed++;
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") {
        errors.push({ cell: i + 1, ename: out.ename ?? "Error", evalue: out.evalue ?? "" });
      }
      const data = out.data ?? {};
      if (data[VERDICT_MIME]) verdicts.push(data[VERDICT_MIME] as VerdictRecord);
      if (Array.isArray(data[REGIME_MIME])) regime.push(...(data[REGIME_MIME] as RegimeRecord[]));
      if (data[RUN_INFO_MIME]) runInfo = data[RUN_INFO_MIME] as RunInfo;
    }
  });
  return {
    title: title ?? name,
    verdicts,
    regime,
    runInfo,
    errors,
    codeCells: { total, executed },
  };
}
