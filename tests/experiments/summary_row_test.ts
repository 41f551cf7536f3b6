import { assertEquals, assertThrows } from "@std/assert";
import { summaryColumns, summaryRow } from "../../lib/experiments/summary_row.ts";
import { comparisonTable } from "../../lib/report/mod.ts";

const summary = {
  accuracy: 0.5,
  geometricMean: 0.3,
  harmonicMean: 0.18,
  lowestRecall: 0.1,
  zeroClasses: 0,
  few: 0.2,
};

Deno.test("summaryRow keeps the chosen metrics in order and leaves out absent ones", () => {
  assertEquals(summaryRow("f", summary), {
    method: "f",
    ours: { harmonicMean: 0.18, geometricMean: 0.3, accuracy: 0.5, lowestRecall: 0.1 },
  });
  const row = summaryRow("f", summary, { metrics: ["many", "few"], paper: { few: 0.25 } });
  assertEquals(row, { method: "f", ours: { few: 0.2 }, paper: { few: 0.25 } });
});

Deno.test("summaryColumns label the metrics and the pair renders as a table", () => {
  assertEquals(summaryColumns().map((c) => c.label), [
    "H-mean",
    "G-mean",
    "Accuracy",
    "Lowest recall",
  ]);
  const t = comparisonTable([summaryRow("f", summary)], { columns: summaryColumns() });
  assertEquals(t.text.includes("18.0"), true);
});

Deno.test("an unknown metric is an error listing the valid ones", () => {
  assertThrows(
    () => summaryRow("f", summary, { metrics: ["zeroClasses" as never] }),
    RangeError,
    "harmonicMean, geometricMean",
  );
  assertThrows(() => summaryColumns({ metrics: ["top5" as never] }), RangeError, '"top5"');
});
