import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { greaterThan } from "../../lib/report/comparison.ts";
import { VERDICT_MIME } from "../../lib/report/display_bundle.ts";
import { verdict } from "../../lib/report/verdict.ts";

Deno.test("verdict: follows the comparison, carries it machine-readably", () => {
  const a = { label: "BTM", value: 0.5 };
  const b = { label: "CE", value: 0.4 };
  for (const [x, y, holds] of [[a, b, true], [b, a, false]] as const) {
    const v = verdict("BTM <beats> CE", greaterThan(x, y), { source: "Table 2" });
    assertEquals(v.record.holds, holds);
    // deno-lint-ignore no-explicit-any
    const bundle = (v as any)[Symbol.for("Jupyter.display")]();
    assertEquals(bundle[VERDICT_MIME], v.record);
    assertEquals(bundle[VERDICT_MIME].source, "Table 2");
    assertStringIncludes(bundle["text/html"], holds ? "Holds:" : "Does not hold:");
    assertStringIncludes(bundle["text/html"], "BTM &lt;beats&gt; CE");
    assertStringIncludes(bundle["text/html"], "50.0%");
    assertStringIncludes(bundle["text/plain"], holds ? "HOLDS" : "DOES NOT HOLD");
  }
});

Deno.test("verdict: needs a claim and a real comparison", () => {
  const c = greaterThan({ label: "a", value: 0.2 }, { label: "b", value: 0.1 });
  assertThrows(() => verdict(" ", c), TypeError, "claim");
  // deno-lint-ignore no-explicit-any
  assertThrows(() => verdict("x", { holds: "yes" } as any), TypeError, "not the result");
});
