import { assertEquals, assertNotEquals } from "@std/assert";
import { rngFor, seedFor } from "../../lib/random/seed_for.ts";

Deno.test("seedFor: stable per path, distinct across paths and run seeds", () => {
  assertEquals(seedFor(0, "sampler", 3), seedFor(0, "sampler", 3));
  const seen = new Set<number>();
  for (let run = 0; run < 5; run++) {
    for (const name of ["init", "sampler", "augment"]) {
      for (let epoch = 0; epoch < 20; epoch++) seen.add(seedFor(run, name, epoch));
    }
  }
  assertEquals(seen.size, 300);
  assertNotEquals(seedFor(0, "a", 1), seedFor(0, "a1"));
  assertEquals(rngFor(9, "x").nextUint32(), rngFor(9, "x").nextUint32());
});
