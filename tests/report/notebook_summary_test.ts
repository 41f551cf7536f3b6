import { assertEquals } from "@std/assert";
import { JUPYTER_DISPLAY, RUN_INFO_MIME, VERDICT_MIME } from "../../lib/report/display_bundle.ts";
import { summarizeNotebook } from "../../lib/report/notebook_summary.ts";
import { REGIME_MIME, regimeDisplay, regimeRecord } from "../../lib/report/regime_check.ts";

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

Deno.test("summarizeNotebook: regime records from REGIME_MIME outputs, beside the verdicts", () => {
  const r1 = regimeRecord(
    { id: "pretrain-accuracy", what: "CE accuracy", min: 28, max: 50, unit: "%", basis: "p" },
    [40, 42],
  );
  const r2 = regimeRecord(
    { id: "pretrain-zero", what: "zero classes", min: 1, max: 15, unit: "classes", basis: "p" },
    [0],
  );
  const v = { claim: "a", holds: true, evidence: "e", values: {}, source: null };
  const regime = regimeDisplay([r1, r2], "Regime")[JUPYTER_DISPLAY]();
  // What the kernel writes to the .ipynb: JSON, not the display object.
  const nb = JSON.parse(JSON.stringify({
    cells: [
      {
        cell_type: "code",
        source: "regime",
        execution_count: 1,
        outputs: [{ output_type: "display_data", data: regime }],
      },
      {
        cell_type: "code",
        source: "verdict",
        execution_count: 2,
        outputs: [
          { output_type: "display_data", data: { [VERDICT_MIME]: v } },
          // Not an array: not a regime table, ignored.
          { output_type: "display_data", data: { [REGIME_MIME]: { id: "x" } } },
        ],
      },
    ],
  }));
  const s = summarizeNotebook(nb, "03_regime");
  assertEquals(s.regime, [r1, r2]);
  assertEquals(s.verdicts, [v]);
  assertEquals(s.regime.map((r) => r.met), [true, false]);
  assertEquals(summarizeNotebook({ cells: [] }, "04_none").regime, []);
});
