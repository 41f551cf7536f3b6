import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { TABLE_MIME } from "../../lib/report/display_bundle.ts";
import { comparisonTable, NOT_IMPLEMENTED } from "../../lib/report/comparison_table.ts";

const columns = [{ key: "h", label: "H-mean" }, { key: "min", label: "Min <recall>" }];

Deno.test("comparisonTable: ours beside the paper's, as percentages, with deltas", () => {
  const t = comparisonTable([
    { method: "CE", ours: { h: 0.4123, min: 0.1 }, paper: { h: 0.43 } },
    { method: "BTM & co", ours: { h: 0.5 }, paper: { h: 0.45, min: 0.2 } },
  ], { columns, caption: "Table 2" });
  const rows = t.html.split("<tr").slice(3); // two header rows, then data
  assertStringIncludes(rows[0], "<td>41.2</td><td>43.0</td><td>−1.8</td>");
  assertStringIncludes(rows[0], "<td>10.0</td><td>—</td><td>—</td>");
  assertStringIncludes(
    rows[1],
    '<th scope="row">BTM &amp; co</th><td>50.0</td><td>45.0</td><td>+5.0</td>',
  );
  assertStringIncludes(rows[1], "<td>—</td><td>20.0</td><td>—</td>");
  assertStringIncludes(t.html, "Min &lt;recall&gt; (%)");
  assertStringIncludes(t.html, "<caption>Table 2</caption>");
  assertEquals(t.text.split("\n")[0], "Table 2");
  assertStringIncludes(t.text.split("\n")[2], "CE");
  assertStringIncludes(t.text.split("\n")[2], "41.2");
});

Deno.test("comparisonTable: a method we do not implement says so in our column", () => {
  const t = comparisonTable([{ method: "LDAM", ours: null, paper: { h: 0.47 } }], {
    columns,
    showDelta: false,
  });
  const row = t.html.split("<tbody>")[1];
  assertEquals(row.split(`<td>${NOT_IMPLEMENTED}</td>`).length - 1, 2);
  assertStringIncludes(row, "<td>47.0</td>");
  assertStringIncludes(row, 'class="btm-not-implemented"');
  // deno-lint-ignore no-explicit-any
  const bundle = (t as any)[Symbol.for("Jupyter.display")]();
  assertEquals(bundle[TABLE_MIME].rows[0].ours, null);
  assertEquals(bundle["text/html"], t.html);
});

Deno.test("comparisonTable: percentages typed as printed and unknown metrics are rejected", () => {
  assertThrows(
    () => comparisonTable([{ method: "BTM", ours: { h: 0.4 }, paper: { h: 45.3 } }], { columns }),
    RangeError,
    "paper BTM/h 45.3",
  );
  assertThrows(
    () => comparisonTable([{ method: "BTM", ours: { g: 0.4 } }], { columns }),
    RangeError,
    `metric "g"`,
  );
  assertThrows(() => comparisonTable([], { columns: [] }), TypeError, "without columns");
});

Deno.test("comparisonTable: mean ± sd, a paper-row column, change and count columns", () => {
  const t = comparisonTable([
    {
      method: "two-stage",
      paperMethod: "MiSLAS",
      ours: { h: 0.2, d: -0.012, z: 3 },
      oursSd: { h: 0.011, z: 1.2 },
      paper: { h: 0.2875, d: 0.0105, z: 0 },
    },
  ], {
    columns: [
      { key: "h", label: "H-mean" },
      { key: "d", label: "ΔH", kind: "change" },
      { key: "z", label: "zero-recall classes", kind: "count" },
    ],
    digits: 2,
  });
  const row = t.html.split("<tbody>")[1];
  assertStringIncludes(row, '<th scope="row">two-stage</th><td>MiSLAS</td>');
  assertStringIncludes(row, "<td>20.00 ± 1.10</td><td>28.75</td><td>−8.75</td>");
  assertStringIncludes(row, "<td>−1.20</td><td>+1.05</td><td>−2.25</td>");
  assertStringIncludes(row, "<td>3 ± 1.2</td><td>0</td><td>+3</td>");
  assertStringIncludes(t.html, '<th rowspan="2">Paper row</th>');
  assertStringIncludes(t.html, "ΔH (points)");
  assertStringIncludes(t.html, ">zero-recall classes<");
  assertThrows(
    () =>
      comparisonTable([{ method: "x", ours: { d: 1.5 } }], {
        columns: [{ key: "d", label: "Δ", kind: "change" }],
      }),
    RangeError,
    "as a change",
  );
});

Deno.test("comparisonTable: ours only, when asked, and then no paper values", () => {
  const t = comparisonTable([{ method: "f", ours: { h: 0.5 } }], {
    columns: [{ key: "h", label: "H-mean" }],
    showPaper: false,
  });
  assertEquals(t.html.includes("<th>paper</th>"), false);
  assertStringIncludes(t.html, "<td>50.0</td></tr>");
  assertThrows(
    () =>
      comparisonTable([{ method: "f", ours: { h: 0.5 }, paper: { h: 0.4 } }], {
        columns: [{ key: "h", label: "H-mean" }],
        showPaper: false,
      }),
    RangeError,
    "it has paper values",
  );
});
