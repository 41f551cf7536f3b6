import { assertEquals, assertThrows } from "@std/assert";
import {
  crossFigure,
  curveFigure,
  figure1PaperPoints,
  figure2PaperPoints,
  membersFigure,
  powerMeanFigure,
  recallByCountFigure,
} from "../../../lib/experiments/analysis/figures.ts";
import { powerMeanCurve } from "../../../lib/experiments/analysis/power_mean_curve.ts";
import { recallByTrainCount } from "../../../lib/experiments/analysis/recall_by_train_count.ts";

const s = (h: number, zeroClasses = 0) => ({
  harmonicMean: h,
  geometricMean: h + 0.1,
  accuracy: h + 0.2,
  lowestRecall: 0,
  zeroClasses,
});
const curve = [0, 0.5, 1].map((lambda) => ({ lambda, summary: s(lambda / 2), recalls: [] }));

Deno.test("curveFigure draws three metrics along λ, and each reference as level lines", () => {
  const plain = curveFigure(curve, { title: "path" });
  assertEquals(plain.data.map((t) => t.name), ["H-mean", "G-mean", "Accuracy"]);
  assertEquals(plain.data[1].y, [0.1, 0.35, 0.6]);
  assertEquals(plain.data[0].error_y, undefined); // one seed: no error bars
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

Deno.test("curveFigure: several seeds as mean ± sd, zero-recall classes in the hover, paper points", () => {
  const other = [0, 0.5, 1].map((lambda) => ({
    lambda,
    summary: s(lambda / 2 + 0.02, 2),
    recalls: [],
  }));
  const fig = curveFigure([curve, other], { title: "t", paperPoints: figure1PaperPoints() });
  assertEquals(fig.data[0].name, "H-mean: path (mean of 2 seeds)");
  assertEquals((fig.data[0].y as number[])[0], 0.01);
  const err = (fig.data[0].error_y as { array: number[] }).array;
  assertEquals(err.map((e) => Number(e.toFixed(6))), [0.014142, 0.014142, 0.014142]);
  assertEquals(fig.data[0].customdata, [1, 1, 1]);
  const paper = fig.data.filter((t) => String(t.name).endsWith(": paper"));
  assertEquals(paper.map((t) => [t.name, t.x, t.y]), [
    ["H-mean: paper", [0, 1], [0.0147, 0.2637]],
    ["G-mean: paper", [0, 1], [0.1522, 0.3298]],
  ]);
  assertEquals(figure2PaperPoints().map((p) => [p.lambda, p.value]), [
    [1, 26.37],
    [1, 32.98],
    [0, 15.54],
    [0, 26.37],
    [0.5, 26.56],
    [0.5, 33.53],
  ]);
  assertThrows(() => curveFigure([curve, curve.slice(1)], { title: "t" }), RangeError, "λ grids");
});

Deno.test("the other figures carry the results' numbers and the paper's", () => {
  const pm = powerMeanFigure({ a: powerMeanCurve([0.1, 0.9]) });
  assertEquals((pm.layout.shapes as unknown[]).length, 3);
  const cell = (subsets: number, perClass: number, h: number) => ({
    subsets,
    perClass,
    postTrained: { summary: s(h) },
  });
  const grid = {
    center: { subsets: 10, perClass: 10 },
    subsetCounts: [2, 10, 20],
    perClassValues: [5, 10],
    cells: [cell(2, 10, 0.2), cell(10, 10, 0.3), cell(20, 10, 0.1), cell(10, 5, 0.25)],
  };
  const cross = crossFigure([grid] as never, "harmonicMean", { title: "t" });
  assertEquals(cross.data.map((t) => t.y), [
    [0.2, 0.3, 0.1],
    [0.2843, 0.298, 0.1517],
    [0.25, 0.3],
    [0.2848, 0.298],
  ]);
  const member = (h: number) => ({ summary: s(h) });
  const members = membersFigure([{
    seed: 3,
    data: { name: "tiny" },
    members: [member(0.1), member(0.2)],
    memberMean: { harmonicMean: 0.15 },
    merge: member(0.3),
    mergePostTrain: member(0.35),
    twoStage: member(0.32),
  }] as never);
  assertEquals(members.data[0].name, "ours, seed 3");
  assertEquals(members.data[0].y, [0.1, 0.2, 0.15, 0.3, 0.35, 0.32]);
  assertEquals((members.data[1].y as number[]).slice(0, 2), [0.2385, 0.2499]);
  const sorted = recallByTrainCount({ m: [0.5, 0.1] }, [1, 9]);
  const r = recallByCountFigure(sorted, "t");
  assertEquals(r.data[0].x, ["class 1", "class 0"]);
  assertEquals(r.data[1].y, [9, 1]);
});
