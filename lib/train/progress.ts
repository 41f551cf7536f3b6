/**
 * Progress reports of long training work, and the default printers: a line
 * per epoch in a terminal, one line updated in place in a notebook.
 *
 * @module
 */
import { type JupyterDisplay, jupyterDisplay } from "./_jupyter.ts";

/** One progress report of a training loop. */
export interface ProgressEvent {
  /** Label of the work, e.g. `pretrain` or `btm 3/10`. */
  label: string;
  /** Epochs completed so far (0 until the first epoch ends; counts resumed epochs). */
  epoch: number;
  /** Total epochs. */
  epochs: number;
  /** Steps done in the current epoch. */
  step: number;
  /** Steps per epoch. */
  stepsPerEpoch: number;
  /** Mean training loss over the steps read back so far in this epoch (NaN before the first read). */
  loss: number;
  /** Learning rate of the last step (NaN before the first step). */
  lr: number;
  /** Training images per second since the run (or resume) started. */
  imagesPerSecond: number;
  /** Seconds since the run (or resume) started. */
  elapsedSeconds: number;
  /** Estimated seconds left (NaN before the first step). */
  etaSeconds: number;
  /** True on the report that ends an epoch. */
  epochEnd: boolean;
  /** True on the last report of a run that finished. */
  done: boolean;
  /**
   * Epochs the run resumed from: read from its epoch checkpoint at the start
   * (0 when it started afresh). Optional for callers that build events.
   */
  startEpoch?: number;
  /**
   * True on the last report of a run that was interrupted (Jupyter's
   * interrupt; see `TrainingInterrupted`). Optional, default false.
   */
  interrupted?: boolean;
}

/**
 * A receiver of progress reports. When it returns a promise the training
 * loop awaits it: a receiver that displays something in a notebook returns
 * the display's promise, so the output reaches the frontend while training
 * goes on (typed `void` so that any function fits, as before).
 */
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

/**
 * One human-readable line describing a progress report: the epoch (and the
 * step within it before the epoch ends), loss, learning rate, throughput,
 * elapsed time and ETA; a finished run says how long it took, an interrupted
 * one says so, and a resumed one says after which epoch it picked up.
 */
export function formatProgress(e: ProgressEvent): string {
  const loss = Number.isFinite(e.loss) ? e.loss.toFixed(4) : "-";
  const lr = Number.isFinite(e.lr) ? e.lr.toPrecision(3) : "-";
  const where = e.epochEnd
    ? `epoch ${e.epoch}/${e.epochs}`
    : `epoch ${Math.min(e.epoch + 1, e.epochs)}/${e.epochs} step ${e.step}/${e.stepsPerEpoch}`;
  const time = e.done
    ? `done in ${formatDuration(e.elapsedSeconds)}`
    : e.interrupted
    ? `interrupted after ${formatDuration(e.elapsedSeconds)}`
    : `elapsed ${formatDuration(e.elapsedSeconds)} ETA ${formatDuration(e.etaSeconds)}`;
  const resumed = (e.startEpoch ?? 0) > 0 ? ` (resumed after epoch ${e.startEpoch})` : "";
  return `[${e.label}] ${where} loss ${loss} lr ${lr} ${Math.round(e.imagesPerSecond)} img/s ` +
    `${time}${resumed}`;
}

/** Options of {@linkcode notebookProgress}. */
export interface NotebookProgressOptions {
  /**
   * Shows or updates a MIME bundle. Default: the Deno kernel's
   * `Deno.jupyter.display`; tests pass their own.
   */
  display?: JupyterDisplay;
  /**
   * Least seconds between two updates of a line. Default 0.5: often enough
   * to watch, rare enough that fast epochs do not flood the frontend.
   * Reports inside the interval are skipped, except the first and the last
   * of a run, which always show.
   */
  minInterval?: number;
  /** Clock in seconds; default `performance.now() / 1000`. For tests. */
  now?: () => number;
}

// Display ids must be unique within a kernel session; a session-start stamp
// keeps them apart from the ids of a restarted kernel's outputs still shown.
const SESSION = Date.now().toString(36);
let displayCounter = 0;

/**
 * Progress as one line per training run, updated in place (a Jupyter
 * display with a `display_id`, then `update_display_data`): epoch, step,
 * loss, images/s and ETA while it trains, how long it took when done. A
 * new label, or a report after a finished run, starts a new line. Executed
 * headless (the report), the saved notebook keeps each run's last line.
 * Throws outside Deno's Jupyter kernel unless `display` is given.
 */
export function notebookProgress(options: NotebookProgressOptions = {}): ProgressCallback {
  const display = options.display ?? jupyterDisplay();
  if (!display) {
    throw new Error(
      "Cannot show progress in a notebook: this code is not running in Deno's Jupyter kernel " +
        "(terminalProgress() picks the printer that fits where it runs)",
    );
  }
  const minInterval = options.minInterval ?? 0.5;
  if (!(minInterval >= 0)) {
    throw new RangeError(`Cannot update progress every ${minInterval} s: it must be >= 0`);
  }
  const now = options.now ?? (() => performance.now() / 1000);
  let id: string | undefined;
  let label: string | undefined;
  let open = false; // the current line belongs to a run that has not ended
  let shownAt = -Infinity;
  return async (e) => {
    const last = e.done || e.interrupted === true;
    const fresh = !open || e.label !== label;
    const t = now();
    if (!fresh && !last && t - shownAt < minInterval) return;
    const bundle = { "text/plain": formatProgress(e) };
    if (fresh) {
      id = `btm-progress-${SESSION}-${++displayCounter}`;
      label = e.label;
      await display(bundle, { raw: true, display_id: id });
    } else {
      await display(bundle, { raw: true, display_id: id, update: true });
    }
    shownAt = t;
    open = !last;
  };
}

/**
 * The default progress printer: inside Deno's Jupyter kernel,
 * {@linkcode notebookProgress} (one line per run, updated in place);
 * elsewhere (a terminal, a log), one line per completed epoch on stdout.
 */
export function terminalProgress(): ProgressCallback {
  if (jupyterDisplay()) return notebookProgress();
  return (e) => {
    if (e.epochEnd || e.interrupted) console.log(formatProgress(e));
  };
}
