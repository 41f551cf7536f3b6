/**
 * Progress reports of long training work, and the default printer: a line
 * per epoch in a terminal, one updating line in a notebook.
 *
 * @module
 */

/** One progress report of a training loop. */
export interface ProgressEvent {
  /** Label of the work, e.g. `pretrain` or `btm 3/10`. */
  label: string;
  /** Epochs completed so far (1-based once the first epoch ends). */
  epoch: number;
  /** Total epochs. */
  epochs: number;
  /** Steps done in the current epoch. */
  step: number;
  /** Steps per epoch. */
  stepsPerEpoch: number;
  /** Mean training loss over the steps read back so far in this epoch (NaN before the first read). */
  loss: number;
  /** Learning rate of the last step. */
  lr: number;
  /** Training images per second since the run (or resume) started. */
  imagesPerSecond: number;
  /** Seconds since the run (or resume) started. */
  elapsedSeconds: number;
  /** Estimated seconds left. */
  etaSeconds: number;
  /** True on the report that ends an epoch. */
  epochEnd: boolean;
  /** True on the last report of the run. */
  done: boolean;
}

/** A receiver of progress reports. */
export type ProgressCallback = (event: ProgressEvent) => void;

/** Formats seconds as `1h02m`, `3m05s` or `12s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) {
    return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  }
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

/** One human-readable line describing a progress report. */
export function formatProgress(e: ProgressEvent): string {
  const loss = Number.isFinite(e.loss) ? e.loss.toFixed(4) : "-";
  return `[${e.label}] epoch ${e.epoch}/${e.epochs} loss ${loss} lr ${e.lr.toPrecision(3)} ` +
    `${Math.round(e.imagesPerSecond)} img/s elapsed ${formatDuration(e.elapsedSeconds)} ` +
    `ETA ${formatDuration(e.etaSeconds)}`;
}

/** True when running inside a Deno Jupyter kernel. */
function inNotebook(): boolean {
  try {
    // Outside a kernel the getter itself may throw (unstable API), which also means "no".
    return typeof (Deno as unknown as { jupyter?: unknown }).jupyter !== "undefined";
  } catch {
    return false;
  }
}

/**
 * The default progress printer: in a terminal, one line per completed epoch;
 * in a notebook, a single line rewritten in place, ended when the run is done.
 */
export function terminalProgress(): ProgressCallback {
  const notebook = inNotebook();
  const encoder = new TextEncoder();
  return (e) => {
    if (!e.epochEnd) return;
    if (notebook) {
      Deno.stdout.writeSync(encoder.encode(`\r${formatProgress(e)}${e.done ? "\n" : ""}`));
    } else {
      console.log(formatProgress(e));
    }
  };
}
