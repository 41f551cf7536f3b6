import { assertEquals, assertThrows } from "@std/assert";
import {
  ALL_SUMMARY_METRICS,
  SUMMARY_LABELS,
  summaryColumns,
  summaryRow,
  summaryTable,
  TABLE_METRICS,
} from "../../../lib/experiments/analysis/summary_row.ts";
import { comparisonTable, JUPYTER_DISPLAY } from "../../../lib/report/mod.ts";

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

Deno.test("summaryTable shows our rows under the metrics' columns, without a paper column", () => {
  const t = summaryTable([summaryRow("f", summary, { metrics: TABLE_METRICS })], {
    caption: "ours",
    metrics: TABLE_METRICS,
    digits: 2,
  });
  const columns = (t[JUPYTER_DISPLAY]()["application/vnd.btm-lab.table+json"] as {
    columns: { key: string; label: string }[];
  }).columns;
  assertEquals(columns.map((c) => c.key), [...TABLE_METRICS]);
  assertEquals(columns[0].label, "H-mean");
  assertEquals(ALL_SUMMARY_METRICS, Object.keys(SUMMARY_LABELS));
  assertEquals(t.html.includes("<td>18.00</td>"), true);
  assertEquals(t.html.includes("Δ"), false);
});
