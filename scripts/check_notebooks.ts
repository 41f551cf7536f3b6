/**
 * Type-checks the notebooks' code, which the Deno kernel runs unchecked.
 *
 *     deno run -A scripts/check_notebooks.ts [NOTEBOOK_OR_DIR ...]   (default: notebooks/)
 *
 * Each notebook's code cells are concatenated, in order, into a temporary
 * module next to the notebook (so relative imports and `deno.json` resolve
 * exactly as in the kernel), `deno check` runs on all of them at once, and
 * every error location is rewritten to the notebook's name, cell number and
 * line within the cell. The temporary modules are removed afterwards. Exits
 * 1 when any notebook has a type error.
 *
 * @module
 */

import { basename, dirname, join, relative, resolve, toFileUrl } from "@std/path";
import { locateLine, type NotebookModule, notebookModule } from "../lib/report/mod.ts";

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
  try {
    for (const notebook of notebooks) {
      const name = basename(notebook);
      const module = notebookModule(JSON.parse(await Deno.readTextFile(notebook)), name);
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
    if (out.code !== 0) {
      console.error(text);
      console.error(
        `[check_notebooks] type errors in notebooks (checked ${notebooks.length}: ` +
          `${notebooks.map((n) => relative(root, n)).join(", ")})`,
      );
      return false;
    }
    console.error(`[check_notebooks] ${notebooks.length} notebook(s) type-check`);
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
