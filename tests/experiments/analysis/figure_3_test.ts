import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  figure3,
  FIGURE_3_MODELS,
  recallSpread,
} from "../../../lib/experiments/analysis/figure_3.ts";

const model = (name: string, recalls: number[], h: number) => ({
  name,
  recalls,
  summary: { harmonicMean: h, zeroClasses: 0 },
});
const counts = [50, 40, 30, 20, 10, 9, 8, 7, 6, 5];
const btm = {
  seed: 0,
  data: { trainCounts: counts },
  models: [
    model("pretrain", [0.9, 0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1, 0], 0.01),
    model("btm", Array(10).fill(0.5), 0.5),
    model("btm+post-train", [0.8, 0.8, 0.7, 0.7, 0.6, 0.5, 0.5, 0.4, 0.4, 0.3], 0.5),
  ],
};
const twoStage = {
  seed: 0,
  models: [
    model("pretrain", btm.models[0].recalls, 0.01),
    model("post-train", [0.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1], 0.3),
  ],
};

Deno.test("Figure 3 compares BTM's final model with the two-stage baseline, classes by count", () => {
  const f = figure3(btm as never, twoStage as never);
  assertEquals(f.sorted.tail.classes, [8, 9]);
  assertEquals(Object.keys(f.sorted.recalls), [FIGURE_3_MODELS.before, FIGURE_3_MODELS.after]);
  assertEquals(f.before.name, "post-train");
  assertEquals(f.uniform.record.id, "btm-figure3");
  assertEquals(f.uniform.record.status, "holds"); // BTM's recalls spread less, and H is higher
  assertEquals(f.uniform.record.cite, { file: "btm_paper_with_supplement.txt", line: 419 });
  assertEquals(
    f.headTailCaption,
    "Mean test recall of the head and the tail (training images: head 50–40, tail 6–5)",
  );
  // The baseline more uniform than BTM: the claim does not hold.
  const flat = {
    ...twoStage,
    models: [twoStage.models[0], model("post-train", Array(10).fill(0.55), 0.55)],
  };
  assertEquals(figure3(btm as never, flat as never).uniform.record.status, "does not hold");
  assertThrows(
    () => figure3({ ...btm, models: btm.models.slice(0, 2) } as never, twoStage as never),
    Error,
    '"btm+post-train"',
  );
  assertThrows(() => figure3(btm as never, { ...twoStage, seed: 1 } as never), Error, "seed 1");
});

Deno.test("recallSpread is the standard deviation over classes", () => {
  assertAlmostEquals(recallSpread([0.2, 0.2, 0.2]), 0, 1e-15);
  assertEquals(recallSpread([0, 1]), 0.5);
});
