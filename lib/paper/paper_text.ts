/**
 * The papers' text, as vendored byte for byte from `shared/papers/` into
 * `data/paper/sources/`, addressed by file and 1-based line number.
 *
 * Every table in `data/paper/` and every quote in the claims catalog cites a
 * file and a line of these texts; this module is how those cites are read and
 * checked. The texts are imported as modules (no file-system permission is
 * needed), so they are there on a clean checkout, in CI and in notebooks.
 *
 * @module
 */

import btmPaper from "../../data/paper/sources/btm_paper.txt" with { type: "text" };
import btmSupplement from "../../data/paper/sources/btm_paper_with_supplement.txt" with {
  type: "text",
};
import gmlPaper from "../../data/paper/sources/gml_paper.txt" with { type: "text" };
import gmlAppendix from "../../data/paper/sources/gml_appendix.txt" with { type: "text" };

/**
 * The citable text files, named as in `shared/papers/`:
 * - `btm_paper.txt`: the BTM paper from its PDF, supplementary material included;
 *   tables keep their rows (the better transcription of tables).
 * - `btm_paper_with_supplement.txt`: the same paper from its HTML rendering,
 *   one paragraph per line (easier to quote; maths garbled, tables flattened).
 * - `gml_paper.txt`: the GML paper (*No One Left Behind*, CVPR 2023).
 * - `gml_appendix.txt`: its appendix.
 */
export const PAPER_FILES = [
  "btm_paper.txt",
  "btm_paper_with_supplement.txt",
  "gml_paper.txt",
  "gml_appendix.txt",
] as const;

/** One of {@linkcode PAPER_FILES}. */
export type PaperFile = typeof PAPER_FILES[number];

/** A place in the papers' text: a file and a 1-based line number. */
export interface PaperCite {
  /** The text file, named as in `shared/papers/`. */
  file: PaperFile;
  /** 1-based line number (line 1 is the file's first line, as `sed -n 1p` and editors count). */
  line: number;
}

const TEXTS: Record<PaperFile, string> = {
  "btm_paper.txt": btmPaper,
  "btm_paper_with_supplement.txt": btmSupplement,
  "gml_paper.txt": gmlPaper,
  "gml_appendix.txt": gmlAppendix,
};

const LINES = new Map<PaperFile, readonly string[]>();

/**
 * Whether `file` is one of {@linkcode PAPER_FILES}.
 *
 * @example
 * ```ts
 * import { isPaperFile } from "./paper_text.ts";
 * if (!isPaperFile("gml_paper.txt") || isPaperFile("gml.pdf")) throw new Error("wrong");
 * ```
 */
export function isPaperFile(file: unknown): file is PaperFile {
  return typeof file === "string" && (PAPER_FILES as readonly string[]).includes(file);
}

/**
 * The whole text of one paper file, exactly as vendored.
 *
 * @param file one of {@linkcode PAPER_FILES}.
 * @throws Error naming the file and listing the valid ones when `file` is unknown.
 *
 * @example
 * ```ts
 * import { paperText } from "./paper_text.ts";
 * if (!paperText("btm_paper.txt").includes("Observation 1")) throw new Error("wrong text");
 * ```
 */
export function paperText(file: string): string {
  return TEXTS[checkFile(file)];
}

/**
 * The lines of one paper file: element `i` is line `i + 1`. The text is split
 * on "\n" only, so the count is the number of newlines plus one (a file whose
 * last line has no newline still has that line).
 *
 * @param file one of {@linkcode PAPER_FILES}.
 * @throws Error naming the file and listing the valid ones when `file` is unknown.
 *
 * @example
 * ```ts
 * import { paperLines } from "./paper_text.ts";
 * const lines = paperLines("gml_appendix.txt");
 * if (!lines[2].startsWith("# Appendix")) throw new Error("line 3 is the title");
 * ```
 */
export function paperLines(file: string): readonly string[] {
  const name = checkFile(file);
  let lines = LINES.get(name);
  if (lines === undefined) {
    lines = Object.freeze(TEXTS[name].split("\n"));
    LINES.set(name, lines);
  }
  return lines;
}

/**
 * One line of a paper file, 1-based.
 *
 * @param file one of {@linkcode PAPER_FILES}.
 * @param line 1-based line number.
 * @throws Error naming the file and the line when the line is not an integer
 *   in 1..(number of lines), or the file is unknown.
 *
 * @example
 * ```ts
 * import { paperLine } from "./paper_text.ts";
 * if (!paperLine("btm_paper.txt", 329).startsWith("Observation 1")) throw new Error("moved");
 * ```
 */
export function paperLine(file: string, line: number): string {
  const lines = paperLines(file);
  checkLine(file, line, lines.length);
  return lines[line - 1];
}

/**
 * Lines `start`..`end` (1-based, inclusive) of a paper file joined with a
 * single space each: the text a quote spanning those lines is matched against
 * (see {@linkcode findQuote}).
 *
 * @param file one of {@linkcode PAPER_FILES}.
 * @param start first line, 1-based.
 * @param end last line, 1-based, at least `start`.
 * @throws Error naming the file and the range when it is not inside the file.
 *
 * @example
 * ```ts
 * import { joinedLines } from "./paper_text.ts";
 * const text = joinedLines("btm_paper.txt", 392, 394);
 * if (!text.includes("are both higher than the ones of")) throw new Error("not joined");
 * ```
 */
export function joinedLines(file: string, start: number, end: number): string {
  const lines = paperLines(file);
  checkLine(file, start, lines.length);
  checkLine(file, end, lines.length);
  if (end < start) {
    throw new Error(`Cannot read ${file} lines ${start}-${end}: the range ends before it starts`);
  }
  return lines.slice(start - 1, end).join(" ");
}

/** Where {@linkcode findQuote} found a quote. */
export interface QuoteMatch {
  /** The cited line, where the quote starts (1-based). */
  line: number;
  /** The line where the quote ends (1-based; equal to `line` for a one-line quote). */
  endLine: number;
  /** Character offset of the quote's start within the cited line. */
  column: number;
}

/**
 * Finds a verbatim quote that starts on a cited line.
 *
 * Matching rule (the one every quote in this project is held to): the cited
 * line and the lines after it are joined with a single space each (nothing
 * else is changed: no hyphen repair, no whitespace folding, no case folding),
 * and the quote must occur in that text starting within the cited line. So a
 * quote that runs onto the next lines reads exactly as those lines joined by
 * one space, including a line-end hyphen followed by a space ("signifi-
 * cantly") where the extract breaks a word.
 *
 * @param cite the file and the line where the quote is said to start.
 * @param quote the verbatim words; must not be empty.
 * @returns where it was found, or null when it does not start on that line.
 * @throws Error when the file is unknown, the line is outside it, or the quote is empty.
 *
 * @example
 * ```ts
 * import { findQuote } from "./paper_text.ts";
 * const m = findQuote({ file: "btm_paper.txt", line: 392 }, "Observation 3 The harmonic and geometric mean of the original model");
 * if (m === null || m.endLine !== 393) throw new Error("not found across the line break");
 * ```
 */
export function findQuote(cite: PaperCite, quote: string): QuoteMatch | null {
  const lines = paperLines(cite.file);
  checkLine(cite.file, cite.line, lines.length);
  if (typeof quote !== "string" || quote.length === 0) {
    throw new Error(`Cannot look for an empty quote at ${cite.file}:${cite.line}`);
  }
  const first = lines[cite.line - 1];
  // Join only as many lines as the quote can span.
  let text = first;
  let next = cite.line; // 0-based index of the next line to append
  while (text.length < first.length + quote.length && next < lines.length) {
    text += " " + lines[next];
    next += 1;
  }
  const at = text.indexOf(quote);
  // indexOf finds the first occurrence: if that starts after the cited line, none starts on it.
  if (at === -1 || at >= first.length) return null;
  // The line the quote's last character falls on.
  const end = at + quote.length;
  let offset = 0;
  let endLine = cite.line;
  for (let i = cite.line - 1; i < lines.length; i++) {
    offset += lines[i].length;
    if (end <= offset) {
      endLine = i + 1;
      break;
    }
    offset += 1; // the joining space
  }
  return { line: cite.line, endLine, column: at };
}

/**
 * Throws unless `quote` starts verbatim on the cited line (matched as in
 * {@linkcode findQuote}).
 *
 * @param cite the file and line where the quote is said to start.
 * @param quote the verbatim words.
 * @param what names the quote's owner in the error (e.g. `claim "btm-obs1"`).
 * @throws Error quoting the cited line when the quote is not there.
 *
 * @example
 * ```ts
 * import { checkQuote } from "./paper_text.ts";
 * checkQuote({ file: "gml_paper.txt", line: 87 }, "we re-initialize the last FC layer", "example");
 * ```
 */
export function checkQuote(cite: PaperCite, quote: string, what = "a quote"): QuoteMatch {
  const found = findQuote(cite, quote);
  if (found === null) {
    const line = paperLine(cite.file, cite.line);
    throw new Error(
      `The quote of ${what} is not found starting at ${cite.file}:${cite.line} ` +
        `(lines joined with one space): ${JSON.stringify(quote.slice(0, 80))}…; ` +
        `that line reads ${JSON.stringify(line.slice(0, 120))}`,
    );
  }
  return found;
}

function checkFile(file: string): PaperFile {
  if (!isPaperFile(file)) {
    throw new Error(
      `Unknown paper file ${JSON.stringify(file)}; valid files: ${PAPER_FILES.join(", ")}`,
    );
  }
  return file;
}

function checkLine(file: string, line: number, count: number): void {
  if (!Number.isInteger(line) || line < 1 || line > count) {
    throw new Error(
      `Cannot read ${file} line ${JSON.stringify(line)}: the file has lines 1-${count}`,
    );
  }
}
