import { assertEquals } from "@std/assert";
import { PlanCache } from "../../../lib/backend/onednn/_state.ts";
import type { Plan } from "../../../lib/backend/onednn/_dnnl.ts";

function fakePlan(name: string, destroyed: string[]): Plan {
  return { name, destroy: () => destroyed.push(name) } as unknown as Plan;
}

Deno.test("the plan cache is bounded: the least recently used plan is destroyed first", () => {
  const destroyed: string[] = [];
  const cache = new PlanCache(2);
  cache.get("a", () => fakePlan("a", destroyed));
  cache.get("b", () => fakePlan("b", destroyed));
  cache.get("a", () => fakePlan("a again", destroyed)); // a hit: a is now the most recent
  cache.get("c", () => fakePlan("c", destroyed));
  assertEquals(destroyed, ["b"]);
  assertEquals(cache.size, 2);
  assertEquals(cache.created, 3);
  cache.clear();
  assertEquals(destroyed.sort(), ["a", "b", "c"]);
  assertEquals(cache.size, 0);
});
