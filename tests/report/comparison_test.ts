import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { allOf, closeTo, greaterThan } from "../../lib/report/comparison.ts";

const btm = { label: "BTM", value: 0.452 };
const ce = { label: "CE", value: 0.401 };

Deno.test("greaterThan: decides from the numbers and states them", () => {
  const yes = greaterThan(btm, ce);
  assertEquals(yes.holds, true);
  assertEquals(yes.evidence, "BTM is 45.2% and CE is 40.1%: BTM is higher by 5.1 points");
  assertEquals(yes.values, { BTM: 0.452, CE: 0.401 });
  const no = greaterThan(ce, btm);
  assertEquals(no.holds, false);
  assertStringIncludes(no.evidence, "lower by 5.1 points");
  const margin = greaterThan(btm, ce, { margin: 0.06 });
  assertEquals(margin.holds, false);
  assertStringIncludes(margin.evidence, "more than 6.0 points is required");
  assertEquals(greaterThan(btm, btm).holds, false);
});

Deno.test("closeTo: tolerance in the values' unit; plain numbers", () => {
  assertEquals(closeTo(btm, ce, { tolerance: 0.06 }).holds, true);
  assertEquals(closeTo(btm, ce, { tolerance: 0.05 }).holds, false);
  const n = closeTo({ label: "a", value: 12.5 }, { label: "b", value: 10 }, {
    tolerance: 3,
    unit: "number",
  });
  assertEquals(n.evidence, "a is 12.5 and b is 10.0: 2.5 apart, within the tolerance of 3.0");
  assertThrows(() => closeTo(btm, ce, { tolerance: -1 }), RangeError, "-1");
  assertThrows(() => greaterThan({ label: "x", value: 45 }, ce), RangeError, "45");
});

Deno.test("allOf: holds only when every comparison holds", () => {
  const both = allOf([greaterThan(btm, ce), closeTo(btm, ce, { tolerance: 0.1 })]);
  assertEquals(both.holds, true);
  assertStringIncludes(both.evidence, "all 2 comparisons hold");
  const one = allOf([greaterThan(btm, ce), greaterThan(ce, btm)]);
  assertEquals(one.holds, false);
  assertStringIncludes(one.evidence, "1 of 2 comparisons fail");
  assertThrows(() => allOf([]), RangeError);
});
