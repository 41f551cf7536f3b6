import { assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { canonicalJson, hashJson } from "../../lib/train/stable_hash.ts";

Deno.test("canonical JSON sorts keys, drops undefined and flattens typed arrays", async () => {
  assertEquals(
    canonicalJson({ b: 1, a: [Int32Array.of(2, 3)], c: undefined }),
    '{"a":[[2,3]],"b":1}',
  );
  assertEquals(await hashJson({ x: 1, y: 2 }), await hashJson({ y: 2, x: 1 }));
  assertNotEquals(await hashJson({ x: 1 }), await hashJson({ x: 2 }));
  assertThrows(() => canonicalJson({ f: () => 1 }), TypeError, "value.f");
  assertThrows(() => canonicalJson({ n: NaN }), TypeError, "NaN");
});
