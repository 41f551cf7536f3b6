import { assertEquals } from "@std/assert";
import { RUN_INFO_MIME, VERDICT_MIME } from "../../lib/report/display_bundle.ts";
import { summarizeNotebook } from "../../lib/report/notebook_summary.ts";

Deno.test("summarizeNotebook: title, verdicts, run info and errors from outputs", () => {
  const v1 = { claim: "a", holds: true, evidence: "e1", values: {}, source: null };
  const v2 = { claim: "b", holds: false, evidence: "e2", values: {}, source: "T2" };
  const info = { backend: "wasm", seed: 1, preset: "smoke", versions: {} };
  const nb = {
    cells: [
      { cell_type: "markdown", source: ["Intro\n", "## BTM on CIFAR ##\n"] },
      {
        cell_type: "code",
        source: "x",
        execution_count: 1,
        outputs: [{ output_type: "display_data", data: { [RUN_INFO_MIME]: info } }],
      },
      {
        cell_type: "code",
        source: "y",
        execution_count: 2,
        outputs: [
          { output_type: "execute_result", data: { [VERDICT_MIME]: v1, "text/plain": "" } },
          { output_type: "display_data", data: { [VERDICT_MIME]: v2 } },
        ],
      },
      {
        cell_type: "code",
        source: "z",
        execution_count: 3,
        outputs: [{ output_type: "error", ename: "TypeError", evalue: "bad" }],
      },
      { cell_type: "code", source: "w", execution_count: null, outputs: [] },
    ],
  };
  const s = summarizeNotebook(nb, "01_x");
  assertEquals(s.title, "BTM on CIFAR");
  assertEquals(s.verdicts, [v1, v2]);
  assertEquals(s.runInfo, info);
  assertEquals(s.errors, [{ cell: 4, ename: "TypeError", evalue: "bad" }]);
  assertEquals(s.codeCells, { total: 4, executed: 3 });
  assertEquals(summarizeNotebook({ cells: [] }, "02_y").title, "02_y");
});
