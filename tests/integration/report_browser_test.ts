/**
 * End to end: `scripts/report.ts` on the fixture notebooks, then every page
 * opened from file:// in headless Chromium, checking that the figures drew
 * and that the shared lab stylesheet (`assets/nbconvert-lab.css`) applied.
 * Skipped, with the reason, where Debian's Jupyter or Chromium is missing.
 */

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { dirname, fromFileUrl, join, resolve } from "@std/path";
import {
  browse,
  browseReportPage,
  loadsFromNetwork,
  missing,
  plotDivs,
  plotDrew,
} from "./_browser.ts";

const ROOT = resolve(dirname(fromFileUrl(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "tests", "report", "fixtures");
Deno.test({
  name: `report: fixture notebooks → static site; figures draw in Chromium from file://${
    missing.length ? ` (skipped: missing ${missing.join(", ")})` : ""
  }`,
  ignore: missing.length > 0,
  sanitizeResources: false,
  fn: async () => {
    const out = await Deno.makeTempDir({ prefix: "btm-report-" });
    const profile = await Deno.makeTempDir({ prefix: "btm-chromium-" });
    try {
      const run = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          join(ROOT, "scripts", "report.ts"),
          "--notebooks",
          FIXTURES,
          "--out",
          out,
          "--preset",
          "smoke",
        ],
        cwd: ROOT,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const log = new TextDecoder().decode(run.stderr);
      // 02_fails throws on purpose: the command fails, after running the others, and names it.
      assertEquals(run.code, 1, log);
      assertStringIncludes(log, "(1/2) 01_figures: ok");
      assertStringIncludes(log, "02_fails: FAILED");
      assertStringIncludes(log, "1 notebook failed: 02_fails");

      for (
        const f of [
          "index.html",
          "01_figures.html",
          "01_figures.ipynb",
          "02_fails.html",
          "report.json",
        ]
      ) {
        assert((await Deno.stat(join(out, f))).isFile, `${f} missing`);
      }
      assert((await Deno.stat(join(out, "assets", "plotly.min.js"))).size > 1_000_000);
      const labCss = await Deno.readTextFile(join(out, "assets", "nbconvert-lab.css"));
      assert(labCss.startsWith('@charset "UTF-8";'), labCss.slice(0, 80));
      assert(labCss.length > 100_000, `the lab stylesheet is ${labCss.length} bytes`);

      // The preset reached the kernel; every cell ran; outputs are small (no plotly.js inside).
      const executed = await Deno.readTextFile(join(out, "01_figures.ipynb"));
      assertStringIncludes(executed, "preset smoke");
      assert(executed.length < 200_000, `executed notebook is ${executed.length} bytes`);
      const report = JSON.parse(await Deno.readTextFile(join(out, "report.json")));
      const sections = Object.fromEntries(
        report.sections.map((s: { name: string }) => [s.name, s]),
      );
      assertEquals(sections["01_figures"].ok, true);
      assertEquals(sections["01_figures"].summary.verdicts.length, 2);
      assertEquals(sections["01_figures"].summary.runInfo.seed, 7);
      assertEquals(sections["02_fails"].ok, false);
      assertEquals(sections["02_fails"].summary.errors[0].cell, 3);

      for (const page of ["index.html", "01_figures.html", "02_fails.html"]) {
        const html = await Deno.readTextFile(join(out, page));
        assertEquals(loadsFromNetwork(html), false, `${page} loads something from the network`);
      }
      const figurePage = await Deno.readTextFile(join(out, "01_figures.html"));
      assertEquals(figurePage.split('<script src="assets/plotly.min.js"></script>').length, 2);
      // The lab CSS is linked, once, not inlined (the page's own rules are a few lines).
      assertEquals(
        figurePage.split('<link rel="stylesheet" href="assets/nbconvert-lab.css">').length,
        2,
      );
      const inlineCss = [...figurePage.matchAll(/<style[^>]*>([^]*?)<\/style>/g)]
        .reduce((n, m) => n + m[1].length, 0);
      assert(inlineCss < 5_000, `01_figures.html inlines ${inlineCss} bytes of CSS`);

      // Figures drew: each figure div became a plotly plot with an SVG holding marks.
      const { dom, cssProblems } = await browseReportPage(join(out, "01_figures.html"), profile);
      assertEquals(cssProblems, [], "01_figures.html: the lab stylesheet did not apply");
      const plots = plotDivs(dom);
      assertEquals(plots.length, 2, "two figures in the fixture");
      for (const div of plots) assert(plotDrew(div), "plot has no drawn marks");
      assertEquals(dom.includes(">(figure: plotly.js is not loaded"), false);
      assertStringIncludes(dom, "not implemented");
      assertStringIncludes(dom, "Holds:");

      const index = await browse(join(out, "index.html"), profile, ["--dump-dom"]);
      assertStringIncludes(
        index,
        '<a href="01_figures.html">Fixture: figures, tables and verdicts</a>',
      );
      assertStringIncludes(index, "cell 3: Error: fixture failure on purpose");
      const failedPage = await browseReportPage(join(out, "02_fails.html"), profile);
      assertStringIncludes(failedPage.dom, "fixture failure on purpose");
      assertEquals(failedPage.cssProblems, [], "02_fails.html: the lab stylesheet did not apply");

      const shot = join(out, "01_figures.png");
      await browse(join(out, "01_figures.html"), profile, [
        "--window-size=1200,2400",
        "--hide-scrollbars",
        `--screenshot=${shot}`,
      ]);
      assert((await Deno.stat(shot)).size > 20_000, "screenshot is nearly empty");

      // The check above sees a broken link: without the stylesheet, the lab CSS does not apply.
      await Deno.remove(join(out, "assets", "nbconvert-lab.css"));
      const unstyled = await browseReportPage(join(out, "01_figures.html"), profile);
      assert(unstyled.cssProblems.length >= 3, `unstyled: ${unstyled.cssProblems.join("; ")}`);
    } finally {
      await Deno.remove(out, { recursive: true });
      await Deno.remove(profile, { recursive: true });
    }
  },
});
