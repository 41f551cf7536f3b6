/**
 * Opens the notebooks live in the classic Jupyter Notebook (Debian's
 * `jupyter-notebook`, 6.4), on the project-local Deno kernel.
 *
 *     deno task notebook [JUPYTER OPTION ...]      (./lab notebook sets up first)
 *
 * Every option is Jupyter's own (`--port 8890`, `--no-browser`,
 * `--NotebookApp.token=…`; `--help-all` lists them). Unless given, the server
 * listens on 127.0.0.1 and serves `notebooks/`, and runs with `--allow-root`
 * when started as root. It also serves the pinned plotly.js
 * (`node_modules/plotly.js-dist-min`) at `<base>/static/plotly.js`, where a
 * figure's own script finds it through the page's require.js as the module
 * `plotly`: figures draw offline, from the same display bundle as in the
 * static report. When the server is up, this prints the URL to open, with
 * its token.
 *
 * Environment, unless already set: `JUPYTER_PATH` gains `.cache/jupyter`
 * (the kernelspec); Jupyter's config, data and runtime folders are
 * `.cache/jupyter/{config,.,runtime}` (nothing per-user; the config folder
 * holds only `custom/custom.css`, the report template's table rules
 * `scripts/nb/templates/btm/btm-outputs.css`, so tables look as in the
 * static report); notebooks write
 * their results JSON to `.cache/notebook-results/` (`BTM_RESULTS_DIR`), so
 * a live session never rewrites the committed `reports/results/`.
 * `BTM_PRESET` and `BTM_RUNS_DIR`, when set, reach the kernels unchanged.
 *
 * Ctrl-C is Jupyter's: it asks to confirm, twice quits at once.
 *
 * @module
 */

import { join } from "@std/path";
import { ensureKernel, JUPYTER_DIR, PROJECT_ROOT } from "./install_kernel.ts";

/** Debian's Python, which has the classic Notebook (not a pyenv one on PATH). */
const PYTHON = "/usr/bin/python3";
const PLOTLY_JS = join(PROJECT_ROOT, "node_modules", "plotly.js-dist-min", "plotly.min.js");
/** Folder added to the server's static paths: it holds `plotly.js` (a copy of the pinned build). */
const STATIC_DIR = join(JUPYTER_DIR, "notebook-static");
/** The report template's rules for btm-lab's own outputs (tables), served as the Notebook's custom.css. */
const OUTPUTS_CSS = join(PROJECT_ROOT, "scripts", "nb", "templates", "btm", "btm-outputs.css");
/** Jupyter's config folder unless the environment names one (ours holds only custom/custom.css). */
const CONFIG_DIR = join(JUPYTER_DIR, "config");

function log(message: string): void {
  console.error(`[notebook] ${message}`);
}

/** Whether `args` already sets the option `--name` (or its NotebookApp trait). */
function given(args: string[], flag: string, trait: string): boolean {
  return args.some((a) =>
    a === flag || a.startsWith(`${flag}=`) || a === `--NotebookApp.${trait}` ||
    a.startsWith(`--NotebookApp.${trait}=`)
  );
}

async function notebookVersion(): Promise<string | undefined> {
  try {
    const out = await new Deno.Command(PYTHON, {
      args: ["-c", "import notebook; print(notebook.__version__)"],
      stdout: "piped",
      stderr: "null",
    }).output();
    return out.code === 0 ? new TextDecoder().decode(out.stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the report's output rules as the Notebook's `custom/custom.css` (loaded by
 * every page), so tables look as in the static report. Only into our own config folder.
 */
async function writeCustomCss(configDir: string): Promise<boolean> {
  if (configDir !== CONFIG_DIR) return false;
  const css = `/* Written by scripts/notebook.ts from ${
    OUTPUTS_CSS.slice(PROJECT_ROOT.length + 1)
  }, which the static report's pages use too. */\n${await Deno.readTextFile(OUTPUTS_CSS)}`;
  const path = join(configDir, "custom", "custom.css");
  if ((await Deno.readTextFile(path).catch(() => "")) === css) return true;
  await Deno.mkdir(join(configDir, "custom"), { recursive: true });
  await Deno.writeTextFile(path, css);
  return true;
}

/** Copies the pinned plotly.js into the static folder unless the copy there is the same size. */
async function servePlotly(): Promise<void> {
  let source: Deno.FileInfo;
  try {
    source = await Deno.stat(PLOTLY_JS);
  } catch {
    throw new Error(
      `Cannot serve plotly.js to the notebooks: ${PLOTLY_JS} is missing (run 'deno install')`,
    );
  }
  const target = join(STATIC_DIR, "plotly.js");
  const current = await Deno.stat(target).catch(() => undefined);
  if (current?.size === source.size) return;
  await Deno.mkdir(STATIC_DIR, { recursive: true });
  const tmp = `${target}.${Deno.pid}.tmp`;
  await Deno.copyFile(PLOTLY_JS, tmp);
  await Deno.rename(tmp, target);
}

/** The arguments the server runs with: ours first, the user's after (Jupyter's own options). */
export function serverArgs(user: string[], options: { root: boolean }): string[] {
  const args = ["-m", "notebook"];
  if (!given(user, "--ip", "ip")) args.push("--ip=127.0.0.1");
  if (!given(user, "--notebook-dir", "notebook_dir")) {
    args.push(`--notebook-dir=${join(PROJECT_ROOT, "notebooks")}`);
  }
  if (options.root && !given(user, "--allow-root", "allow_root")) args.push("--allow-root");
  args.push(`--NotebookApp.extra_static_paths=${STATIC_DIR}`);
  return [...args, ...user];
}

/** The environment of the server (and so of its kernels): see the module doc. */
export function serverEnv(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  out.JUPYTER_PATH = [JUPYTER_DIR, env.JUPYTER_PATH].filter(Boolean).join(":");
  out.JUPYTER_CONFIG_DIR ||= CONFIG_DIR;
  out.JUPYTER_DATA_DIR ||= JUPYTER_DIR;
  out.JUPYTER_RUNTIME_DIR ||= join(JUPYTER_DIR, "runtime");
  out.BTM_RESULTS_DIR ||= join(PROJECT_ROOT, ".cache", "notebook-results");
  out.DENO_NO_UPDATE_CHECK = "1";
  return out;
}

/** Waits for the server's `nbserver-<pid>.json` and returns its URL with the token. */
async function serverUrl(
  runtimeDir: string,
  pid: number,
  exited: Promise<unknown>,
): Promise<string | undefined> {
  const file = join(runtimeDir, `nbserver-${pid}.json`);
  let done = false;
  exited.then(() => done = true);
  for (let i = 0; i < 600 && !done; i++) {
    try {
      const info = JSON.parse(await Deno.readTextFile(file)) as { url: string; token: string };
      return `${info.url}tree${info.token ? `?token=${info.token}` : ""}`;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return undefined;
}

if (import.meta.main) {
  const user = [...Deno.args];
  if (user.includes("-h") || user.includes("--help")) {
    console.log(
      "usage: deno task notebook [JUPYTER OPTION ...]   (or ./lab notebook ...)\n" +
        "Starts the classic Jupyter Notebook on notebooks/ with the project's Deno kernel,\n" +
        "on 127.0.0.1, and prints the URL to open. Options are Jupyter's own, e.g.\n" +
        "  --port 8890      --no-browser      --NotebookApp.token=SECRET\n" +
        "(`/usr/bin/python3 -m notebook --help-all` lists them all).",
    );
    Deno.exit(0);
  }
  const version = await notebookVersion();
  if (!version) {
    log(
      `${PYTHON} has no Jupyter Notebook: install Debian's classic Notebook with ` +
        `'sudo apt-get install jupyter-notebook' (./lab notebook does this)`,
    );
    Deno.exit(1);
  }
  if (!version.startsWith("6.")) {
    log(`found Jupyter Notebook ${version}; this command is made for the classic Notebook 6.x`);
  }
  try {
    if (await ensureKernel()) log(`registered the Deno kernel in ${JUPYTER_DIR}/kernels/deno`);
    await servePlotly();
  } catch (e) {
    log((e as Error).message);
    Deno.exit(1);
  }
  const env = serverEnv(Deno.env.toObject());
  await Deno.mkdir(env.BTM_RESULTS_DIR, { recursive: true });
  if (!(await writeCustomCss(env.JUPYTER_CONFIG_DIR))) {
    log(
      `JUPYTER_CONFIG_DIR is ${env.JUPYTER_CONFIG_DIR}: tables keep the Notebook's own style ` +
        `(unset it to get the report's, from ${OUTPUTS_CSS})`,
    );
  }
  const child = new Deno.Command(PYTHON, {
    args: serverArgs(user, { root: Deno.uid() === 0 }),
    env,
    clearEnv: true,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // Ctrl-C reaches the server too (same terminal): it asks to confirm and
  // shuts its kernels down. This process only waits for it.
  Deno.addSignalListener("SIGINT", () => {});
  // SIGTERM or SIGHUP to this process alone is passed on. When it was sent to
  // the whole process group the server has it already and is stopping (it
  // removes its nbserver-<pid>.json first); a second SIGTERM would cut its
  // kernels' shutdown short, so it is passed on only if the file is still there.
  const serverFile = join(env.JUPYTER_RUNTIME_DIR, `nbserver-${child.pid}.json`);
  let up = false;
  const stop = () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
  };
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    Deno.addSignalListener(signal, () => {
      if (!up) return stop();
      setTimeout(async () => {
        if (await Deno.stat(serverFile).catch(() => undefined)) stop();
      }, 500);
    });
  }
  const url = await serverUrl(env.JUPYTER_RUNTIME_DIR, child.pid, child.status);
  up = url !== undefined;
  if (url) {
    log(`open ${url}`);
    log(
      `config cells read BTM_PRESET (${
        env.BTM_PRESET ? `"${env.BTM_PRESET}"` : 'unset, so "default"'
      }); results JSON go to ${env.BTM_RESULTS_DIR}`,
    );
  }
  const status = await child.status;
  Deno.exit(status.code);
}
