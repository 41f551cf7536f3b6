import { assertEquals, assertThrows } from "@std/assert";
import { asNotebook, joinSource } from "../../lib/report/notebook_json.ts";

Deno.test("joinSource and asNotebook read nbformat's two text forms and reject non-notebooks", () => {
  assertEquals(joinSource(["a\n", "b"]), "a\nb");
  assertEquals(joinSource("a"), "a");
  assertEquals(joinSource(undefined), "");
  assertEquals(asNotebook({ cells: [] }, "x").cells, []);
  assertThrows(() => asNotebook({ worksheets: [] }, "old.ipynb"), TypeError, `"old.ipynb"`);
});
