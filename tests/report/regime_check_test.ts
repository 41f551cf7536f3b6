import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { JUPYTER_DISPLAY } from "../../lib/report/display_bundle.ts";
import {
  REGIME_MIME,
  regimeDisplay,
  regimeHtml,
  regimeRange,
  type RegimeRecord,
  regimeRecord,
  regimeText,
} from "../../lib/report/regime_check.ts";

type Target = Parameters<typeof regimeRecord>[0];

const target = (
  min: number | null,
  max: number | null,
  unit: RegimeRecord["unit"] = "%",
): Target => ({
  id: "t-acc",
  what: "CE <pre-train> accuracy",
  min,
  max,
  unit,
  basis: "paper 38.74",
});

Deno.test("regimeRange: both bounds, one bound, none; the unit after the numbers", () => {
  assertEquals(regimeRange({ min: 28, max: 50, unit: "%" }), "28–50 %");
  assertEquals(regimeRange({ min: 15, max: null, unit: "%" }), "≥ 15 %");
  assertEquals(regimeRange({ min: null, max: 0, unit: "classes" }), "≤ 0 classes");
  assertEquals(regimeRange({ min: 10, max: null, unit: "points" }), "≥ 10 points");
  assertEquals(regimeRange({ min: null, max: null, unit: "%" }), "any");
});

Deno.test("regimeRecord: met at both bounds (inclusive), not met just outside", () => {
  for (const [v, met] of [[28, true], [50, true], [39, true], [27.99, false], [50.01, false]]) {
    const r = regimeRecord(target(28, 50), [v as number]);
    assertEquals(r.met, met, `value ${v} in 28–50`);
  }
  // One-sided ranges: only the given bound counts.
  assertEquals(regimeRecord(target(15, null), [15]).met, true);
  assertEquals(regimeRecord(target(15, null), [14.99]).met, false);
  assertEquals(regimeRecord(target(15, null), [1e6]).met, true);
  assertEquals(regimeRecord(target(null, 0, "classes"), [0]).met, true);
  assertEquals(regimeRecord(target(null, 0, "classes"), [1]).met, false);
  assertEquals(regimeRecord(target(null, 0, "classes"), [-5]).met, true);
  assertEquals(regimeRecord(target(null, null), [-1e9]).met, true);
});

Deno.test("regimeRecord: the mean by default; an explicit value and statistic are kept", () => {
  const mean = regimeRecord(target(28, 50), [20, 40, 45]);
  assertEquals(mean.value, 35);
  assertEquals(mean.statistic, "mean");
  assertEquals(mean.perSeed, [20, 40, 45]);
  assertEquals(mean.met, true);
  assertEquals(
    { id: mean.id, what: mean.what, min: mean.min, max: mean.max, unit: mean.unit },
    { id: "t-acc", what: "CE <pre-train> accuracy", min: 28, max: 50, unit: "%" },
  );
  assertEquals(mean.basis, "paper 38.74");

  // The mean (35) is in range, the given median (20) is not: met follows `value`.
  const median = regimeRecord(target(28, 50), [20, 40, 45], { value: 20, statistic: "median" });
  assertEquals(median.value, 20);
  assertEquals(median.statistic, "median");
  assertEquals(median.perSeed, [20, 40, 45]);
  assertEquals(median.met, false);

  // The per-seed values are copied, not shared with the caller.
  const values = [30, 40];
  const r = regimeRecord(target(28, 50), values);
  values.push(1000);
  assertEquals(r.perSeed, [30, 40]);
});

Deno.test("regimeRecord: RangeError naming the target on no values or a non-finite one", () => {
  assertThrows(() => regimeRecord(target(28, 50), []), RangeError, "t-acc");
  for (const bad of [NaN, Infinity, -Infinity]) {
    assertThrows(() => regimeRecord(target(28, 50), [40, bad]), RangeError, "t-acc");
  }
  // An explicit value must be finite too: NaN would read as met on an open range.
  assertThrows(
    () => regimeRecord(target(null, null), [40], { value: NaN, statistic: "median" }),
    RangeError,
    "t-acc",
  );
});

Deno.test("regimeText and regimeHtml: value, per seed, range, met, basis; HTML escaped", () => {
  const records = [
    regimeRecord(target(28, 50), [40, 42]),
    regimeRecord({ ...target(null, 0, "classes"), id: "z", what: "zero classes" }, [0, 1, 2], {
      value: 1,
      statistic: "median",
    }),
  ];
  const text = regimeText(records).split("\n");
  assertEquals(text.length, 2);
  assertEquals(
    text[0],
    "met: CE <pre-train> accuracy 41.00 (mean; per seed 40.00, 42.00), target 28–50 % — paper 38.74",
  );
  assertEquals(
    text[1],
    "NOT MET: zero classes 1 (median; per seed 0, 1, 2), target ≤ 0 classes — paper 38.74",
  );

  const html = regimeHtml(records, "Regime <synth>");
  assertStringIncludes(html, "<caption>Regime &lt;synth&gt;</caption>");
  assertStringIncludes(html, "CE &lt;pre-train&gt; accuracy");
  assertEquals(html.includes("<pre-train>"), false);
  assertStringIncludes(html, "<td>41.00 %</td><td>40.00, 42.00</td><td>28–50 %</td>");
  assertStringIncludes(html, ">met</td>");
  assertStringIncludes(html, "<td>1</td><td>0, 1, 2</td><td>≤ 0 classes</td>");
  assertStringIncludes(html, ">not met</td>");
  assertEquals(html.match(/<tr>/g)?.length, 3, "a header row and one row per record");
});

Deno.test("regimeDisplay: text, HTML and the records under REGIME_MIME; allMet", () => {
  const met = regimeRecord(target(28, 50), [40]);
  const missed = regimeRecord({ ...target(10, null, "points"), id: "gain" }, [5]);
  const d = regimeDisplay([met, missed], "Regime checks");
  assertEquals(d.allMet, false);
  assertEquals(d.records, [met, missed]);
  const bundle = d[JUPYTER_DISPLAY]();
  assertEquals(Object.keys(bundle).sort(), [REGIME_MIME, "text/html", "text/plain"].sort());
  assertEquals(bundle[REGIME_MIME], [met, missed]);
  assertEquals(bundle["text/plain"], `Regime checks\n${regimeText([met, missed])}`);
  assertEquals(bundle["text/html"], regimeHtml([met, missed], "Regime checks"));
  // Survives the JSON round trip a notebook output goes through.
  assertEquals(JSON.parse(JSON.stringify(bundle[REGIME_MIME])), [met, missed]);

  assert(regimeDisplay([met], "x").allMet);
  assert(regimeDisplay([], "x").allMet, "no targets: nothing missed");
  assertEquals(REGIME_MIME, "application/vnd.btm-lab.regime+json");
});
