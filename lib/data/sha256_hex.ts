/**
 * sha256 of typed arrays, as lowercase hex, via Web Crypto.
 *
 * @module
 */

/**
 * sha256 (hex) of the bytes of `data` (platform byte order for multi-byte arrays: little-endian
 * on every machine this project runs on).
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./sha256_hex.ts";
 * const h = await sha256Hex(new Uint8Array(0));
 * if (!h.startsWith("e3b0c442")) throw new Error("wrong hash");
 * ```
 */
export async function sha256Hex(data: ArrayBufferView): Promise<string> {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // digest() needs a buffer it can read; copy views of shared or offset buffers.
  const digest = await crypto.subtle.digest("SHA-256", bytes.slice());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
