import { assertEquals, assertThrows } from "@std/assert";
import { checkFraction, formatFraction } from "../../lib/report/format_fraction.ts";

Deno.test("formatFraction: fractions become percentages with the given digits", () => {
  assertEquals(formatFraction(0.4567), "45.7%");
  assertEquals(formatFraction(0.4567, { digits: 2, percentSign: false }), "45.67");
  assertEquals(formatFraction(0), "0.0%");
  assertEquals(formatFraction(1), "100.0%");
});

Deno.test("formatFraction: values outside [0, 1] are a unit error, named in the message", () => {
  assertThrows(() => formatFraction(45.7), RangeError, "45.7");
  assertThrows(() => formatFraction(-0.1), RangeError, "fractions in [0, 1]");
  assertThrows(() => checkFraction(NaN, "paper BTM/h"), RangeError, "paper BTM/h NaN");
});
