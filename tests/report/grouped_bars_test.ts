import { assertEquals, assertThrows } from "@std/assert";
import { groupedBars } from "../../lib/report/grouped_bars.ts";

Deno.test("groupedBars: one trace per series over the categories, grouped, fractions on the axis", () => {
  const fig = groupedBars(["CE", "cRT"], { "without BTM": [0.1, 0.2], "with BTM": [0.15, null] }, {
    title: "H-mean",
    yTitle: "H-mean",
    yFormat: ".2%",
  });
  assertEquals(fig.data, [
    { type: "bar", name: "without BTM", x: ["CE", "cRT"], y: [0.1, 0.2] },
    { type: "bar", name: "with BTM", x: ["CE", "cRT"], y: [0.15, null] },
  ]);
  assertEquals(fig.layout.barmode, "group");
  assertEquals(fig.layout.yaxis, {
    title: { text: "H-mean" },
    tickformat: ".2%",
    rangemode: "tozero",
  });
  const long = groupedBars(["a"], { s: [1] }, {
    title: "t",
    longCategories: true,
    fromZero: false,
  });
  assertEquals(long.layout.xaxis, { automargin: true });
  assertEquals(long.layout.yaxis, { tickformat: ".0%" });
});

Deno.test("groupedBars names a series of the wrong length and refuses no series", () => {
  assertThrows(
    () => groupedBars(["a", "b"], { s: [1] }, { title: "t" }),
    RangeError,
    'series "s" has 1 values for 2 categories',
  );
  assertThrows(() => groupedBars(["a"], {}, { title: "t" }), RangeError, "at least one series");
});
