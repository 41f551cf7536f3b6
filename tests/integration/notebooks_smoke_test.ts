/**
 * End to end, as CI runs it: every notebook in `notebooks/` executed on the
 * `smoke` preset into a temporary folder (the committed reports stay as they
 * are), then every page opened from file:// in headless Chromium: each
 * report loads offline, its shared lab stylesheet applies, and each of its
 * figures draws.
 */
import { assert, assertEquals } from "@std/assert";
import { basename, dirname, fromFileUrl, join, resolve } from "@std/path";
import { browseReportPage, loadsFromNetwork, missing, plotDivs, plotDrew } from "./_browser.ts";
import { CLAIM_CHECKS } from "../../lib/experiments/mod.ts";
import type { ClaimsMatrixRow, NotebookSummary, VerdictRecord } from "../../lib/report/mod.ts";
import { misquotedVerdicts } from "../../scripts/report.ts";

/** Claims no notebook can run here (methods we do not implement), each with a "not run" verdict. */
const NOT_RUN = new Set(["btm-tables11-14", "btm-table10", "btm-table10-combined"]);

const ROOT = resolve(dirname(fromFileUrl(import.meta.url)), "..", "..");
const NOTEBOOKS = [...Deno.readDirSync(join(ROOT, "notebooks"))]
  .filter((e) => e.name.endsWith(".ipynb"))
  .map((e) => basename(e.name, ".ipynb"))
  .sort();

Deno.test({
  name: `notebooks: all ${NOTEBOOKS.length} run on the smoke preset and their figures draw${
    missing.length ? ` (skipped: missing ${missing.join(", ")})` : ""
  }`,
  ignore: missing.length > 0,
  sanitizeResources: false,
  fn: async () => {
    assert(NOTEBOOKS.length >= 10, `only ${NOTEBOOKS.length} notebooks in notebooks/`);
    const out = await Deno.makeTempDir({ prefix: "btm-smoke-report-" });
    const profile = await Deno.makeTempDir({ prefix: "btm-chromium-" });
    try {
      const run = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", join(ROOT, "scripts", "report.ts"), "--preset", "smoke", "--out", out],
        cwd: ROOT,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const log = new TextDecoder().decode(run.stderr);
      assertEquals(run.code, 0, log);

      const report = JSON.parse(await Deno.readTextFile(join(out, "report.json")));
      const sections = new Map<string, { ok: boolean; summary: { verdicts: VerdictRecord[] } }>(
        report.sections.map((s: { name: string }) => [s.name, s]),
      );
      for (const name of NOTEBOOKS) {
        const section = sections.get(name);
        assert(section?.ok, `${name} did not run cleanly`);
        if (!section) continue;
        // Every notebook ends with at least one verdict computed from its run.
        assert(section.summary.verdicts.length > 0, `${name} states no verdict`);
        // Every verdict carries the paper's words, found verbatim at its cited line.
        for (const v of section.summary.verdicts) {
          assert(v.quote && v.cite, `${name}: verdict ${v.id} has no quote`);
        }
        assertEquals(misquotedVerdicts(section.summary as NotebookSummary), [], name);
      }
      // The claims matrix lists every registered claim; each ran, unless it cannot run here.
      const matrix = report.claims as ClaimsMatrixRow[];
      for (const c of CLAIM_CHECKS) {
        const rows = matrix.filter((r) => r.id === c.id);
        assert(rows.length > 0, `the claims matrix lacks ${c.id}`);
        for (const r of rows) {
          if (NOT_RUN.has(c.id)) assertEquals(r.status, "not run", c.id);
          else assert(r.status !== "not run", `${c.id} did not run`);
        }
      }

      const index = await Deno.readTextFile(join(out, "index.html"));
      assertEquals(loadsFromNetwork(index), false, "index.html loads something from the network");
      let figures = 0;
      for (const name of NOTEBOOKS) {
        const page = join(out, `${name}.html`);
        assertEquals(loadsFromNetwork(await Deno.readTextFile(page)), false, `${name}.html`);
        const { dom, cssProblems } = await browseReportPage(page, profile);
        assertEquals(cssProblems, [], `${name}.html: the lab stylesheet did not apply`);
        const plots = plotDivs(dom);
        for (const [i, div] of plots.entries()) {
          assert(plotDrew(div), `${name}: figure ${i + 1} did not draw`);
        }
        figures += plots.length;
      }
      assert(figures >= NOTEBOOKS.length - 2, `only ${figures} figures in the whole report`);
    } finally {
      await Deno.remove(out, { recursive: true });
      await Deno.remove(profile, { recursive: true });
    }
  },
});
