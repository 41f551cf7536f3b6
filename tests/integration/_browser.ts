/**
 * Shared by the integration tests that build a report and open it: whether
 * Debian's Jupyter and Chromium are present, and a headless Chromium run.
 */
import { assertEquals } from "@std/assert";
import { basename, dirname, join, toFileUrl } from "@std/path";

const PYTHON = "/usr/bin/python3";
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

async function succeeds(cmd: string, args: string[]): Promise<boolean> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).output();
    return out.code === 0;
  } catch {
    return false;
  }
}

const hasJupyter = await succeeds(PYTHON, ["-c", "import nbclient, nbconvert, jupyter_client"]);

/** Path of a Chromium binary, if one is installed. */
export const chromium: string | undefined = CHROMIUM.find((p) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
});

/** What is missing to build and browse a report (empty when nothing is). */
export const missing: string[] = [
  ...(hasJupyter ? [] : [
    "Jupyter (sudo apt-get install jupyter-nbconvert python3-nbclient python3-jupyter-client python3-nbformat)",
  ]),
  ...(chromium ? [] : ["Chromium (sudo apt-get install chromium)"]),
];

/** Runs headless Chromium on a local page with `extra` flags and returns its stdout. */
export async function browse(page: string, profile: string, extra: string[]): Promise<string> {
  const out = await new Deno.Command(chromium!, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      "--virtual-time-budget=10000",
      ...extra,
      toFileUrl(page).href,
    ],
    stdout: "piped",
    stderr: "null",
    signal: AbortSignal.timeout(90_000),
  }).output();
  assertEquals(out.code, 0, `chromium failed on ${page}`);
  return new TextDecoder().decode(out.stdout);
}

/**
 * Runs in a report page once it has loaded and appends, as JSON in
 * `<pre id="btm-lab-css-probe">`, which of nbconvert's lab CSS did not apply:
 * one computed style from each part of the shared `assets/nbconvert-lab.css`
 * (the theme's variables, `static/index.css`, the lab page rules, pygments).
 * Computed styles, because Chromium does not let a file:// page read the
 * rules of a file:// stylesheet (`cssRules` throws), and a missing file
 * still leaves an empty `link.sheet`.
 */
const LAB_CSS_PROBE = `addEventListener("load", () => {
  const problems = [];
  const style = (el, prop) => getComputedStyle(el).getPropertyValue(prop).trim();
  const expect = (selector, prop, ok, want) => {
    const el = document.querySelector(selector);
    if (!el) return problems.push(selector + " is not on the page");
    if (!ok(style(el, prop))) problems.push(selector + " has " + prop + " " + JSON.stringify(style(el, prop)) + ", want " + want);
  };
  expect(":root", "--jp-cell-prompt-width", (v) => v !== "", "the theme's value");
  expect(".jp-InputArea", "display", (v) => v === "flex", "flex (static/index.css)");
  expect(".jp-Collapser", "display", (v) => v === "none", "none (lab page rules)");
  const keyword = document.querySelector(".highlight .k, .highlight .kd");
  if (keyword && style(keyword, "color") === style(keyword.closest(".highlight"), "color")) {
    problems.push("code keywords have the code's colour (no pygments CSS)");
  }
  const pre = document.createElement("pre");
  pre.id = "btm-lab-css-probe";
  pre.textContent = JSON.stringify(problems);
  document.body.append(pre);
});`;

/**
 * Opens a report page as {@link browse} with `--dump-dom` does, from a copy
 * beside it (same folder, so its relative links resolve) that also runs
 * {@link LAB_CSS_PROBE}. Returns the dumped DOM and what of the lab CSS did
 * not apply (empty when the page's stylesheet link works).
 */
export async function browseReportPage(
  page: string,
  profile: string,
): Promise<{ dom: string; cssProblems: string[] }> {
  const html = await Deno.readTextFile(page);
  const end = html.lastIndexOf("</body>");
  if (end < 0) throw new Error(`Cannot probe ${page}: it has no </body>`);
  const probe = join(dirname(page), `.probe-${basename(page)}`);
  await Deno.writeTextFile(
    probe,
    `${html.slice(0, end)}<script>${LAB_CSS_PROBE}</script>${html.slice(end)}`,
  );
  try {
    const dom = await browse(probe, profile, ["--dump-dom"]);
    const found = dom.match(/<pre id="btm-lab-css-probe">([^<]*)<\/pre>/);
    if (!found) throw new Error(`Cannot check the lab CSS of ${page}: the probe did not run`);
    const json = found[1].replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll(
      "&gt;",
      ">",
    ).replaceAll("&amp;", "&");
    return { dom, cssProblems: JSON.parse(json) };
  } finally {
    await Deno.remove(probe);
  }
}

/** True when a page loads a script, stylesheet or image from the network. */
export function loadsFromNetwork(html: string): boolean {
  return /<(script|link|img)[^>]+(src|href)="(https?:)?\/\//.test(html);
}

/** Plot divs of a dumped DOM, each cut at its inline script. */
export function plotDivs(dom: string): string[] {
  return dom.split(/<div id="btm-plot-/).slice(1).map((p) => p.split("</script>")[0]);
}

/** True when a plotly div drew an SVG with marks (bars, markers or lines). */
export function plotDrew(div: string): boolean {
  return div.includes("js-plotly-plot") && div.includes('class="main-svg"') &&
    (/class="point"[^<]*(<path[^>]*)? d="M[^"]{4,}"/.test(div) ||
      /class="js-line"[^>]* d="M[^"]{4,}"/.test(div) ||
      /class="hm"|<image /.test(div));
}
