/**
 * Interrupting a training loop from a notebook: Jupyter's interrupt (the ■
 * button, or `i i`) sends SIGINT to the kernel. Deno's kernel would end on
 * it, losing the session's variables; while a training loop runs inside a
 * kernel, the loop listens for SIGINT instead and stops at the end of its
 * current step with a {@linkcode TrainingInterrupted} error, after the last
 * finished epoch has been saved whole (checkpoints are written to a
 * temporary file and renamed). Running the cell again resumes from there.
 *
 * @module
 */

/** Facts of an interrupted training run, carried by {@linkcode TrainingInterrupted}. */
export interface TrainingInterruptedInfo {
  /** Label of the run, e.g. `pretrain`. */
  label: string;
  /** Epochs finished and saved (the run resumes after this many). */
  savedEpochs: number;
  /** Total epochs of the run. */
  epochs: number;
  /** Steps done in the unfinished epoch (its work is dropped). */
  step: number;
  /** Steps per epoch. */
  stepsPerEpoch: number;
  /** The epoch checkpoint that holds the saved epochs; undefined when the run keeps none. */
  resumePath?: string;
}

/**
 * Thrown by `trainLoop` when the user interrupts it. The message says how
 * many epochs are saved and that running the cell again resumes.
 */
export class TrainingInterrupted extends Error {
  /** What was interrupted and what is saved. */
  readonly info: TrainingInterruptedInfo;

  /** @param info what was interrupted and what is saved. */
  constructor(info: TrainingInterruptedInfo) {
    const { label, savedEpochs, epochs, step, stepsPerEpoch, resumePath } = info;
    const epochRange = savedEpochs === 1 ? "epoch 1 is" : `epochs 1–${savedEpochs} are`;
    const what = resumePath === undefined
      ? "this run keeps no epoch checkpoint (it has no run cache), so running it again starts over"
      : savedEpochs === 0
      ? "no epoch had finished, so running the cell again starts it over"
      : `${epochRange} saved in ${resumePath}; run the cell again to resume from epoch ${
        savedEpochs + 1
      }`;
    super(
      `Interrupted "${label}" in epoch ${savedEpochs + 1} of ${epochs} ` +
        `(step ${step} of ${stepsPerEpoch}): ${what}`,
    );
    this.name = "TrainingInterrupted";
    this.info = { ...info };
  }
}

/** Options of {@linkcode watchInterrupts}. */
export interface WatchInterruptsOptions {
  /**
   * Listen at all. Default: only inside Deno's Jupyter kernel. Elsewhere
   * Ctrl-C keeps its usual meaning (the process ends at once), which is
   * what a terminal user expects.
   */
  enabled?: boolean;
  /** Signal that asks to stop. Default `SIGINT` (what Jupyter's interrupt sends). */
  signal?: Deno.Signal;
}

/** A SIGINT listener for the length of one training loop. */
export interface InterruptWatch {
  /** Whether the watch listens (see {@linkcode WatchInterruptsOptions.enabled}). */
  readonly enabled: boolean;
  /** Whether the signal has come. */
  readonly requested: boolean;
  /**
   * Lets the event loop run once, so that a signal that arrived during
   * synchronous work reaches the listener, then says whether it came.
   * Resolves false at once when the watch is not enabled.
   */
  poll(): Promise<boolean>;
  /** Stops listening; the signal's default action applies again. */
  close(): void;
}

function inJupyterKernel(): boolean {
  try {
    return typeof (Deno as unknown as { jupyter?: unknown }).jupyter !== "undefined";
  } catch {
    return false;
  }
}

/**
 * Starts listening for the interrupt signal (while enabled). Call `close()`
 * when the loop ends, however it ends.
 */
export function watchInterrupts(options: WatchInterruptsOptions = {}): InterruptWatch {
  const enabled = options.enabled ?? inJupyterKernel();
  const signal = options.signal ?? "SIGINT";
  let requested = false;
  const listener = () => {
    requested = true;
  };
  let listening = false;
  if (enabled) {
    Deno.addSignalListener(signal, listener);
    listening = true;
  }
  return {
    enabled,
    get requested() {
      return requested;
    },
    async poll() {
      if (!listening) return requested;
      await new Promise((resolve) => setTimeout(resolve, 0));
      return requested;
    },
    close() {
      if (!listening) return;
      listening = false;
      Deno.removeSignalListener(signal, listener);
    },
  };
}
