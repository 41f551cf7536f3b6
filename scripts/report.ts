/**
 * Executes the notebooks headless and writes the static report.
 *
 *     deno task report [--preset default|smoke] [--seeds N] [--set KEY=VALUE ...] [--out reports/]
 *                      [--only NAME ...] [--notebooks notebooks/] [--cell-timeout 3600]
 *
 * Every notebook of `--notebooks` (sorted by name; `--only` picks some) runs
 * on the project-local Deno kernel through `scripts/nb/execute.py` (which
 * waits for every output of every cell), with `BTM_PRESET` set to the
 * preset, `BTM_SEEDS` to `--seeds` (how many seeds the core sections run;
 * unset, the preset's), `BTM_SET` to the `--set` settings (checked here first, read by
 * every notebook's `notebookSetup()`) and `BTM_RESULTS_DIR` to
 * `<out>/results`. The command line is checked strictly before anything
 * runs (scripts/_cli.ts): a mistake is one line and exit status 2. The report folder gets, per notebook, the executed `.ipynb` and an
 * HTML page (`scripts/nb/render.py`), plus `index.html` (sections, verdicts,
 * run time, backend, seed, versions), `report.json` (the same as data),
 * `assets/plotly.min.js` (copied from `node_modules/`) and
 * `assets/nbconvert-lab.css` (nbconvert's lab CSS, which every page links
 * instead of inlining it: written by `render.py --stylesheet` from the
 * installed nbconvert). All links are relative: the folder works from
 * file:// and on any static host. A failing notebook does not stop the
 * others; the command then exits 1 and names it.
 *
 * @module
 */

import { basename, join, relative, resolve } from "@std/path";
import {
  checkOutDir,
  checkPreset,
  CLAIM_CHECKS,
  DEFAULT_CONFIG,
  describeSettings,
  EXPERIMENT_PRESETS,
  parseSettings,
  PRESET_ENV,
  SEEDS_ENV,
  SETTINGS_ENV,
  validateClaimRegistry,
} from "../lib/experiments/mod.ts";
import { findQuote, isPaperFile } from "../lib/paper/mod.ts";
import {
  claimsMatrix,
  escapeHtml,
  type NotebookSummary,
  reportIndexHtml,
  type ReportSection,
  summarizeNotebook,
} from "../lib/report/mod.ts";
import {
  asUsage,
  type CommandSpec,
  intFlag,
  parseCommandLine,
  runCommand,
  UsageError,
  usageText,
} from "./_cli.ts";
import { ensureKernel, JUPYTER_DIR, PROJECT_ROOT } from "./install_kernel.ts";

/** Debian's Python, which has nbclient and nbconvert (not the pyenv one on PATH). */
export const PYTHON = "/usr/bin/python3";
/** Presets the notebooks understand: the experiments' registry. */
export const PRESETS: readonly string[] = Object.keys(EXPERIMENT_PRESETS);

const NB_SCRIPTS = join(PROJECT_ROOT, "scripts", "nb");
const PLOTLY_DIR = join(PROJECT_ROOT, "node_modules", "plotly.js-dist-min");
/** The shared lab stylesheet, relative to the report folder and to each page in it. */
const LAB_CSS = "assets/nbconvert-lab.css";

function log(message: string): void {
  console.error(`[report] ${message}`);
}

/** Writes the project-local kernelspec unless an identical one is there; returns JUPYTER_PATH. */
async function ensureKernelLogged(): Promise<string> {
  if (await ensureKernel()) {
    log(
      `registered the Deno kernel in ${
        relative(PROJECT_ROOT, join(JUPYTER_DIR, "kernels", "deno"))
      }`,
    );
  }
  return JUPYTER_DIR;
}

async function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stderr: string; stdout: string }> {
  const out = await new Deno.Command(PYTHON, { args, env, stdout: "piped", stderr: "piped" })
    .output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

async function toolVersions(): Promise<Record<string, string>> {
  const versions: Record<string, string> = { deno: Deno.version.deno };
  const py = await run([
    "-c",
    "import nbclient, nbconvert, sys; print(nbconvert.__version__, nbclient.__version__, sys.version.split()[0])",
  ], {});
  if (py.code !== 0) {
    throw new Error(
      `Cannot run the notebooks: ${PYTHON} lacks nbclient/nbconvert (${py.stderr.trim()}); ` +
        `install them with 'sudo apt-get install jupyter-nbconvert python3-nbclient ` +
        `python3-jupyter-client python3-nbformat' (./lab setup does this)`,
    );
  }
  const [nbconvert, nbclient, python] = py.stdout.trim().split(" ");
  Object.assign(versions, { nbconvert, nbclient, python });
  try {
    const pkg = JSON.parse(await Deno.readTextFile(join(PLOTLY_DIR, "package.json")));
    versions["plotly.js"] = String(pkg.version);
  } catch { /* reported when copying the asset */ }
  return versions;
}

/** Lines of the executor's stderr worth showing (drops the kernel's "unstable" banner). */
function failureText(stderr: string): string {
  return stderr.split("\n").filter((l) => l.trim() !== "" && !l.includes("is unstable"))
    // deno-lint-ignore no-control-regex
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, "")).slice(-20).join("\n");
}

/**
 * The one-line reason of a failed step, from its stderr: the `execute.py:` / `render.py:` line
 * those scripts end every failure with; else the last line that looks like an exception
 * (`SomeError: message`, never "The above exception was the direct cause…"); else the last line.
 */
export function failureReason(stderr: string): string {
  const lines = failureText(stderr).split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const own = lines.findLast((l) => /^(execute|render)\.py: /.test(l));
  if (own) return own.replace(/^(execute|render)\.py: /, "");
  const exception = lines.findLast((l) =>
    /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Timeout)\w*(: |$)/.test(l)
  );
  return exception ?? lines.at(-1) ?? "no error message (the executor printed nothing)";
}

/**
 * The verdicts of a summary whose quote (or a contradicting quote) is not
 * found verbatim at its cited line, each in one line; empty when all are.
 * A verdict without a quote is not checked here (the notebooks' verdicts all
 * have one: the smoke test holds them to it).
 */
export function misquotedVerdicts(summary: NotebookSummary): string[] {
  const bad: string[] = [];
  for (const v of summary.verdicts) {
    const quotes = [
      ...(v.quote && v.cite ? [{ quote: v.quote, cite: v.cite }] : []),
      ...(v.contradicting ?? []),
    ];
    for (const q of quotes) {
      const ok = isPaperFile(q.cite?.file) &&
        findQuote({ file: q.cite.file, line: q.cite.line }, q.quote) !== null;
      if (!ok) {
        bad.push(
          `verdict ${
            v.id ?? JSON.stringify(v.claim)
          }: its quote is not found at ${q.cite?.file}:${q.cite?.line}`,
        );
      }
    }
  }
  return bad;
}

/** What the index shows for a notebook that produced no executed copy. */
function emptySummary(title: string): NotebookSummary {
  return {
    title,
    verdicts: [],
    regime: [],
    runInfo: null,
    errors: [],
    codeCells: { total: 0, executed: 0 },
  };
}

/** A page for a notebook that could not be run: its name and the real error, nothing stale. */
function failurePage(name: string, reason: string, detail: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${
    escapeHtml(name)
  }: not run</title></head><body>\n<h1>${escapeHtml(name)}</h1>\n` +
    `<p>This notebook could not be run: <b>${escapeHtml(reason)}</b></p>\n` +
    `<pre>${escapeHtml(detail)}</pre>\n</body></html>\n`;
}

/** `value` as `--cell-timeout` seconds: a positive, finite number; else a RangeError naming it. */
export function parseCellTimeout(value: string | number): number {
  const seconds = typeof value === "number" ? value : value.trim() === "" ? NaN : Number(value);
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new RangeError(
      `Invalid --cell-timeout ${
        JSON.stringify(String(value))
      }: give the seconds one cell may run, a positive number (e.g. --cell-timeout 3600)`,
    );
  }
  return seconds;
}

/** Options of {@link buildReport}. */
export interface BuildReportOptions {
  /** Preset passed to notebooks as `BTM_PRESET`. Default `"default"`. */
  preset?: string;
  /** `key=value` config settings passed to notebooks as `BTM_SET`; default none. */
  settings?: string[];
  /** Seeds of the core sections, passed as `BTM_SEEDS`; default the preset's (`PRESET_SEEDS`). */
  seeds?: number;
  /** Notebook names (with or without `.ipynb`) to run; default all. */
  only?: string[];
  /** Seconds one cell may run before it fails, a positive number. Default 3600. */
  cellTimeout?: number;
}

/**
 * Runs the notebooks of `notebookDir` into `outDir` and writes the index.
 * Returns the names of the notebooks that failed (empty when all ran).
 */
export async function buildReport(
  notebookDir: string,
  outDir: string,
  options: BuildReportOptions = {},
): Promise<string[]> {
  const preset = options.preset ?? "default";
  checkPreset(preset);
  const settings = options.settings ?? [];
  parseSettings(settings); // a bad setting fails here, naming it, before any notebook runs
  if (options.seeds !== undefined && !(Number.isInteger(options.seeds) && options.seeds >= 1)) {
    throw new RangeError(
      `Invalid seeds ${options.seeds}: give the number of seeds, an integer >= 1`,
    );
  }
  const cellTimeout = parseCellTimeout(options.cellTimeout ?? 3600);
  const all: string[] = [];
  for await (const e of Deno.readDir(notebookDir)) {
    if (e.isFile && e.name.endsWith(".ipynb") && !e.name.startsWith(".")) all.push(e.name);
  }
  all.sort();
  let chosen = all;
  if (options.only && options.only.length > 0) {
    const wanted = options.only.map((n) => n.endsWith(".ipynb") ? n : `${n}.ipynb`);
    const unknown = wanted.filter((n) => !all.includes(n));
    if (unknown.length > 0) {
      throw new RangeError(
        `Unknown notebook${unknown.length > 1 ? "s" : ""} ${
          unknown.join(", ")
        } in ${notebookDir}: ` +
          `valid names are ${all.join(", ") || "(none)"}`,
      );
    }
    chosen = all.filter((n) => wanted.includes(n));
  }

  const versions = await toolVersions();
  const jupyterPath = await ensureKernelLogged();
  await Deno.mkdir(join(outDir, "assets"), { recursive: true });
  try {
    await Deno.copyFile(join(PLOTLY_DIR, "plotly.min.js"), join(outDir, "assets", "plotly.min.js"));
  } catch (e) {
    throw new Error(
      `Cannot copy plotly.js into the report: ${join(PLOTLY_DIR, "plotly.min.js")} is missing ` +
        `(run 'deno install'; ${(e as Error).message})`,
    );
  }

  // Sections of earlier runs stay listed (so --only updates part of a report),
  // unless their notebook is gone.
  const reportJson = join(outDir, "report.json");
  const sections = new Map<string, ReportSection>();
  try {
    const old = JSON.parse(await Deno.readTextFile(reportJson)) as { sections: ReportSection[] };
    for (const s of old.sections) if (all.includes(`${s.name}.ipynb`)) sections.set(s.name, s);
  } catch { /* no earlier report */ }

  const env: Record<string, string> = {
    [PRESET_ENV]: preset,
    ...(options.seeds !== undefined ? { [SEEDS_ENV]: String(options.seeds) } : {}),
    [SETTINGS_ENV]: settings.join(" "),
    // Notebooks write their results (data, not pictures) beside the report they belong to.
    BTM_RESULTS_DIR: resolve(join(outDir, "results")),
    JUPYTER_PATH: [jupyterPath, Deno.env.get("JUPYTER_PATH")].filter(Boolean).join(":"),
    JUPYTER_PLATFORM_DIRS: "1",
    DENO_NO_UPDATE_CHECK: "1",
    NO_COLOR: "1",
  };
  // Every page links it rather than inlining the same ~550 KB.
  const css = await run(
    [join(NB_SCRIPTS, "render.py"), "--stylesheet", join(outDir, LAB_CSS)],
    env,
  );
  if (css.code !== 0) {
    throw new Error(
      `Cannot write nbconvert's lab stylesheet into the report (${join(outDir, LAB_CSS)}): ` +
        failureText(css.stderr),
    );
  }
  const failed: string[] = [];
  log(
    `running ${chosen.length} notebook${chosen.length === 1 ? "" : "s"} from ${notebookDir} ` +
      `(preset ${preset}) into ${outDir}`,
  );
  for (const [i, file] of chosen.entries()) {
    const name = basename(file, ".ipynb");
    const tag = `(${i + 1}/${chosen.length}) ${name}`;
    log(`${tag}: running…`);
    const executed = join(outDir, `${name}.ipynb`);
    const page = join(outDir, `${name}.html`);
    // An earlier run's copies must never stand in for this run's: remove them first.
    for (const f of [executed, page]) {
      await Deno.remove(f).catch((e) => {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      });
    }
    const started = performance.now();
    const exec = await run([
      join(NB_SCRIPTS, "execute.py"),
      join(notebookDir, file),
      executed,
      "--cwd",
      resolve(notebookDir),
      "--timeout",
      String(cellTimeout),
    ], env);
    const seconds = (performance.now() - started) / 1000;
    let summary: NotebookSummary | undefined;
    let unread = "";
    try {
      summary = summarizeNotebook(JSON.parse(await Deno.readTextFile(executed)), name);
    } catch (e) {
      unread = e instanceof Deno.errors.NotFound
        ? failureReason(exec.stderr)
        : `the executed notebook ${executed} cannot be read: ${(e as Error).message}`;
    }
    if (!summary) {
      // Listed as failed with its real error; no executed copy to link, a page that says why.
      failed.push(name);
      await Deno.writeTextFile(page, failurePage(name, unread, failureText(exec.stderr)));
      sections.set(name, {
        name,
        href: `${name}.html`,
        notebookHref: null,
        ok: false,
        failure: unread,
        seconds,
        preset,
        summary: emptySummary(name),
      });
      log(`${tag}: FAILED after ${seconds.toFixed(1)} s (${unread})`);
      continue;
    }
    const render = await run([
      join(NB_SCRIPTS, "render.py"),
      executed,
      page,
      "--lab-css-href",
      LAB_CSS,
    ], env);
    const misquoted = misquotedVerdicts(summary);
    const ok = exec.code === 0 && render.code === 0 && misquoted.length === 0;
    const failure = ok
      ? null
      : misquoted.length > 0 && exec.code === 0 && render.code === 0
      ? misquoted.join("; ")
      : failureReason(exec.code !== 0 ? exec.stderr : render.stderr);
    sections.set(name, {
      name,
      href: `${name}.html`,
      notebookHref: `${name}.ipynb`,
      ok,
      failure,
      seconds,
      preset,
      summary,
    });
    const count = (status: string) =>
      summary!.verdicts.filter((v) =>
        (v.status ?? (v.holds ? "holds" : "does not hold")) === status
      )
        .length;
    const claims = `${summary.verdicts.length} claim${summary.verdicts.length === 1 ? "" : "s"}` +
      (summary.verdicts.length
        ? ` (${count("holds")} hold, ${count("does not hold")} do not, ${
          count("within noise")
        } within noise, ${count("not run")} not run)`
        : "");
    if (ok) {
      log(`${tag}: ok in ${seconds.toFixed(1)} s, ${claims}`);
    } else {
      failed.push(name);
      const where = summary.errors[0]
        ? `cell ${summary.errors[0].cell}: ${summary.errors[0].ename}: ${summary.errors[0].evalue}`
        : failure;
      log(`${tag}: FAILED after ${seconds.toFixed(1)} s (${where})`);
    }
  }

  const list = [...sections.values()].sort((a, b) => a.name.localeCompare(b.name));
  const generatedAt = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  // The claims the notebooks are expected to check (those of the notebooks in the folder).
  const claims = validateClaimRegistry(CLAIM_CHECKS)
    .filter((c) => all.includes(`${c.notebook}.ipynb`))
    .map((c) => ({ id: c.id, notebook: c.notebook, claim: c.claim, ourClaim: !!c.basis }));
  await Deno.writeTextFile(
    join(outDir, "index.html"),
    reportIndexHtml(list, { generatedAt, versions, claims }),
  );
  await Deno.writeTextFile(
    reportJson,
    JSON.stringify(
      { generatedAt, versions, claims: claimsMatrix(list, claims), sections: list },
      null,
      2,
    ) + "\n",
  );
  log(`wrote ${join(outDir, "index.html")}`);
  return failed;
}

/** The command line of `deno task report`. */
export const REPORT_COMMAND: CommandSpec = {
  command: "deno task report",
  positionals: { usage: "[NAME ...]", min: 0, max: Infinity },
  about: [
    "Executes the notebooks headless and writes the static report (index.html, report.json,",
    "one page per notebook, and the sections' results JSON under <out>/results/).",
    "NAME picks notebooks, as --only does.",
  ].join("\n"),
  flags: [
    {
      name: "preset",
      kind: "value",
      value: "P",
      help: `config preset of every notebook: ${PRESETS.join(", ")} (default: default)`,
    },
    {
      name: "seeds",
      kind: "value",
      value: "N",
      help:
        "seeds of the core sections (Observations 1-4, Tables 5-7 and the headline), an integer >= 1 (default: the preset's, 3 on default)",
    },
    {
      name: "set",
      kind: "list",
      value: "KEY=VALUE",
      help: "override a config field in every notebook, e.g. --set pretrain.lr=0.05 (repeatable)",
    },
    { name: "out", kind: "value", value: "DIR", help: "report folder (default: reports/)" },
    {
      name: "only",
      kind: "list",
      value: "NAME",
      help: "run only this notebook, with or without .ipynb (repeatable)",
    },
    {
      name: "notebooks",
      kind: "value",
      value: "DIR",
      help: "folder of the notebooks (default: notebooks/)",
    },
    {
      name: "cell-timeout",
      kind: "value",
      value: "S",
      help: "seconds one cell may run, an integer >= 1 (default: 3600)",
    },
  ],
  more: ["Config keys for --set:", ...describeSettings(DEFAULT_CONFIG).map((l) => `  ${l}`)]
    .join("\n"),
};

async function main(args: string[]): Promise<number> {
  const cli = parseCommandLine(args, REPORT_COMMAND);
  if (cli.help) {
    console.log(usageText(REPORT_COMMAND).trimEnd());
    return 0;
  }
  const preset = (cli.flags.preset as string | undefined) ?? "default";
  await asUsage(() => checkPreset(preset));
  const settings = cli.flags.set as string[];
  await asUsage(() => parseSettings(settings));
  const cellTimeout = intFlag(cli, "cell-timeout", { min: 1, what: "the timeout" }) ?? 3600;
  const seeds = intFlag(cli, "seeds", { min: 1, what: "the number of seeds" });
  const notebooks = resolve((cli.flags.notebooks as string | undefined) ?? "notebooks");
  const info = await Deno.stat(notebooks).catch(() => null);
  if (!info?.isDirectory) {
    throw new UsageError(`--notebooks ${cli.flags.notebooks}: no such folder`);
  }
  // Checked before any notebook runs; an empty --out is refused, never the repository root.
  const out = await asUsage(() =>
    checkOutDir(resolve((cli.flags.out as string | undefined) ?? "reports"))
  );
  // `--only a b` as well as `--only a --only b`.
  const only = [...(cli.flags.only as string[]), ...cli.positionals];
  const failed = await buildReport(notebooks, out, { preset, settings, seeds, only, cellTimeout });
  if (failed.length > 0) {
    log(`${failed.length} notebook${failed.length === 1 ? "" : "s"} failed: ${failed.join(", ")}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) await runCommand(REPORT_COMMAND, () => main(Deno.args));
