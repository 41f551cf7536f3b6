import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { dirname, fromFileUrl, join } from "@std/path";
import { TrainingInterrupted } from "../../lib/train/training_interrupted.ts";

const HERE = dirname(fromFileUrl(import.meta.url));

Deno.test("TrainingInterrupted says what is saved and what running again does", () => {
  const info = { label: "pretrain", epochs: 12, step: 3, stepsPerEpoch: 85 };
  const saved = new TrainingInterrupted({ ...info, savedEpochs: 4, resumePath: "/c/p.epoch.ckpt" });
  assertEquals(saved.name, "TrainingInterrupted");
  assertEquals(
    saved.message,
    'Interrupted "pretrain" in epoch 5 of 12 (step 3 of 85): epochs 1–4 are saved in ' +
      "/c/p.epoch.ckpt; run the cell again to resume from epoch 5",
  );
  assertEquals(saved.info.savedEpochs, 4);
  assertStringIncludes(
    new TrainingInterrupted({ ...info, savedEpochs: 1, resumePath: "/c/p" }).message,
    "epoch 1 is saved in /c/p",
  );
  assertStringIncludes(
    new TrainingInterrupted({ ...info, savedEpochs: 0, resumePath: "/c/p" }).message,
    "no epoch had finished, so running the cell again starts it over",
  );
  assertStringIncludes(
    new TrainingInterrupted({ ...info, savedEpochs: 4 }).message,
    "keeps no epoch checkpoint (it has no run cache), so running it again starts over",
  );
});

Deno.test({
  name: "a real SIGINT stops an interruptible training loop after a whole saved epoch; it resumes",
  sanitizeResources: false,
  fn: async () => {
    // In a child process: a SIGINT that found no listener would end this test process.
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(HERE, "_sigint_child.ts")],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(child.stderr);
    assertEquals(child.code, 0, stderr);
    const out = JSON.parse(new TextDecoder().decode(child.stdout).trim().split("\n").at(-1)!);
    assertEquals(out.watchSaw, true, "the watch did not see its SIGINT");
    assertEquals(out.disabledSees, false);
    // The signal comes after epoch 1 is saved: the loop stops in epoch 2, or at
    // its end if the signal took that long; either way on a whole saved epoch.
    const saved = out.saved as number;
    assert(saved === 1 || saved === 2, `saved ${saved} epochs`);
    assertEquals(out.error.name, "TrainingInterrupted", JSON.stringify(out.error));
    assertEquals(out.error.info.savedEpochs, saved);
    assertStringIncludes(out.error.message, `run the cell again to resume from epoch ${saved + 1}`);
    assertEquals(out.lastEvent.interrupted, true);
    assertEquals(out.leaked, 0, "tensors left behind by the interrupted loop");
    assertEquals(out.leftovers, ["r.ckpt"], "only the whole epoch checkpoint is on disk");
    // Resumed after the saved epochs, it ends with the uninterrupted run's weights.
    assertEquals(out.startEpoch, saved);
    assertEquals(out.differ, []);
  },
});
