import { assertEquals, assertStringIncludes } from "@std/assert";
import { reportIndexHtml, type ReportSection } from "../../lib/report/report_index.ts";

const section = (name: string, ok: boolean, holds: boolean[]): ReportSection => ({
  name,
  href: `${name}.html`,
  notebookHref: `${name}.ipynb`,
  ok,
  failure: ok ? null : "kernel died",
  seconds: 75.4,
  preset: "smoke",
  summary: {
    title: `Title <${name}>`,
    verdicts: holds.map((h, i) => ({
      claim: `claim ${i}`,
      holds: h,
      evidence: `ev ${i}`,
      values: {},
      source: null,
    })),
    runInfo: ok
      ? { backend: "wasm", seed: 42, preset: "smoke", versions: { tfjs: "4.22.0" } }
      : null,
    errors: [],
    codeCells: { total: 3, executed: 3 },
  },
});

Deno.test("reportIndexHtml: sections, verdict counts, run info, failures, relative links", () => {
  const html = reportIndexHtml([section("01_a", true, [true, false]), section("02_b", false, [])], {
    generatedAt: "2025-01-01T00:00:00Z",
    versions: { deno: "2.9.6" },
  });
  assertStringIncludes(html, '2 sections, <span class="fails">1 failed</span>');
  assertStringIncludes(html, "2 claims checked: 1 hold, 1 do not");
  assertStringIncludes(html, '<a href="01_a.html">Title &lt;01_a&gt;</a>');
  assertStringIncludes(
    html,
    "ran in 1 min 15 s · preset smoke · backend wasm · seed 42 · tfjs 4.22.0",
  );
  assertStringIncludes(html, '<span class="holds">Holds:</span> claim 0');
  assertStringIncludes(html, '<span class="fails">Does not hold:</span> claim 1');
  assertStringIncludes(html, '<div class="error">kernel died</div>');
  assertEquals(/(src|href)="(https?:|\/)/.test(html), false, "no absolute links");
  assertEquals(html.includes("<script"), false);
});

Deno.test("reportIndexHtml: run times round once (no '1 min 60 s')", () => {
  const ranIn = (seconds: number) => {
    const html = reportIndexHtml([{ ...section("01_a", true, []), seconds }], {
      generatedAt: "2025-01-01T00:00:00Z",
      versions: {},
    });
    return /ran in ([^·]*) ·/.exec(html)?.[1];
  };
  assertEquals(ranIn(1.48), "1.5 s");
  assertEquals(ranIn(59.94), "59.9 s");
  assertEquals(ranIn(59.96), "1 min 0 s");
  assertEquals(ranIn(119.7), "2 min 0 s");
  assertEquals(ranIn(119.4), "1 min 59 s");
  assertEquals(ranIn(512.85), "8 min 33 s");
});

Deno.test("reportIndexHtml: a notebook that could not run has no notebook link, and shows why", () => {
  const s = { ...section("03_c", false, []), notebookHref: null, failure: "NotJSONError: bad" };
  const html = reportIndexHtml([s], { generatedAt: "x", versions: {} });
  assertStringIncludes(html, "no executed notebook");
  assertStringIncludes(html, '<div class="error">NotJSONError: bad</div>');
  assertEquals(html.includes("03_c.ipynb"), false);
});
