/**
 * sha256 of values: bytes, and JSON-like data in a canonical form, so that a
 * stage's configuration and inputs map to one cache key.
 *
 * @module
 */

import { sha256Hex } from "../data/sha256_hex.ts";

/**
 * Canonical JSON text of a value: object keys sorted, `undefined` fields
 * dropped, typed arrays written as plain arrays, maps as sorted entry lists.
 * Functions are rejected, since they cannot be part of a reproducible key.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value, "value"));
}

function canonical(value: unknown, path: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new TypeError(`Cannot hash ${path} = ${value}: only finite numbers have a stable form`);
    }
    return value;
  }
  if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
    throw new TypeError(`Cannot hash ${path}: a ${typeof value} has no stable form`);
  }
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) return value.map((v, i) => canonical(v, `${path}[${i}]`));
  if (value instanceof Map) {
    return [...value.entries()]
      .map(([k, v]) => [String(k), canonical(v, `${path}.${String(k)}`)] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v, `${path}.${key}`);
    }
    return out;
  }
  return undefined;
}

/**
 * sha256 (hex) of the canonical JSON of a value.
 *
 * @example
 * ```ts
 * import { hashJson } from "./stable_hash.ts";
 * if (await hashJson({ a: 1, b: 2 }) !== await hashJson({ b: 2, a: 1 })) throw new Error("order");
 * ```
 */
export function hashJson(value: unknown): Promise<string> {
  return sha256Hex(new TextEncoder().encode(canonicalJson(value)));
}
