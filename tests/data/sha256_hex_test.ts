import { assertEquals } from "@std/assert";
import { sha256Hex } from "../../lib/data/sha256_hex.ts";

Deno.test("sha256Hex: known digests, and views hash only their own bytes", async () => {
  assertEquals(
    await sha256Hex(new TextEncoder().encode("abc")),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  const big = new Uint8Array([9, 97, 98, 99, 9]);
  assertEquals(
    await sha256Hex(big.subarray(1, 4)),
    await sha256Hex(new TextEncoder().encode("abc")),
  );
  assertEquals(await sha256Hex(new Int32Array([1])), await sha256Hex(new Uint8Array([1, 0, 0, 0])));
});
