import { assertEquals } from "@std/assert";
import {
  containsPrinted,
  parsePrintedNumber,
  printedNumbers,
} from "../../lib/paper/_printed_numbers.ts";

Deno.test("printedNumbers: cells of a table line, citations, tags and gains dropped", () => {
  const texts = (line: string) => printedNumbers(line).map((p) => p.text);
  assertEquals(texts("BSCE [25] 5.64 29.30 0.00 37.18"), ["5.64", "29.30", "0.00", "37.18"]);
  assertEquals(texts("ImageNet-LT [6, 21] 1,000 115,846 50,000 256"), [
    "1,000",
    "115,846",
    "50,000",
    "256",
  ]);
  assertEquals(printedNumbers("ImageNet-LT [6, 21] 1,000 115,846")[1].value, 115846);
  assertEquals(texts("CE + GML\t36.59 (15.56 $\\uparrow$ )\t31.26 (29.21 $\\uparrow$ )"), [
    "36.59",
    "31.26",
  ]);
  assertEquals(texts("1\t1\t45.70\t<b>41.02</b>\t<b>15.00</b>"), [
    "1",
    "1",
    "45.70",
    "41.02",
    "15.00",
  ]);
  assertEquals(texts("Model10 25.79"), ["10", "25.79"]);
  const starred = printedNumbers("CE\t38.74\t21.03*\t2.05*\t0.00");
  assertEquals(starred.map((p) => p.asterisk), [false, true, true, false]);
  assertEquals(starred.map((p) => p.decimal), [true, true, true, true]);
  assertEquals(printedNumbers("00.73")[0].value, 0.73);
});

Deno.test("parsePrintedNumber: the papers' spellings of a number", () => {
  assertEquals(parsePrintedNumber("26.37%"), 26.37);
  assertEquals(parsePrintedNumber("+18.43%"), 18.43);
  assertEquals(parsePrintedNumber("1,000"), 1000);
  assertEquals(parsePrintedNumber("10−3"), 1e-3);
  assertEquals(parsePrintedNumber("5×10−4"), 5e-4);
  assertEquals(parsePrintedNumber("5× 10−4"), 5e-4);
  assertEquals(parsePrintedNumber("5 \\times 10^{-2}"), 0.05);
  assertEquals(parsePrintedNumber("10^{-3}"), 1e-3);
  assertEquals(parsePrintedNumber("about 5"), NaN);
  assertEquals(parsePrintedNumber("10-3"), NaN); // an ASCII hyphen is not the PDF's minus sign
});

Deno.test("containsPrinted: whole numbers only", () => {
  assertEquals(containsPrinted("lowest recall to 15.00", "15.00"), true);
  assertEquals(containsPrinted("lowest recall to 15.00", "1"), false);
  assertEquals(containsPrinted("the 1.47% harmonic", "1"), false);
  assertEquals(containsPrinted("t_{old} = 1$", "1"), true);
  assertEquals(containsPrinted("CIFAR100-LT", "100"), false);
  assertEquals(containsPrinted("a 5-shot subset", "5"), true);
  assertEquals(containsPrinted("0.15", "15"), false);
});
