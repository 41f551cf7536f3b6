import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { greaterThan } from "../../lib/report/comparison.ts";
import {
  claimsMatrix,
  reportIndexHtml,
  type ReportSection,
} from "../../lib/report/report_index.ts";
import { type RegimeRecord, regimeRecord } from "../../lib/report/regime_check.ts";
import { claimVerdict, verdict, type VerdictRecord } from "../../lib/report/verdict.ts";

const record = (i: number, h: boolean): VerdictRecord =>
  verdict(
    `claim ${i}`,
    greaterThan({ label: "a", value: h ? 0.5 : 0.1 }, { label: "b", value: 0.3 }),
  ).record;

const section = (
  name: string,
  ok: boolean,
  verdicts: VerdictRecord[],
  regime: RegimeRecord[] = [],
): ReportSection => ({
  name,
  href: `${name}.html`,
  notebookHref: `${name}.ipynb`,
  ok,
  failure: ok ? null : "kernel died",
  seconds: 75.4,
  preset: "smoke",
  summary: {
    title: `Title <${name}>`,
    verdicts,
    regime,
    runInfo: ok
      ? { backend: "wasm", seed: 42, preset: "smoke", versions: { tfjs: "4.22.0" } }
      : null,
    errors: [],
    codeCells: { total: 3, executed: 3 },
  },
});

Deno.test("reportIndexHtml: sections, verdict counts, run info, failures, relative links", () => {
  const html = reportIndexHtml(
    [section("01_a", true, [record(0, true), record(1, false)]), section("02_b", false, [])],
    { generatedAt: "2025-01-01T00:00:00Z", versions: { deno: "2.9.6" } },
  );
  assertStringIncludes(html, '2 sections, <span class="fails">1 failed</span>');
  assertStringIncludes(html, "2 claims: 1 hold, 1 do not hold, 0 within noise, 0 not run");
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

Deno.test("reportIndexHtml: the claims matrix opens the page, before the sections", () => {
  const v = claimVerdict({
    id: "btm-obs1",
    claim: "Obs. 1: f^D beats f on H",
    parts: [{
      what: "H-mean",
      a: { label: "f^D", ours: [0.2, 0.24], paper: 26.37 },
      b: { label: "f", ours: [0.01, 0.02], paper: 1.47 },
    }],
    seeds: [0, 1],
    quote: "Observation 1 For the first-stage pre-trained model",
    cite: { file: "btm_paper.txt", line: 329 },
  }).record;
  const html = reportIndexHtml([section("02_obs", true, [v])], {
    generatedAt: "x",
    versions: {},
    claims: [
      { id: "btm-obs1", notebook: "02_obs", claim: "Obs. 1: f^D beats f on H" },
      { id: "btm-obs2", notebook: "02_obs", claim: "Obs. 2: smooth, monotone" },
      { id: "btm-table9", notebook: "09_gml", claim: "Table 9" },
    ],
  });
  const matrix = html.indexOf('<table class="claims">');
  assert(matrix > 0 && matrix < html.indexOf('<h2 id="sections">'), "matrix before the sections");
  assertStringIncludes(html, "3 claims: 1 hold, 0 do not hold, 0 within noise, 2 not run");
  assertStringIncludes(html, '<a href="02_obs.html">Obs. 1: f^D beats f on H</a>');
  assertStringIncludes(html, "H-mean f^D 26.37 vs f 1.47");
  assertStringIncludes(html, "H-mean f^D 22.00 ± 2.83 vs f 1.50 ± 0.71");
  // A notebook that is not in the report: its claims are listed, not run, with no link.
  assertStringIncludes(html, "<tr><td>Table 9<div");
  assertEquals(html.split('class="notrun"').length - 1, 2);
});

Deno.test("claimsMatrix: expected claims in order, one row per verdict, the rest after, old records read", () => {
  const scoped = (scope: string, h: boolean) => ({
    ...record(0, h),
    id: "btm-table2",
    scope,
  });
  // A record of the first format: holds and evidence only.
  const old = { claim: "old claim", holds: false, evidence: "x is 1", values: {}, source: null };
  const rows = claimsMatrix(
    [section("04_t", true, [scoped("synth-places", true), scoped("tiny", false), old as never])],
    [{ id: "btm-table2", notebook: "04_t", claim: "Table 2 headline" }],
  );
  assertEquals(rows.map((r) => [r.claim, r.status]), [
    ["Table 2 headline (synth-places)", "holds"],
    ["Table 2 headline (tiny)", "does not hold"],
    ["old claim", "does not hold"],
  ]);
  assertEquals(rows[2].sentence, "Does not hold: x is 1");
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

Deno.test("reportIndexHtml: several seeds are listed as seeds", () => {
  const s = section("02_obs", true, []);
  s.summary.runInfo = {
    backend: "onednn",
    seed: 0,
    seeds: [0, 1, 2],
    preset: "default",
    versions: {},
  };
  assertStringIncludes(reportIndexHtml([s], { generatedAt: "x", versions: {} }), "seeds 0, 1, 2");
});

Deno.test("reportIndexHtml: a Regime targets section lists every notebook's regime records", () => {
  const acc = regimeRecord(
    {
      id: "pretrain-accuracy",
      what: "CE <pre-train> accuracy",
      min: 28,
      max: 50,
      unit: "%",
      basis: "p",
    },
    [40, 42],
  );
  const zero = regimeRecord(
    {
      id: "members-zero",
      what: "members' zero classes",
      min: null,
      max: 0,
      unit: "classes",
      basis: "p",
    },
    [0, 1],
    { value: 0.5, statistic: "median" },
  );
  const gain = regimeRecord(
    { id: "observation-gain", what: "gain", min: 10, max: null, unit: "points", basis: "p" },
    [12],
  );
  const html = reportIndexHtml([
    section("01_a", true, [record(0, true)], [acc, zero]),
    section("02_b", true, []),
    section("03_c", true, [], [gain]),
  ], { generatedAt: "x", versions: {} });
  const at = html.indexOf('<h2 id="regime">Regime targets</h2>');
  assert(at > html.indexOf('<h2 id="claims">'), "after the claims matrix");
  assert(at < html.indexOf('<h2 id="sections">'), "before the sections");
  assertStringIncludes(
    html,
    '<tr><td><a href="01_a.html">CE &lt;pre-train&gt; accuracy</a></td><td>41.00 %</td>' +
      '<td>28–50 %</td><td class="holds">met</td></tr>',
  );
  assertStringIncludes(
    html,
    '<tr><td><a href="01_a.html">members&#39; zero classes</a></td><td>0.5</td>' +
      '<td>≤ 0 classes</td><td class="fails">not met</td></tr>',
  );
  assertStringIncludes(
    html,
    '<tr><td><a href="03_c.html">gain</a></td><td>12.00</td><td>≥ 10 points</td>' +
      '<td class="holds">met</td></tr>',
  );
  // Regime targets are not claims: the claim counts are unchanged.
  assertStringIncludes(html, "1 claim: 1 hold");
});

Deno.test("reportIndexHtml: no regime records, no Regime targets section (also for older summaries)", () => {
  const none = reportIndexHtml([section("01_a", true, [record(0, true)])], {
    generatedAt: "x",
    versions: {},
  });
  assertEquals(none.includes('id="regime"'), false);
  assertEquals(none.includes("Regime targets"), false);
  // A section kept from an earlier report.json, written before summaries had `regime`.
  const old = section("01_a", true, [record(0, true)]);
  delete (old.summary as Partial<typeof old.summary>).regime;
  const html = reportIndexHtml([old], { generatedAt: "x", versions: {} });
  assertEquals(html.includes('id="regime"'), false);
  assertStringIncludes(html, '<span class="holds">Holds:</span> claim 0');
});
