import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  checkQuote,
  findQuote,
  isPaperFile,
  joinedLines,
  PAPER_FILES,
  paperLine,
  paperLines,
  paperText,
} from "../../lib/paper/paper_text.ts";

const VENDORED = new URL("../../data/paper/sources/", import.meta.url);
/** `shared/papers/` beside the repository (absent on a clean CI checkout). */
const SHARED = new URL("../../../shared/papers/", import.meta.url);
const VENDORED_FILES = [...PAPER_FILES, "README.md"];

function exists(url: URL): boolean {
  try {
    return Deno.statSync(url).isFile;
  } catch {
    return false;
  }
}

Deno.test("vendored paper files exist, and the module's text is the file's text", () => {
  for (const name of VENDORED_FILES) {
    const url = new URL(name, VENDORED);
    assert(exists(url), `data/paper/sources/${name} is missing`);
    assert(Deno.statSync(url).size > 1000, `data/paper/sources/${name} is nearly empty`);
  }
  for (const file of PAPER_FILES) {
    assertEquals(paperText(file), Deno.readTextFileSync(new URL(file, VENDORED)), file);
  }
});

Deno.test(
  "vendored paper files are byte-identical to ../shared/papers where it exists",
  { ignore: !exists(new URL("README.md", SHARED)) },
  () => {
    for (const name of VENDORED_FILES) {
      const shared = Deno.readFileSync(new URL(name, SHARED));
      const vendored = Deno.readFileSync(new URL(name, VENDORED));
      assertEquals(vendored.length, shared.length, `${name}: sizes differ`);
      assert(vendored.every((b, i) => b === shared[i]), `${name}: bytes differ`);
    }
  },
);

Deno.test("paperLines: 1-based lines as editors number them", () => {
  const lines = paperLines("btm_paper.txt");
  // The file has 1095 newlines and a last line (" ") without one.
  assertEquals(lines.length, 1096);
  assertEquals(lines[0], " Abstract");
  assertEquals(paperLine("btm_paper.txt", 1), " Abstract");
  assert(paperLine("btm_paper.txt", 329).startsWith("Observation 1 For the first-stage"));
  assert(paperLine("btm_paper.txt", 353).startsWith("The average accuracy of fD is 9.09%"));
  assert(paperLine("gml_paper.txt", 87).startsWith("Our method is simple."));
  assert(paperLine("gml_appendix.txt", 22).startsWith("**CIFAR100-LT.**"));
  assertEquals(paperLines("gml_appendix.txt").length, 72);
  assert(Object.isFrozen(lines));
});

Deno.test("paperLine: errors name the file and the line", () => {
  let err = assertThrows(() => paperLine("btm_paper.txt", 0), Error);
  assertStringIncludes(err.message, "btm_paper.txt line 0");
  assertStringIncludes(err.message, "1-1096");
  err = assertThrows(() => paperLine("gml_paper.txt", 393), Error);
  assertStringIncludes(err.message, "gml_paper.txt line 393");
  err = assertThrows(() => paperLine("gml_paper.txt", 1.5), Error);
  assertStringIncludes(err.message, "1.5");
  err = assertThrows(() => paperLines("btm.pdf"), Error);
  assertStringIncludes(err.message, '"btm.pdf"');
  for (const f of PAPER_FILES) assertStringIncludes(err.message, f);
  assert(isPaperFile("gml_appendix.txt"));
  assert(!isPaperFile("README.md"), "the README is vendored but is not a citable text");
});

Deno.test("joinedLines: one space between lines; a bad range throws", () => {
  assertEquals(
    joinedLines("btm_paper.txt", 392, 394),
    "Observation 3 The harmonic and geometric mean of the original model fDA and fDB are both higher than the ones of fDA∪B .",
  );
  assertThrows(() => joinedLines("btm_paper.txt", 10, 9), Error, "ends before it starts");
  assertThrows(() => joinedLines("btm_paper.txt", 1090, 1100), Error, "line 1100");
});

Deno.test("findQuote: a quote must start on its cited line, lines joined by one space", () => {
  const cite = { file: "btm_paper.txt", line: 353 } as const;
  const m = findQuote(cite, "The average accuracy of fD is 9.09% higher than f , and we do obtain");
  assertEquals(m, { line: 353, endLine: 354, column: 0 });
  // Starting mid-line is fine.
  assertEquals(findQuote(cite, "9.09% higher")?.column, 30);
  // The same words cited one line late or early are not found.
  assertEquals(findQuote({ file: "btm_paper.txt", line: 354 }, "9.09% higher"), null);
  assertEquals(findQuote({ file: "btm_paper.txt", line: 352 }, "9.09% higher"), null);
  // No normalisation: two spaces, a repaired hyphen or a changed case do not match.
  assertEquals(findQuote(cite, "The average  accuracy"), null);
  assertEquals(findQuote({ file: "btm_paper.txt", line: 325 }, "significantly higher"), null);
  assert(findQuote({ file: "btm_paper.txt", line: 325 }, "signifi- cantly higher") !== null);
  assertEquals(findQuote(cite, "the average accuracy of fD"), null);
  assertThrows(() => findQuote(cite, ""), Error, "empty quote");
  assertThrows(() => findQuote({ file: "btm_paper.txt", line: 5000 }, "x"), Error, "line 5000");
});

Deno.test("checkQuote: throws with the cited line when the quote is not there", () => {
  checkQuote({ file: "gml_paper.txt", line: 87 }, "we re-initialize the last FC layer");
  const err = assertThrows(
    () => checkQuote({ file: "gml_paper.txt", line: 88 }, "we re-initialize", 'claim "x"'),
    Error,
  );
  assertStringIncludes(err.message, 'claim "x"');
  assertStringIncludes(err.message, "gml_paper.txt:88");
});
