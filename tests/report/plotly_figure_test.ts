import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { PLOTLY_MIME } from "../../lib/report/display_bundle.ts";
import { plotlyFigure } from "../../lib/report/plotly_figure.ts";

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
  assertStringIncludes(html, "Plotly.newPlot(el, fig.data, fig.layout, fig.config)");
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
