/**
 * Shared by the integration tests that build a report and open it: whether
 * Debian's Jupyter and Chromium are present, and a headless Chromium run.
 */
import { assertEquals } from "@std/assert";
import { toFileUrl } from "@std/path";

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
