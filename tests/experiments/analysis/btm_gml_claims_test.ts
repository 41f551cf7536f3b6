import { assertEquals } from "@std/assert";
import { btmGmlClaims } from "../../../lib/experiments/analysis/btm_gml_claims.ts";

const m = (h: number, g: number) => ({ summary: { harmonicMean: h, geometricMean: g } });

Deno.test("BTM + GML against either alone: plain models, then the ensembles", () => {
  const models = {
    gml: m(0.2, 0.3),
    "gml-ensemble": m(0.25, 0.32),
    btm: m(0.22, 0.31),
    "btm+gml": m(0.3, 0.35),
    "btm+gml-ensemble": m(0.24, 0.4),
  };
  const c = btmGmlClaims({ models } as never);
  assertEquals(c.plain.record.holds, true);
  assertEquals(Object.keys(c.plain.record.values), [
    "BTM + GML H-mean",
    "GML H-mean",
    "BTM H-mean",
    "BTM + GML G-mean",
    "GML G-mean",
    "BTM G-mean",
  ]);
  // The BTM + GML ensemble's H-mean (24%) is below the GML ensemble's (25%).
  assertEquals(c.ensemble.record.holds, false);
  assertEquals(c.ensemble.record.evidence.startsWith("1 of 4 comparisons fail"), true);
});
