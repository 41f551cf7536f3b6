import { assertEquals, assertStringIncludes } from "@std/assert";
import { formatDuration, formatProgress } from "../../lib/train/progress.ts";

Deno.test("progress lines show epoch, loss, throughput and ETA", () => {
  assertEquals(formatDuration(5), "5s");
  assertEquals(formatDuration(125), "2m05s");
  assertEquals(formatDuration(3720), "1h02m");
  const line = formatProgress({
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
  });
  assertStringIncludes(line, "[pretrain] epoch 3/20 loss 1.2346");
  assertStringIncludes(line, "1500 img/s");
  assertStringIncludes(line, "ETA 2m50s");
});
