import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import type { JupyterDisplayOptions } from "../../lib/train/_jupyter.ts";
import {
  formatDuration,
  formatProgress,
  notebookProgress,
  type ProgressEvent,
  terminalProgress,
} from "../../lib/train/progress.ts";

const event = (over: Partial<ProgressEvent> = {}): ProgressEvent => ({
  label: "pretrain",
  epoch: 3,
  epochs: 20,
  step: 10,
  stepsPerEpoch: 10,
  loss: 1.23456,
  lr: 0.05,
  imagesPerSecond: 1500.4,
  elapsedSeconds: 30,
  etaSeconds: 170,
  epochEnd: true,
  done: false,
  ...over,
});

Deno.test("progress lines show epoch, loss, throughput and ETA", () => {
  assertEquals(formatDuration(5), "5s");
  assertEquals(formatDuration(125), "2m05s");
  assertEquals(formatDuration(3720), "1h02m");
  const line = formatProgress(event());
  assertStringIncludes(line, "[pretrain] epoch 3/20 loss 1.2346");
  assertStringIncludes(line, "1500 img/s");
  assertStringIncludes(line, "ETA 2m50s");
});

Deno.test("progress lines: within an epoch, at the start, done, interrupted, resumed", () => {
  // Mid-epoch: the epoch running (3 finished → the 4th) and the step in it.
  assertStringIncludes(
    formatProgress(event({ epochEnd: false, step: 4 })),
    "[pretrain] epoch 4/20 step 4/10 loss 1.2346",
  );
  // The report sent before the first step: nothing measured yet.
  const start = formatProgress(
    event({ epoch: 0, step: 0, epochEnd: false, loss: NaN, lr: NaN, etaSeconds: NaN }),
  );
  assertStringIncludes(start, "epoch 1/20 step 0/10 loss - lr - ");
  assertStringIncludes(start, "ETA ?");
  const done = formatProgress(event({ epoch: 20, done: true, elapsedSeconds: 65 }));
  assertStringIncludes(done, "epoch 20/20");
  assertStringIncludes(done, "done in 1m05s");
  assertEquals(done.includes("ETA"), false);
  assertStringIncludes(
    formatProgress(event({ epochEnd: false, step: 2, interrupted: true })),
    "epoch 4/20 step 2/10 loss 1.2346 lr 0.0500 1500 img/s interrupted after 30s",
  );
  assertStringIncludes(formatProgress(event({ startEpoch: 2 })), "(resumed after epoch 2)");
  assertEquals(formatProgress(event({ startEpoch: 0 })).includes("resumed"), false);
});

/** A fake kernel display: records every call. */
function recorder() {
  const calls: { text: string; options: JupyterDisplayOptions }[] = [];
  const display = (bundle: Record<string, unknown>, options: JupyterDisplayOptions) => {
    calls.push({ text: String(bundle["text/plain"]), options });
    return Promise.resolve();
  };
  return { calls, display };
}

Deno.test("notebookProgress: one line per run, updated in place, throttled, last always shown", async () => {
  const { calls, display } = recorder();
  let clock = 0;
  const progress = notebookProgress({ display, minInterval: 1, now: () => clock });
  await progress(event({ epoch: 0, step: 0, epochEnd: false }));
  clock = 0.5;
  await progress(event({ epoch: 1 })); // within the interval: skipped
  clock = 1.2;
  await progress(event({ epoch: 2 }));
  clock = 1.3;
  await progress(event({ epoch: 20, done: true })); // the last report: always shown
  assertEquals(calls.length, 3);
  const id = calls[0].options.display_id!;
  assertEquals(calls[0].options, { raw: true, display_id: id });
  assertEquals(calls.slice(1).map((c) => c.options), [
    { raw: true, display_id: id, update: true },
    { raw: true, display_id: id, update: true },
  ]);
  assertStringIncludes(calls[2].text, "done in");

  // A new run (after a finished one, or under another label) gets a new line.
  clock = 1.35;
  await progress(event({ label: "btm 1/2", epoch: 0, epochEnd: false }));
  clock = 1.4;
  await progress(event({ label: "btm 2/2", epoch: 0, epochEnd: false }));
  assertEquals(calls.length, 5);
  const ids = calls.slice(3).map((c) => c.options.display_id);
  assertEquals(new Set([id, ...ids]).size, 3);
  assertEquals(calls.slice(3).map((c) => c.options.update), [undefined, undefined]);
  // An interrupted run's last report is shown at once, as an update of its line.
  clock = 1.45;
  await progress(event({ label: "btm 2/2", epochEnd: false, interrupted: true }));
  assertEquals(calls[5].options, { raw: true, display_id: ids[1], update: true });
  assertStringIncludes(calls[5].text, "interrupted");
});

Deno.test("notebookProgress: refuses to run outside a kernel and a bad interval", () => {
  assertThrows(() => notebookProgress(), Error, "not running in Deno's Jupyter kernel");
  assertThrows(
    () => notebookProgress({ display: recorder().display, minInterval: -1 }),
    RangeError,
    "-1 s",
  );
});

Deno.test("terminalProgress outside a kernel: one console line per finished epoch", async () => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    const progress = terminalProgress();
    await progress(event({ epochEnd: false, step: 4 }));
    await progress(event({ epoch: 3 }));
    await progress(event({ epochEnd: false, step: 2, interrupted: true }));
  } finally {
    console.log = log;
  }
  assertEquals(lines.length, 2);
  assertStringIncludes(lines[0], "[pretrain] epoch 3/20 loss");
  assertStringIncludes(lines[1], "interrupted after");
});
