import { assert, assertEquals } from "@std/assert";
import {
  methodComparisonFigure,
  methodComparisonSummary,
  methodComparisonTable,
} from "../../../lib/experiments/analysis/tables_2_4.ts";
import { btmEffect } from "../../../lib/experiments/analysis/btm_effect.ts";
import { resolveConfig } from "../../../lib/experiments/config.ts";

const s = (h: number) => ({
  harmonicMean: h,
  geometricMean: h,
  accuracy: 0.5,
  lowestRecall: 0,
  zeroClasses: 3,
});
const result = {
  data: { name: "synth-places", numClasses: 120 },
  config: resolveConfig("default", { pretrain: { epochs: 4 } }),
  timings: { total: 12.3 },
  runs: [{ label: "CE", summary: s(0.1) }, { label: "CE + BTM", summary: s(0.2) }],
  table: [{ method: "CE", ours: { harmonicMean: 0.1 } }, { method: "PaCo", ours: null }],
  effect: btmEffect([{ method: "CE", base: s(0.1), btm: s(0.2) }]),
};

Deno.test("each of Tables 2–4 is shown as a line, a table and H-mean bars from the result", () => {
  assertEquals(
    methodComparisonSummary(result as never),
    "synth-places: pretrain 4 epochs; BTM N_D = 10, N_C = 10, 10 epochs; classifier stages 10 epochs; " +
      "12 s; classes with zero test recall: CE 3, CE + BTM 3",
  );
  const table = methodComparisonTable(result as never, { table: "Table 2" });
  assert(table.html.includes("Table 2 (ours, synth-places, 120 classes)"), table.html);
  assert(table.html.includes("not implemented"));
  const fig = methodComparisonFigure(result as never);
  assertEquals(fig.data.map((t) => [t.name, t.x, t.y]), [
    ["without BTM", ["CE"], [0.1]],
    ["with BTM", ["CE"], [0.2]],
  ]);
  assertEquals(fig.layout.title, { text: "Test H-mean without and with BTM (synth-places)" });
});
