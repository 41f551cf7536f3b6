/**
 * The report's part of the fault suite (issue 15, item 11): a notebook that cannot run shows its
 * real error, one line, in `index.html` and `report.json`, and never the previous run's executed
 * copy; a bad `--cell-timeout` is a usage error. No kernel starts (the notebooks cannot be read),
 * so this takes seconds. Skipped, with the reason, where Debian's Jupyter is missing.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { dirname, fromFileUrl, join, resolve } from "@std/path";
import { VERDICT_MIME } from "../../lib/report/display_bundle.ts";
import { failureReason, misquotedVerdicts } from "../../scripts/report.ts";

const ROOT = resolve(dirname(fromFileUrl(import.meta.url)), "..", "..");
const PYTHON = "/usr/bin/python3";
const hasJupyter = await new Deno.Command(PYTHON, {
  args: ["-c", "import nbclient, nbconvert, nbformat"],
  stdout: "null",
  stderr: "null",
}).output().then((o) => o.success, () => false);
const skip = hasJupyter ? "" : " (skipped: missing Debian's Jupyter: python3-nbclient, nbconvert)";

async function report(args: string[]): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "scripts", "report.ts"), ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

/** An executed notebook of an earlier run, with a verdict that must not reappear. */
function staleExecuted(): string {
  return JSON.stringify({
    cells: [
      { cell_type: "markdown", id: "a", metadata: {}, source: ["# Stale title"] },
      {
        cell_type: "code",
        id: "b",
        metadata: {},
        execution_count: 1,
        source: ["verdict"],
        outputs: [{
          output_type: "display_data",
          metadata: {},
          data: {
            [VERDICT_MIME]: { claim: "STALE CLAIM", holds: true, evidence: "old run" },
            "text/plain": ["STALE CLAIM"],
          },
        }],
      },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
}

Deno.test({
  name:
    `report faults 11: an unreadable notebook is listed as failed with its real error, never stale${skip}`,
  ignore: !hasJupyter,
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "btm-report-faults-" });
    try {
      const notebooks = join(dir, "notebooks");
      const out = join(dir, "out");
      await Deno.mkdir(notebooks);
      await Deno.mkdir(out);
      await Deno.writeTextFile(join(notebooks, "01_broken.ipynb"), '{"cells": [');
      await Deno.writeTextFile(join(notebooks, "02_not_a_notebook.ipynb"), "{}");
      // What an earlier, successful run left behind.
      await Deno.writeTextFile(join(out, "01_broken.ipynb"), staleExecuted());
      await Deno.writeTextFile(join(out, "01_broken.html"), "<p>STALE PAGE</p>");

      const run = await report(["--notebooks", notebooks, "--out", out, "--preset", "smoke"]);
      assertEquals(run.code, 1, run.stderr);
      assertStringIncludes(run.stderr, "2 notebooks failed: 01_broken, 02_not_a_notebook");

      const json = JSON.parse(await Deno.readTextFile(join(out, "report.json")));
      const sections = Object.fromEntries(
        json.sections.map((s: { name: string }) => [s.name, s]),
      );
      for (const name of ["01_broken", "02_not_a_notebook"]) {
        const s = sections[name];
        assert(s, `${name} is missing from report.json`);
        assertEquals(s.ok, false);
        assertEquals(s.summary.verdicts, [], `${name} shows stale verdicts`);
        assert(typeof s.failure === "string" && !s.failure.includes("\n"), `${name}: ${s.failure}`);
        assert(!s.failure.includes("The above exception"), `${name}: ${s.failure}`);
        assert(!s.failure.startsWith("Traceback"), `${name}: ${s.failure}`);
      }
      assertStringIncludes(sections["01_broken"].failure, "JSON");
      const index = await Deno.readTextFile(join(out, "index.html"));
      assertStringIncludes(index, "01_broken");
      assertStringIncludes(index, "02_not_a_notebook");
      assertEquals(index.includes("STALE CLAIM"), false, "index.html shows a stale verdict");
      // The earlier run's executed copy and page are gone: nothing links to stale output.
      for (const f of ["01_broken.ipynb", "01_broken.html"]) {
        const text = await Deno.readTextFile(join(out, f)).catch(() => "");
        assertEquals(text.includes("STALE"), false, `${f} still holds the earlier run`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: `report faults 11: --cell-timeout abc is a usage error (exit 2, one line)${skip}`,
  ignore: !hasJupyter,
  fn: async () => {
    for (const value of ["abc", "0", "-3"]) {
      const out = await Deno.makeTempDir({ prefix: "btm-report-faults-" });
      try {
        const fixtures = join(ROOT, "tests", "report", "fixtures");
        const run = await report(["--notebooks", fixtures, "--out", out, "--cell-timeout", value]);
        assertEquals(run.code, 2, run.stderr);
        const lines = run.stderr.trim().split("\n");
        assertEquals(lines.length, 1, run.stderr);
        assertStringIncludes(lines[0], "--cell-timeout");
        assertStringIncludes(lines[0], value);
      } finally {
        await Deno.remove(out, { recursive: true });
      }
    }
  },
});

Deno.test("report faults 11: the one-line reason of a chained Python traceback is the real exception", () => {
  const chained = [
    "Traceback (most recent call last):",
    '  File "x.py", line 3, in <module>',
    "json.decoder.JSONDecodeError: Expecting value: line 1 column 12 (char 11)",
    "",
    "The above exception was the direct cause of the following exception:",
    "",
    "Traceback (most recent call last):",
    '  File "x.py", line 9, in <module>',
    "nbformat.reader.NotJSONError: Notebook does not appear to be JSON: '{\"cells\": ['...",
    "",
  ].join("\n");
  assertEquals(
    failureReason(chained),
    "nbformat.reader.NotJSONError: Notebook does not appear to be JSON: '{\"cells\": ['...",
  );
  assertEquals(
    failureReason(`a long cell error\n  at <anonymous>\nexecute.py: a cell raised Error: boom\n`),
    "a cell raised Error: boom",
  );
});

Deno.test("report: a verdict whose quote is not at its cited line is named (and fails its notebook)", () => {
  const summary = (quote: string, line: number) => ({
    title: "t",
    runInfo: null,
    errors: [],
    codeCells: { total: 1, executed: 1 },
    verdicts: [{
      id: "btm-obs2",
      claim: "Obs. 2",
      quote,
      cite: { file: "btm_paper.txt", line },
      contradicting: [],
    }],
  });
  const words = "Observation 2 The harmonic and geometric mean of these interpolated models";
  assertEquals(misquotedVerdicts(summary(words, 346) as never), []);
  assertEquals(misquotedVerdicts(summary(words, 345) as never), [
    "verdict btm-obs2: its quote is not found at btm_paper.txt:345",
  ]);
  assertEquals(misquotedVerdicts(summary("Observation 2 is wrong", 346) as never).length, 1);
});
