import { assertEquals } from "@std/assert";
import {
  curveFigure,
  gridHeatmap,
  membersFigure,
  powerMeanFigure,
  recallByCountFigure,
} from "../../../lib/experiments/analysis/figures.ts";
import { powerMeanCurve } from "../../../lib/experiments/analysis/power_mean_curve.ts";
import { recallByTrainCount } from "../../../lib/experiments/analysis/recall_by_train_count.ts";

const s = (h: number) => ({
  harmonicMean: h,
  geometricMean: h + 0.1,
  accuracy: h + 0.2,
  lowestRecall: 0,
  zeroClasses: 0,
});
const curve = [0, 0.5, 1].map((lambda) => ({ lambda, summary: s(lambda / 2), recalls: [] }));

Deno.test("curveFigure draws three metrics along λ, and each reference as level lines", () => {
  const plain = curveFigure(curve, { title: "path" });
  assertEquals(plain.data.map((t) => t.name), ["H-mean", "G-mean", "Accuracy"]);
  assertEquals(plain.data[1].y, [0.1, 0.35, 0.6]);
  const refs = curveFigure(curve, {
    title: "path",
    references: [{ name: "union", summary: s(0.3), dash: "dash" }, {
      name: "f",
      summary: s(0.1),
      dash: "dot",
    }],
  });
  assertEquals(refs.data.length, 9);
  assertEquals(refs.data[0].name, "H-mean: path");
  assertEquals(refs.data[3], {
    type: "scatter",
    mode: "lines",
    name: "H-mean: union",
    line: { color: "#1f77b4", dash: "dash" },
    x: [0, 1],
    y: [0.3, 0.3],
  });
  assertEquals((refs.data[8].line as { width: number }).width, 1);
});

Deno.test("the other figures carry the results' numbers", () => {
  const pm = powerMeanFigure({ a: powerMeanCurve([0.1, 0.9]) });
  assertEquals((pm.layout.shapes as unknown[]).length, 3);
  const grid = {
    subsetCounts: [2, 4],
    perClassValues: [5],
    cells: [2, 4].map((n) => ({ subsets: n, perClass: 5, postTrained: { summary: s(n / 10) } })),
  };
  assertEquals(gridHeatmap(grid as never, "harmonicMean", { title: "t" }).data[0].z, [[0.2, 0.4]]);
  const members = membersFigure({
    data: { name: "tiny" },
    members: [{ index: 0, summary: s(0.1) }, { index: 1, summary: s(0.2) }],
    memberMean: { harmonicMean: 0.15 },
    merge: { summary: s(0.3) },
    mergePostTrain: { summary: s(0.35) },
  } as never);
  assertEquals(members.data.map((t) => t.y), [[0.1, 0.2], [0.15], [0.3], [0.35]]);
  const sorted = recallByTrainCount({ m: [0.5, 0.1] }, [1, 9]);
  const r = recallByCountFigure(sorted, "t");
  assertEquals(r.data[0].x, ["class 1", "class 0"]);
  assertEquals(r.data[1].y, [9, 1]);
});
