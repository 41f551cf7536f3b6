import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  changeTable,
  perSeed,
  seedColumns,
  seedsOf,
  seedTable,
} from "../../../lib/experiments/analysis/seed_table.ts";
import { s } from "./_fixtures.ts";

Deno.test("seedTable: mean ± sd over seeds, the zero-recall count beside H, the paper's row", () => {
  const t = seedTable([
    {
      label: "two-stage",
      summaries: [s(0.2, 0.3, 0.4, 0, 2), s(0.22, 0.31, 0.41, 0, 4)],
      paper: { table: "table5", row: "Stage2" },
    },
    { paper: { table: "table2", row: "PaCo" } },
  ], { caption: "c" });
  assertStringIncludes(
    t.html,
    '<th scope="row">two-stage</th><td>Stage2</td><td>21.00 ± 1.41</td><td>28.75</td>',
  );
  assertStringIncludes(t.html, "<td>3 ± 1.4</td><td>—</td>"); // zero-recall classes: ours only
  assertStringIncludes(
    t.html,
    '<th scope="row">PaCo</th><td>PaCo</td><td>not implemented</td><td>2.53</td>',
  );
  assertEquals(seedColumns(["harmonicMean", "accuracy"]).map((c) => c.key), [
    "harmonicMean",
    "zeroClasses",
    "accuracy",
  ]);
  // Without paper rows: ours only.
  const ours = seedTable([{ label: "f", summaries: [s(0.1)] }], { caption: "c" });
  assertEquals(ours.html.includes("<th>paper</th>"), false);
});

Deno.test("changeTable: our change beside the paper's, in points", () => {
  const t = changeTable([{
    label: "MiSLAS → + BTM",
    from: [s(0.28), s(0.3)],
    to: [s(0.29), s(0.33)],
    paper: {
      from: { table: "table2", row: "MiSLAS" },
      to: { table: "table2", row: "MiSLAS + BTM" },
    },
  }], { caption: "c", metrics: ["harmonicMean"] });
  assertStringIncludes(t.html, "<td>+2.00 ± 1.41</td><td>+1.05</td>");
  assertThrows(
    () => changeTable([{ label: "x", from: [s(0.1)], to: [] }], { caption: "c" }),
    RangeError,
    '"x": 1 seeds before, 0 after',
  );
});

Deno.test("seedsOf and perSeed read one value per result, and refuse none", () => {
  assertEquals(seedsOf([{ seed: 2 }, { seed: 3 }]), [2, 3]);
  assertEquals(perSeed([{ v: 1 }, { v: 2 }], (r) => r.v * 10), [10, 20]);
  assertThrows(() => seedsOf([]), RangeError, "one result per seed");
});
