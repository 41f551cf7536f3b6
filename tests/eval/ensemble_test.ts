import { assertEquals, assertThrows } from "@std/assert";
import { gmlEnsemble, isEnsemble } from "../../lib/eval/ensemble.ts";
import type { Model } from "../../lib/models/types.ts";

Deno.test("gmlEnsemble holds the two models with their temperatures", () => {
  const old = { name: "old" } as unknown as Model, fresh = { name: "new" } as unknown as Model;
  const e = gmlEnsemble(old, fresh, { tOld: 1.5, tNew: 0.7 });
  assertEquals(isEnsemble(e), true);
  assertEquals(e.members.map((m) => [m.model, m.temperature]), [[old, 1.5], [fresh, 0.7]]);
  assertThrows(() => gmlEnsemble(old, fresh, { tNew: 0 }), RangeError, "tNew = 0");
});
