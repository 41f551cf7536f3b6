/**
 * Checks the notebooks: their code type-checks, and they stay narratives.
 *
 *     deno run -A scripts/check_notebooks.ts [NOTEBOOK_OR_DIR ...]   (default: notebooks/)
 *
 * First the house rules ({@linkcode notebookProblems}): no function or class
 * definitions (logic written in a notebook gets copied and drifts: it belongs
 * in lib/), no code cell over {@linkcode MAX_CELL_LINES} lines, and no
 * committed outputs or execution counts (executed copies go to reports/).
 * Then the type check: each notebook's code cells are concatenated, in
 * order, into a temporary module next to the notebook (so relative imports
 * and `deno.json` resolve exactly as in the kernel), `deno check` runs on
 * all of them at once, and every error location is rewritten to the
 * notebook's name, cell number and line within the cell. The temporary
 * modules are removed afterwards. Exits 1 when any notebook breaks a rule
 * or has a type error.
 *
 * @module
 */

import { basename, dirname, join, relative, resolve, toFileUrl } from "@std/path";
import {
  asNotebook,
  joinSource,
  locateLine,
  type NotebookJson,
  type NotebookModule,
  notebookModule,
} from "../lib/report/mod.ts";

/** The most lines a code cell may have: cells are short calls into lib/, not programs. */
export const MAX_CELL_LINES = 20;

/**
 * `code` with every comment and the text of every string and template
 * literal blanked out (template substitutions are kept: they are code), so
 * that a keyword inside a string or comment is not taken for code.
 */
export function codeOnly(code: string): string {
  let out = "";
  const templates: number[] = []; // brace depth at which each open template's `${` began
  let depth = 0;
  let i = 0;
  const blankUntil = (end: number) => {
    out += code.slice(i, end).replace(/[^\n]/g, " ");
    i = end;
  };
  while (i < code.length) {
    const c = code[i];
    const next = code[i + 1];
    if (c === "/" && next === "/") {
      const end = code.indexOf("\n", i);
      blankUntil(end === -1 ? code.length : end);
    } else if (c === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      blankUntil(end === -1 ? code.length : end + 2);
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== "\n") j += code[j] === "\\" ? 2 : 1;
      out += c;
      i++;
      blankUntil(j);
      if (i < code.length) out += code[i++];
    } else if (c === "`" || (c === "}" && templates.length > 0 && templates.at(-1) === depth)) {
      if (c === "}") {
        templates.pop();
        depth--;
      }
      out += c;
      i++;
      let j = i;
      while (j < code.length && code[j] !== "`" && !(code[j] === "$" && code[j + 1] === "{")) {
        j += code[j] === "\\" ? 2 : 1;
      }
      blankUntil(j);
      if (code[i] === "$") {
        out += "${";
        i += 2;
        depth++;
        templates.push(depth);
      } else if (i < code.length) {
        out += code[i++];
      }
    } else {
      if (c === "{") depth++;
      else if (c === "}") depth--;
      out += c;
      i++;
    }
  }
  return out;
}

const DEFINITIONS: readonly [RegExp, string][] = [
  [/\bfunction\b/, "defines a function"],
  [/\bclass\b\s*([A-Za-z_$][\w$]*\s*)?(extends\b[^{]*)?\{/, "defines a class"],
  [
    /\b(const|let|var)\s+[A-Za-z_$][\w$]*\s*(:[^=]*)?=\s*(async\s+)?(\([^()]*\)|[A-Za-z_$][\w$]*)\s*(:[^=]*)?=>/,
    "defines a function (an arrow function bound to a name)",
  ],
];

/**
 * What breaks the house rules in a notebook, one sentence each, naming the
 * cell (1-based, counting every cell) and line: function and class
 * definitions, code cells over {@linkcode MAX_CELL_LINES} lines, committed
 * outputs and execution counts.
 *
 * @example
 * ```ts
 * import { notebookProblems } from "./check_notebooks.ts";
 * const nb = { cells: [{ cell_type: "code", source: "const f = (x: number) => x + 1;", outputs: [] }] };
 * if (notebookProblems(nb, "a.ipynb").length !== 1) throw new Error();
 * ```
 */
export function notebookProblems(notebook: NotebookJson, name: string): string[] {
  const problems: string[] = [];
  asNotebook(notebook, name).cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const where = `${name} cell ${index + 1}`;
    const source = joinSource(cell.source);
    const lines = codeOnly(source).split("\n");
    for (const [pattern, what] of DEFINITIONS) {
      const line = lines.findIndex((l) => pattern.test(l));
      if (line !== -1) {
        problems.push(`${where}, line ${line + 1} ${what}: move it to lib/ and call it`);
      }
    }
    const count = source.replace(/\n+$/, "").split("\n").length;
    if (count > MAX_CELL_LINES) {
      problems.push(
        `${where} has ${count} lines (at most ${MAX_CELL_LINES}): split it, or move the logic to lib/`,
      );
    }
    const committed = cell as { outputs?: unknown[]; execution_count?: number | null };
    if ((committed.outputs ?? []).length > 0) {
      problems.push(`${where} has committed outputs: clear them (executed copies go to reports/)`);
    }
    if (committed.execution_count != null) {
      problems.push(`${where} has an execution count (${committed.execution_count}): clear it`);
    }
  });
  return problems;
}

/** A generated module and the notebook it came from. */
interface Generated {
  notebook: string;
  modulePath: string;
  module: NotebookModule;
}

async function notebooksIn(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    const info = await Deno.stat(p).catch(() => null);
    if (info === null) throw new Error(`Cannot check notebooks in "${p}": no such file or folder`);
    if (info.isFile) {
      found.push(resolve(p));
      continue;
    }
    for await (const e of Deno.readDir(p)) {
      if (e.isFile && e.name.endsWith(".ipynb") && !e.name.startsWith(".")) {
        found.push(resolve(p, e.name));
      }
    }
  }
  return found.sort();
}

/**
 * Rewrites `file:///…/.x.check.ts:L:C` locations in `deno check` output to
 * `x.ipynb cell N, line l:C`.
 */
export function rewriteLocations(output: string, generated: Generated[], root: string): string {
  let text = output;
  for (const g of generated) {
    const url = toFileUrl(g.modulePath).href;
    const nb = relative(root, g.notebook);
    text = text.replaceAll(new RegExp(`${escapeRegExp(url)}:(\\d+):(\\d+)`, "g"), (_m, l, c) => {
      const at = locateLine(g.module, Number(l));
      return at
        ? `${nb} cell ${at.cell}, line ${at.line}:${c}`
        : `${nb} (generated line ${l}:${c})`;
    });
    text = text.replaceAll(url, nb).replaceAll(g.modulePath, nb);
  }
  return text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Checks the notebooks under `paths`; returns true when all type-check. */
export async function checkNotebooks(paths: string[]): Promise<boolean> {
  const notebooks = await notebooksIn(paths);
  if (notebooks.length === 0) {
    console.error(`[check_notebooks] no notebooks in ${paths.join(", ")}`);
    return true;
  }
  const root = Deno.cwd();
  const generated: Generated[] = [];
  const problems: string[] = [];
  try {
    for (const notebook of notebooks) {
      const name = basename(notebook);
      const json = JSON.parse(await Deno.readTextFile(notebook));
      problems.push(...notebookProblems(json, relative(root, notebook)));
      const module = notebookModule(json, name);
      const modulePath = join(dirname(notebook), `.${basename(name, ".ipynb")}.check.ts`);
      await Deno.writeTextFile(modulePath, module.source);
      generated.push({ notebook, modulePath, module });
    }
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", ...generated.map((g) => g.modulePath)],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    const text = rewriteLocations(decode(out.stdout) + decode(out.stderr), generated, root)
      .split("\n").filter((l) => !/^Stack backtrace:$|^\s+\d+: <unknown>$/.test(l)).join("\n")
      .trim();
    for (const p of problems) console.error(p);
    if (problems.length > 0) {
      console.error(
        `[check_notebooks] ${problems.length} notebook rule${
          problems.length === 1 ? "" : "s"
        } broken: notebooks are narratives calling lib/`,
      );
    }
    if (out.code !== 0) {
      console.error(text);
      console.error(
        `[check_notebooks] type errors in notebooks (checked ${notebooks.length}: ` +
          `${notebooks.map((n) => relative(root, n)).join(", ")})`,
      );
      return false;
    }
    if (problems.length > 0) return false;
    console.error(
      `[check_notebooks] ${notebooks.length} notebook(s) type-check and keep the rules`,
    );
    return true;
  } finally {
    for (const g of generated) await Deno.remove(g.modulePath).catch(() => {});
  }
}

if (import.meta.main) {
  const paths = Deno.args.length > 0 ? Deno.args : ["notebooks"];
  try {
    if (!(await checkNotebooks(paths))) Deno.exit(1);
  } catch (e) {
    console.error(`[check_notebooks] ${(e as Error).message}`);
    Deno.exit(1);
  }
}
