import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { PLOTLY_MIME } from "../../lib/report/display_bundle.ts";
import { PLOTLY_AMD_MODULE, plotlyFigure } from "../../lib/report/plotly_figure.ts";

const DISPLAY = Symbol.for("Jupyter.display");

Deno.test("plotlyFigure: bundle has plotly JSON, drawing HTML and text", () => {
  const fig = plotlyFigure([{ type: "bar", name: "BTM", x: ["a"], y: [0.5] }], {
    title: "Recall",
    height: 320,
    layout: { yaxis: { range: [0, 1] } },
  });
  // deno-lint-ignore no-explicit-any
  const bundle = (fig as any)[DISPLAY]();
  assertEquals(Object.keys(bundle).sort(), [PLOTLY_MIME, "text/html", "text/plain"].sort());
  const json = bundle[PLOTLY_MIME];
  assertEquals(json.data, [{ type: "bar", name: "BTM", x: ["a"], y: [0.5] }]);
  assertEquals(json.layout.height, 320);
  assertEquals(json.layout.yaxis, { range: [0, 1] });
  assertEquals(json.layout.title, { text: "Recall" });
  assertEquals(json.config.responsive, true);
  const html: string = bundle["text/html"];
  assertStringIncludes(html, "P.newPlot(el, fig.data, fig.layout, fig.config)");
  assertStringIncludes(html, 'class="btm-plot"');
  assertEquals(html.includes("<script src"), false, "plotly.js itself must never be in an output");
  assertEquals(html.length < 2000, true);
  assertEquals(bundle["text/plain"], "Recall: plotly figure (BTM)");
});

Deno.test("plotlyFigure: the embedded figure survives hostile strings, ids are unique", () => {
  const a = plotlyFigure([{ name: "</script><b>", y: [1] }]);
  const b = plotlyFigure([{ name: "</script><b>", y: [1] }]);
  // deno-lint-ignore no-explicit-any
  const html = (f: unknown): string => (f as any)[DISPLAY]()["text/html"];
  assertEquals(html(a).split("</script>").length, 2, "only the figure's own closing tag");
  const id = (h: string) => h.match(/id="([^"]+)"/)![1];
  assertEquals(id(html(a)) === id(html(b)), false);
  const embedded = html(a).match(/var fig = (.*);\n/)![1];
  assertEquals(JSON.parse(embedded).data[0].name, "</script><b>");
});

Deno.test("plotlyFigure: rejects an empty figure and a bad height", () => {
  assertThrows(() => plotlyFigure([]), TypeError, "at least one trace");
  assertThrows(() => plotlyFigure([{ y: [1] }], { height: 0 }), RangeError, "0 px");
});

/** Runs a figure's inline script against a fake page; returns what it drew with and the div's text. */
function runFigureScript(
  html: string,
  page: { Plotly?: boolean; amd?: "module" | "sets-global" | "fails" },
): { drewWith: string | null; text: string; asked: string[] } {
  const script = html.split("<script>")[1].split("</script>")[0];
  const el = { textContent: "" };
  let drewWith: string | null = null;
  const plotly = (name: string) => ({
    newPlot: (target: unknown, data: unknown[]) => {
      if (target !== el || !Array.isArray(data)) throw new Error("bad newPlot call");
      drewWith = name;
    },
  });
  const asked: string[] = [];
  const define = page.amd ? Object.assign(() => {}, { amd: {} }) : undefined;
  const window: { Plotly?: unknown } = {};
  const require = page.amd
    ? (ids: string[], ok: (p: unknown) => void, fail: () => void) => {
      asked.push(...ids);
      if (page.amd === "module") return ok(plotly("amd"));
      if (page.amd === "fails") return fail();
      // What plotly.js 3 does under require.js: no define(), only window.Plotly.
      window.Plotly = plotly("window");
      ok(undefined);
    }
    : undefined;
  const document = { getElementById: () => el };
  new Function("document", "window", "Plotly", "define", "require", script)(
    document,
    window,
    page.Plotly ? plotly("global") : undefined,
    define,
    require,
  );
  return { drewWith, text: el.textContent, asked };
}

Deno.test("plotlyFigure: draws with the page's Plotly, else asks require.js for it, else says why", () => {
  // deno-lint-ignore no-explicit-any
  const html: string = (plotlyFigure([{ y: [1, 2] }]) as any)[DISPLAY]()["text/html"];
  // The static report: plotly.js loaded globally in <head>.
  assertEquals(runFigureScript(html, { Plotly: true, amd: "module" }).drewWith, "global");
  // The classic Notebook: require.js, with plotly.js served as the module "plotly".
  const live = runFigureScript(html, { amd: "sets-global" });
  assertEquals([live.drewWith, live.asked], ["window", [PLOTLY_AMD_MODULE]]);
  assertEquals(runFigureScript(html, { amd: "module" }).drewWith, "amd");
  const unserved = runFigureScript(html, { amd: "fails" });
  assertEquals(unserved.drewWith, null);
  assertStringIncludes(unserved.text, "./lab notebook");
  const bare = runFigureScript(html, {});
  assertEquals(bare.drewWith, null);
  assertStringIncludes(bare.text, "plotly.js is not loaded on this page");
});
