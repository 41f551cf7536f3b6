import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { greaterThan } from "../../lib/report/comparison.ts";
import { VERDICT_MIME } from "../../lib/report/display_bundle.ts";
import { claimVerdict, notRunVerdict, verdict } from "../../lib/report/verdict.ts";

// deno-lint-ignore no-explicit-any
const bundle = (v: unknown) => (v as any)[Symbol.for("Jupyter.display")]();

Deno.test("verdict: follows the comparison, carries it machine-readably", () => {
  const a = { label: "BTM", value: 0.5 };
  const b = { label: "CE", value: 0.4 };
  for (const [x, y, holds] of [[a, b, true], [b, a, false]] as const) {
    const v = verdict("BTM <beats> CE", greaterThan(x, y), { source: "Table 2" });
    assertEquals(v.record.holds, holds);
    assertEquals(v.record.status, holds ? "holds" : "does not hold");
    const out = bundle(v);
    assertEquals(out[VERDICT_MIME], v.record);
    assertEquals(out[VERDICT_MIME].source, "Table 2");
    assertStringIncludes(out["text/html"], holds ? "Holds:" : "Does not hold:");
    assertStringIncludes(out["text/html"], "BTM &lt;beats&gt; CE");
    assertStringIncludes(out["text/html"], "50.0%");
    assertStringIncludes(out["text/plain"], holds ? "HOLDS" : "DOES NOT HOLD");
  }
});

Deno.test("verdict: needs a claim and a real comparison", () => {
  const c = greaterThan({ label: "a", value: 0.2 }, { label: "b", value: 0.1 });
  assertThrows(() => verdict(" ", c), TypeError, "claim");
  // deno-lint-ignore no-explicit-any
  assertThrows(() => verdict("x", { holds: "yes" } as any), TypeError, "not the result");
  assertThrows(
    () => verdict("x", c, { quote: "words", cite: null }),
    TypeError,
    "needs a cite",
  );
});

const obs1 = (fD: number[], f: number[]) =>
  claimVerdict({
    id: "btm-obs1",
    claim: "Obs. 1: f^D beats f on H",
    parts: [{
      what: "H-mean",
      a: { label: "f^D", ours: fD, paper: 26.37 },
      b: { label: "f", ours: f, paper: 1.47 },
    }],
    seeds: fD.map((_, i) => i),
    quote: "Observation 1 For the first-stage pre-trained model in long-tailed learning",
    cite: { file: "btm_paper.txt", line: 329 },
    contradicting: [{ quote: "but lower average accuracy", cite: { file: "x.txt", line: 9 } }],
    source: "BTM paper, Section 3.2",
  });

Deno.test("claimVerdict: status, sentence, the paper beside ours, quote and cite", () => {
  const one = obs1([0.221], [0.009]).record;
  assertEquals(one.status, "holds");
  assertEquals(
    one.sentence,
    "Holds: H-mean f^D 22.10 vs f 0.90 (paper 26.37 vs 1.47); 1 seed, no noise estimate",
  );
  assertEquals(one.paperSummary, "H-mean f^D 26.37 vs f 1.47");
  assertEquals(one.oursSummary, "H-mean f^D 22.10 vs f 0.90");
  assertEquals(one.cite, { file: "btm_paper.txt", line: 329 });
  assertEquals(one.parts[0].a.paper, 26.37);
  const html = bundle(obs1([0.221], [0.009]))["text/html"];
  assertStringIncludes(html, "“Observation 1 For the first-stage pre-trained model");
  assertStringIncludes(html, "— btm_paper.txt:329");
  assertStringIncludes(html, "The paper also says: “but lower average accuracy”");

  const noisy = obs1([0.02, 0.05, 0.01], [0.03, 0.01, 0.02]).record;
  assertEquals(noisy.status, "within noise");
  assertEquals(noisy.seeds, [0, 1, 2]);
  assertStringIncludes(noisy.sentence, "Within noise: H-mean f^D 2.67 ± 2.08 vs f 2.00 ± 1.00");
  assertStringIncludes(noisy.sentence, "mean ± sd over 3 seeds");
  assertEquals(obs1([0.01, 0.02], [0.2, 0.21]).record.status, "does not hold");
});

Deno.test("claimVerdict: the seeds must match the per-seed values", () => {
  assertThrows(
    () =>
      claimVerdict({
        claim: "x",
        parts: [{
          what: "H",
          a: { label: "a", ours: [0.1, 0.2] },
          b: { label: "b", ours: [0, 0] },
        }],
        seeds: [0],
      }),
    RangeError,
    "2 per-seed values but seeds [0]",
  );
});

Deno.test("notRunVerdict: says why, keeps the paper's words and numbers", () => {
  const v = notRunVerdict({
    id: "btm-table10",
    claim: "Table 10: PaCo + GML",
    why: "PaCo is not implemented",
    paperSummary: "H-mean PaCo + GML 31.06 vs PaCo 21.75",
    quote: "words",
    cite: { file: "btm_paper_with_supplement.txt", line: 339 },
  }).record;
  assertEquals(v.status, "not run");
  assertEquals(v.holds, false);
  assertEquals(v.sentence, "Not run: PaCo is not implemented");
  assertEquals(v.oursSummary, "not run");
});
