/**
 * A notebook's code cells as one TypeScript module, so that `deno check` can
 * type-check what the Deno kernel runs unchecked.
 *
 * @module
 */

import { asNotebook, joinSource } from "./notebook_json.ts";

/** Where a code cell's lines are in the generated module. */
export interface CellSpan {
  /** 1-based position of the cell in the notebook (markdown cells count). */
  cell: number;
  /** 1-based line of the module where the cell's first line is. */
  firstLine: number;
  /** Number of lines the cell has. */
  lineCount: number;
}

/** The generated module and its map back to cells. */
export interface NotebookModule {
  /** TypeScript source: the code cells in order, each after a `// cell N` comment. */
  source: string;
  /** Where each code cell landed. */
  cells: CellSpan[];
}

/**
 * Concatenates `notebook`'s code cells, in order, into one module. The Deno
 * kernel's idioms type-check unchanged in a module: top-level `await`, a
 * bare last expression (displayed by the kernel), `Deno.jupyter.*`. An
 * `export {}` at the end makes the text a module even without imports.
 * Redeclaring a name in a later cell, which the kernel allows, is an error
 * here: "run all" notebooks should not depend on it.
 */
export function notebookModule(notebook: unknown, name: string): NotebookModule {
  const nb = asNotebook(notebook, name);
  const lines: string[] = [`// Generated from ${name} by scripts/check_notebooks.ts; do not edit.`];
  const cells: CellSpan[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const text = joinSource(cell.source).replace(/\r\n?/g, "\n").replace(/\n$/, "");
    const cellLines = text === "" ? [] : text.split("\n");
    lines.push(`// cell ${i + 1}`);
    cells.push({ cell: i + 1, firstLine: lines.length + 1, lineCount: cellLines.length });
    lines.push(...cellLines, ";");
  });
  lines.push("export {};", "");
  return { source: lines.join("\n"), cells };
}

/**
 * The cell and 1-based line within it of a module line, or null for a line
 * the generator added.
 */
export function locateLine(
  module: NotebookModule,
  line: number,
): { cell: number; line: number } | null {
  for (const span of module.cells) {
    if (line >= span.firstLine && line < span.firstLine + span.lineCount) {
      return { cell: span.cell, line: line - span.firstLine + 1 };
    }
  }
  return null;
}
