/**
 * End to end, as a reviewer works: `scripts/notebook.ts` (what `./lab
 * notebook` runs) starts the classic Jupyter Notebook on a free loopback
 * port; headless Chromium opens notebook 02 in it, with every host name but
 * 127.0.0.1 unresolvable. On the smoke preset, with a run cache of its own:
 *
 * 1. "Run all" from the page: every cell runs without error, the training
 *    cell shows one progress line per training run, the figure draws
 *    (plotly.js served by the notebook server, no CDN), the verdicts show
 *    text, and the page asked nothing of any other host.
 * 2. A setting changes in the config cell (more pre-training epochs) and the
 *    training cell runs again; once two epochs are saved the kernel is
 *    interrupted (the toolbar's ■): the cell ends with `TrainingInterrupted`,
 *    the kernel survives, and the run cache holds only whole, verified files.
 * 3. The training cell runs again and resumes after the saved epochs; the
 *    cells below it redraw the figure and restate the verdicts.
 *
 * The server is stopped at the end whatever happens; kernels it started are
 * ended too. The notebook runs from a copy in a temporary folder directly
 * under the project root (the kernel's working directory must be one level
 * below it, for `../lib/mod.ts` and deno.json), so `notebooks/` is never
 * written to.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { dirname, fromFileUrl, join, resolve } from "@std/path";
import { missing as browserMissing, plotDrew } from "./_browser.ts";
import { LivePage } from "./_cdp.ts";
import { loadCheckpoint } from "../../lib/train/checkpoint.ts";
import { serverArgs, serverEnv } from "../../scripts/notebook.ts";

const ROOT = resolve(dirname(fromFileUrl(import.meta.url)), "..", "..");
const NOTEBOOK = "02_observations_1_2.ipynb";
/** The config cell's line the test edits, as a reviewer would, and what it writes instead. */
const OVERRIDES = /const settings: string\[\] = \[\s*\];/;
const PRETRAIN_EPOCHS = 12;
const CHANGED = `const settings: string[] = ["pretrain.epochs=${PRETRAIN_EPOCHS}"];`;
/** A progress line of a pre-training, of any seed. */
const PRETRAIN = /^\[(seed \d+: )?pretrain\] /;

const hasNotebook = await new Deno.Command("/usr/bin/python3", {
  args: ["-c", "import notebook"],
  stdout: "null",
  stderr: "null",
}).output().then((o) => o.success, () => false);
const missing = [
  ...browserMissing,
  ...(hasNotebook ? [] : ["the classic Notebook (sudo apt-get install jupyter-notebook)"]),
];

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Pids of live processes whose command line mentions `text` (the test's own runtime folder). */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name) || Number(e.name) === Deno.pid) continue;
    try {
      if (Deno.readTextFileSync(`/proc/${e.name}/cmdline`).includes(text)) pids.push(+e.name);
    } catch { /* gone */ }
  }
  return pids;
}

/** JS run in the page: true once every given cell has run and the kernel is idle. */
const ran = (cells: number[]) =>
  `(() => { const nb = Jupyter.notebook; return !nb.kernel_busy && ${JSON.stringify(cells)}` +
  `.every((i) => typeof nb.get_cell(i).input_prompt_number === "number"); })()`;

/**
 * JS run in the page: resolves once the kernel has echoed a marker. Deno's
 * kernel may report idle before a cell's last outputs are published; it
 * forwards output in order, so once the marker is back they all are.
 */
const MARKER = `new Promise((resolve, reject) => {
  const token = "btm-marker-" + Date.now();
  const timer = setTimeout(() => reject(new Error("the kernel did not echo the marker")), 60000);
  Jupyter.notebook.kernel.execute("console.log(" + JSON.stringify(token) + ")", { iopub: { output:
    (msg) => { if (String(msg.content.text || "").includes(token)) { clearTimeout(timer); resolve(true); } } } },
    { silent: false, store_history: false });
})`;

/** A code cell as the page holds it. */
interface CellState {
  index: number;
  type: string;
  text: string;
  outputs: { type: string; text: string; ename?: string; evalue?: string }[];
}

const CELLS = `Jupyter.notebook.get_cells().map((c, index) => ({
  index, type: c.cell_type, text: c.get_text(),
  outputs: (c.output_area ? c.output_area.outputs : []).map((o) => ({
    type: o.output_type, ename: o.ename, evalue: o.evalue,
    text: String(o.text || (o.data && o.data["text/plain"]) || "") })),
}))`;

const PLOTS =
  `[...document.querySelectorAll("div.btm-plot")].map((d) => ({ id: d.id, html: d.outerHTML }))`;
const PLOTS_DRAWN = `(() => { const p = [...document.querySelectorAll("div.btm-plot")];
  return p.length > 0 && p.every((d) => d.querySelector(".main-svg")); })()`;
const VERDICTS = `[...document.querySelectorAll(".btm-verdict")].map((d) => d.textContent.trim())`;

/** Progress lines (one `[label] epoch …` display each) among a cell's outputs. */
function progressLines(cell: CellState): string[] {
  return cell.outputs.filter((o) => o.type === "display_data" && /^\[[^\]]+\] epoch /.test(o.text))
    .map((o) => o.text);
}

function errorsOf(cells: CellState[]): string[] {
  return cells.flatMap((c) =>
    c.outputs.filter((o) => o.type === "error").map((o) =>
      `cell ${c.index}: ${o.ename}: ${o.evalue}`
    )
  );
}

Deno.test("notebook launcher: Jupyter's own options replace its defaults; the environment keeps the user's", () => {
  const plain = serverArgs(["--port", "8890", "--no-browser"], { root: false });
  assertEquals(plain.slice(0, 4), [
    "-m",
    "notebook",
    "--ip=127.0.0.1",
    `--notebook-dir=${ROOT}/notebooks`,
  ]);
  assertEquals(plain.slice(-3), ["--port", "8890", "--no-browser"]);
  assertEquals(plain.includes("--allow-root"), false);
  assert(plain.some((a) => a.startsWith("--NotebookApp.extra_static_paths=")));
  // Jupyter refuses an option given twice: a user's --ip or --notebook-dir replaces ours.
  const own = serverArgs(["--ip=0.0.0.0", "--NotebookApp.notebook_dir=/x"], { root: true });
  const placed = own.filter((a) => /^--(ip|notebook-dir|NotebookApp\.notebook_dir)\b/.test(a));
  assertEquals(placed, ["--ip=0.0.0.0", "--NotebookApp.notebook_dir=/x"]);
  assert(own.includes("--allow-root"));
  const env = serverEnv({ JUPYTER_PATH: "/theirs", BTM_RESULTS_DIR: "/r", BTM_PRESET: "smoke" });
  assertEquals(env.JUPYTER_PATH, `${ROOT}/.cache/jupyter:/theirs`);
  assertEquals([env.BTM_RESULTS_DIR, env.BTM_PRESET], ["/r", "smoke"]);
  assertEquals(serverEnv({}).BTM_RESULTS_DIR, `${ROOT}/.cache/notebook-results`);
  assertEquals(serverEnv({}).JUPYTER_CONFIG_DIR, `${ROOT}/.cache/jupyter/config`);
});

Deno.test({
  name:
    `notebook server: ${NOTEBOOK} runs live in Chromium, draws offline, is interrupted and resumes${
      missing.length ? ` (skipped: missing ${missing.join(", ")})` : ""
    }`,
  ignore: missing.length > 0,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const work = await Deno.makeTempDir({ dir: ROOT, prefix: ".notebook-test-" });
    const profile = await Deno.makeTempDir({ prefix: "btm-chromium-" });
    await Deno.copyFile(join(ROOT, "notebooks", NOTEBOOK), join(work, NOTEBOOK));
    const runs = join(work, "runs");
    const runtime = join(work, "jupyter", "runtime");
    const port = freePort();
    const token = crypto.randomUUID().replaceAll("-", "");
    const env = {
      BTM_PRESET: "smoke",
      BTM_RUNS_DIR: runs,
      BTM_RESULTS_DIR: join(work, "results"),
      JUPYTER_CONFIG_DIR: join(work, "jupyter", "config"),
      JUPYTER_DATA_DIR: join(work, "jupyter", "data"),
      JUPYTER_RUNTIME_DIR: runtime,
    };
    // setsid: the launcher leads its own process group, which the finally block can end whole.
    const server = new Deno.Command("setsid", {
      args: [
        Deno.execPath(),
        "run",
        "-A",
        join(ROOT, "scripts", "notebook.ts"),
        "--no-browser",
        `--port=${port}`,
        "--NotebookApp.port_retries=0",
        `--NotebookApp.token=${token}`,
        `--notebook-dir=${work}`,
      ],
      cwd: ROOT,
      env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let log = "";
    const drain = (stream: ReadableStream<Uint8Array>) =>
      (async () => {
        for await (const text of stream.pipeThrough(new TextDecoderStream())) log += text;
      })();
    const drained = Promise.all([drain(server.stdout), drain(server.stderr)]);
    let serverDone = false;
    const serverStatus = server.status.then((s) => {
      serverDone = true;
      return s;
    });
    let page: LivePage | undefined;
    const timings: Record<string, number> = {};
    const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await f();
      } finally {
        timings[name] = Math.round((performance.now() - t) / 100) / 10;
      }
    };
    try {
      // The launcher prints the URL, with its token, once the server is up.
      const url = await timed("server start", async () => {
        for (let i = 0; i < 600; i++) {
          const found = log.match(/\[notebook\] open (http:\/\/\S+)/);
          if (found) return found[1];
          if (serverDone) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`The notebook server did not start:\n${log}`);
      });
      assertEquals(url, `http://127.0.0.1:${port}/tree?token=${token}`);
      const origin = `http://127.0.0.1:${port}/`;

      page = await LivePage.launch(profile);
      await page.navigate(`${origin}notebooks/${NOTEBOOK}?token=${token}`);
      await page.waitFor(
        "!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && " +
          "Jupyter.notebook.kernel.is_connected())",
        "the notebook page and its Deno kernel",
        { timeout: 90_000 },
      );
      const kernelId = await page.evaluate<string>("Jupyter.notebook.kernel.id");
      await page.evaluate(
        "window.btmRestarts = 0; Jupyter.notebook.events.on('kernel_restarting.Kernel', " +
          "() => window.btmRestarts++); true",
      );

      // 1. Run all, as Cell > Run All does.
      const everyCell = await page.evaluate<CellState[]>(CELLS);
      const all = everyCell.filter((c) => c.type === "code").map((c) => c.index);
      await timed("run all", async () => {
        await page!.evaluate("Jupyter.notebook.execute_all_cells(); true");
        await page!.waitFor(ran(all), "every cell to run", { timeout: 300_000, interval: 500 });
        await page!.evaluate(MARKER);
      });
      let cells = (await page.evaluate<CellState[]>(CELLS)).filter((c) => c.type === "code");
      assertEquals(errorsOf(cells), [], "cells failed on run all");
      const training = cells.filter((c) => progressLines(c).length > 0);
      assert(training.length > 0, "no cell showed training progress");
      const trainCell = training[0].index;
      for (const cell of training) {
        // One updating line per training run, each finished: not one line per epoch.
        const lines = progressLines(cell);
        const labels = lines.map((l) => l.match(/^\[([^\]]+)\]/)![1]);
        assertEquals(
          new Set(labels).size,
          lines.length,
          `cell ${cell.index}: ${lines.join(" | ")}`,
        );
        for (const line of lines) assertStringIncludes(line, "done in");
        assert(lines.every((l) => !l.includes("\n")), lines.join(" | "));
      }
      // Several seeds: each progress line names its seed ("[seed 0: pretrain] …").
      assert(
        progressLines(training[0]).some((l) => PRETRAIN.test(l) && l.includes("] epoch 2/2 ")),
      );
      await timed(
        "figures draw",
        () => page!.waitFor(PLOTS_DRAWN, "the figures to draw", { timeout: 60_000 }),
      );
      const firstPlots = await page.evaluate<{ id: string; html: string }[]>(PLOTS);
      for (const p of firstPlots) assert(plotDrew(p.html), `figure ${p.id} drew no marks`);
      const verdicts = await page.evaluate<string[]>(VERDICTS);
      assert(verdicts.length > 0, "no verdict on the page");
      for (const v of verdicts) assertMatch(v, /^(Holds|Does not hold|Within noise|Not run): \S/);
      assertEquals(
        page.requests.filter((r) => !r.url.startsWith(origin)).map((r) => r.url),
        [],
        "the page asked another host for something",
      );
      const plotly = page.requests.filter((r) => new URL(r.url).pathname === "/static/plotly.js");
      assertEquals(plotly.map((r) => r.failed), [false], "plotly.js served once, locally");
      assertEquals(page.errors, [], "errors in the page");

      // 2. A reviewer's change: more pre-training epochs. Re-run the config cell, then training.
      const config = cells.find((c) => OVERRIDES.test(c.text));
      if (!config) {
        throw new Error(
          `no config cell of ${NOTEBOOK} has a line like "const settings: string[] = [];"`,
        );
      }
      await page.evaluate(
        `(() => { const c = Jupyter.notebook.get_cell(${config.index}); ` +
          `c.set_text(c.get_text().replace(${OVERRIDES}, ${JSON.stringify(CHANGED)})); ` +
          `c.execute(); return true; })()`,
      );
      await page.waitFor(ran([config.index]), "the config cell", { timeout: 60_000 });
      await page.evaluate(`Jupyter.notebook.get_cell(${trainCell}).execute(); true`);
      const epochFile = await timed("train until 2 epochs are saved", async () => {
        const deadline = Date.now() + 180_000;
        while (Date.now() < deadline) {
          for (const e of Deno.readDirSync(runs)) {
            if (!/^pretrain-.*\.epoch\.ckpt$/.test(e.name)) continue;
            const path = join(runs, e.name);
            const saved = await loadCheckpoint(path).then((c) => c.meta.epoch ?? 0, () => 0);
            if (saved >= 2) return path;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`pre-training never saved 2 epochs:\n${log.slice(-3000)}`);
      });
      // The toolbar's interrupt: POST /api/kernels/<id>/interrupt, SIGINT to the kernel.
      await page.evaluate("Jupyter.notebook.kernel.interrupt(); true");
      await timed("interrupt", async () => {
        // A kernel that died of the signal is restarted by the server: fail at once on that.
        const how = await page!.waitFor<string | boolean>(
          `window.btmRestarts > 0 ? "the kernel died and restarted" : ${ran([trainCell])}`,
          "the interrupted cell to end",
          { timeout: 120_000 },
        );
        assertEquals(how, true, "the interrupt did not stop the training cell");
        await page!.evaluate(MARKER);
      });
      let cell = (await page.evaluate<CellState[]>(CELLS))[trainCell];
      const error = cell.outputs.find((o) => o.type === "error");
      assertEquals(error?.ename, "TrainingInterrupted", JSON.stringify(cell.outputs));
      const saved = (await loadCheckpoint(epochFile)).meta.epoch!;
      assert(saved >= 2 && saved < PRETRAIN_EPOCHS, `${saved} epochs saved`);
      assertStringIncludes(
        error!.evalue!,
        `saved in ${epochFile}; run the cell again to resume from epoch ${saved + 1}`,
      );
      assert(progressLines(cell).some((l) => l.includes("interrupted after")));
      // The kernel lived through it: same kernel, no restart.
      assertEquals(await page.evaluate<string>("Jupyter.notebook.kernel.id"), kernelId);
      assertEquals(await page.evaluate<number>("window.btmRestarts"), 0);
      // Only whole files in the cache: the verified epoch file and the smoke run's stages.
      const files = [...Deno.readDirSync(runs)].map((e) => e.name).sort();
      assertEquals(files.filter((f) => !f.endsWith(".ckpt")), [], `stray files: ${files}`);
      for (const f of files) await loadCheckpoint(join(runs, f));

      // 3. Run the training cell again: it resumes; the cells below redraw and restate.
      await timed("resume", async () => {
        await page!.evaluate(`Jupyter.notebook.get_cell(${trainCell}).execute(); true`);
        await page!.waitFor(ran([trainCell]), "the resumed training", { timeout: 300_000 });
        await page!.evaluate(MARKER);
      });
      cell = (await page.evaluate<CellState[]>(CELLS))[trainCell];
      assertEquals(errorsOf([cell]), []);
      const pretrainLine = progressLines(cell).find((l) => PRETRAIN.test(l));
      assertStringIncludes(pretrainLine ?? "", `epoch ${PRETRAIN_EPOCHS}/${PRETRAIN_EPOCHS}`);
      assertStringIncludes(pretrainLine ?? "", `(resumed after epoch ${saved})`);
      assertEquals(await Deno.stat(epochFile).then(() => true, () => false), false);
      const below = all.filter((i) => i > trainCell);
      await timed("cells below", async () => {
        await page!.evaluate(
          `Jupyter.notebook.execute_cell_range(${trainCell + 1}, ${everyCell.length}); true`,
        );
        await page!.waitFor(ran(below), "the cells below", { timeout: 120_000 });
        await page!.evaluate(MARKER);
      });
      cells = (await page.evaluate<CellState[]>(CELLS)).filter((c) => c.type === "code");
      assertEquals(errorsOf(cells), []);
      await page.waitFor(PLOTS_DRAWN, "the figures to draw again", { timeout: 60_000 });
      const plots = await page.evaluate<{ id: string; html: string }[]>(PLOTS);
      assertEquals(plots.length, firstPlots.length);
      for (const p of plots) {
        assert(plotDrew(p.html), `figure ${p.id} drew no marks`);
        assert(!firstPlots.some((f) => f.id === p.id), "a figure was not redrawn");
      }
      for (const v of await page.evaluate<string[]>(VERDICTS)) {
        assertMatch(v, /^(Holds|Does not hold|Within noise|Not run): \S/);
      }
      assertEquals(page.requests.filter((r) => !r.url.startsWith(origin)).map((r) => r.url), []);
      assertEquals(page.errors, [], "errors in the page");
      console.log(`notebook server test timings (s): ${JSON.stringify(timings)}`);
    } catch (e) {
      (e as Error).message += `\n--- server log (end) ---\n${log.slice(-4000)}`;
      throw e;
    } finally {
      await page?.close();
      // The launcher passes SIGTERM on to the server, which shuts its kernels down.
      if (!serverDone) {
        try {
          Deno.kill(server.pid, "SIGTERM");
        } catch { /* gone */ }
        await Promise.race([serverStatus, new Promise((r) => setTimeout(r, 20_000))]);
      }
      try {
        Deno.kill(-server.pid, "SIGKILL"); // anything left of the launcher's group
      } catch { /* none left */ }
      for (const pid of processesMentioning(runtime)) {
        try {
          Deno.kill(pid, "SIGKILL"); // a kernel the server could not shut down
        } catch { /* gone */ }
      }
      await serverStatus;
      await drained;
      await Deno.remove(work, { recursive: true });
      await Deno.remove(profile, { recursive: true });
    }
  },
});
