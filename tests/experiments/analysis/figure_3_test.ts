import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  figure3,
  FIGURE_3_MODELS,
  TAIL_FRACTION,
} from "../../../lib/experiments/analysis/figure_3.ts";

const model = (name: string, recalls: number[]) => ({ name, recalls, summary: {} });

Deno.test("Figure 3 sorts classes by training count and judges the tail", () => {
  const counts = [50, 40, 30, 20, 10, 9, 8, 7, 6, 5];
  const result = {
    data: { trainCounts: counts },
    models: [
      model("pretrain", [0.9, 0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1, 0]),
      model("btm", Array(10).fill(0.5)),
      model("btm+post-train", [0.8, 0.8, 0.7, 0.7, 0.6, 0.5, 0.5, 0.4, 0.4, 0.3]),
    ],
  };
  const f = figure3(result as never);
  assertEquals(TAIL_FRACTION, 0.2);
  assertEquals(f.sorted.tail.size, 2);
  assertEquals(f.sorted.tail.classes, [8, 9]);
  assertEquals(f.tailGains.record.holds, true);
  assertEquals(
    f.tailGains.record.claim,
    "After BTM the tail classes (the 2 with the fewest training images) gain recall on average",
  );
  assertEquals(Object.keys(f.sorted.recalls), [FIGURE_3_MODELS.before, FIGURE_3_MODELS.after]);
  assertEquals(f.headTail.map((r) => r.method), [
    "head: 2 classes with the most images",
    "tail: 2 classes with the fewest images",
  ]);
  assertEquals(
    f.headTailCaption,
    "Mean test recall of the head and the tail (training images: head 50–40, tail 6–5)",
  );
  // The same recalls swapped: the tail loses, and the verdict says so.
  const worse = figure3({
    ...result,
    models: [result.models[2], result.models[1], { ...result.models[0], name: "btm+post-train" }]
      .map((m, i) => ({ ...m, name: ["pretrain", "btm", "btm+post-train"][i] })),
  } as never);
  assert(!worse.tailGains.record.holds);
  assertThrows(
    () => figure3({ ...result, models: result.models.slice(0, 2) } as never),
    Error,
    '"btm+post-train"',
  );
});
