import { assertEquals, assertThrows } from "@std/assert";
import { getPipeline, PIPELINES } from "../../lib/experiments/pipelines.ts";

Deno.test("the pipeline registry holds the four pipelines and names them on error", () => {
  assertEquals(Object.keys(PIPELINES).sort(), ["btm", "btm+gml", "gml", "two-stage"]);
  for (const name of Object.keys(PIPELINES)) assertEquals(typeof getPipeline(name), "function");
  assertThrows(() => getPipeline("mixup"), Error, "two-stage, btm, gml, btm+gml");
});
