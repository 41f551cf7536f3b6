import { assertEquals } from "@std/assert";
import { displayable, JUPYTER_DISPLAY } from "../../lib/report/display_bundle.ts";

Deno.test("JUPYTER_DISPLAY is the symbol Deno's kernel looks up", () => {
  assertEquals(JUPYTER_DISPLAY, Symbol.for("Jupyter.display"));
  const d = displayable({ "text/plain": "x" });
  assertEquals(d[Symbol.for("Jupyter.display") as typeof JUPYTER_DISPLAY](), { "text/plain": "x" });
});
