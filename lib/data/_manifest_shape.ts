/**
 * Checks that a JSON value read from a file has the shape of a {@linkcode DatasetManifest}
 * before anything reads its fields (internal to lib/data).
 *
 * @module
 */
import type { DatasetManifest } from "./types.ts";

/**
 * The first way `value` is not a manifest, as a phrase (`it has no "counts" object`), or
 * undefined when it is one.
 */
export function manifestShapeProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "it is not a JSON object";
  }
  const m = value as Record<string, unknown>;
  for (const field of ["name", "generator"] as const) {
    if (typeof m[field] !== "string") return `it has no "${field}" string`;
  }
  if (!Number.isInteger(m.seed)) return `its "seed" ${JSON.stringify(m.seed)} is not an integer`;
  if (!Number.isInteger(m.numClasses) || (m.numClasses as number) < 1) {
    return `its "numClasses" ${JSON.stringify(m.numClasses)} is not a positive integer`;
  }
  const size = m.imageSize;
  if (!Array.isArray(size) || size.length !== 2 || !size.every(Number.isInteger)) {
    return `its "imageSize" ${JSON.stringify(size)} is not [height, width]`;
  }
  const counts = m.counts;
  if (typeof counts !== "object" || counts === null || Array.isArray(counts)) {
    return `it has no "counts" object`;
  }
  for (const [split, c] of Object.entries(counts)) {
    if (!Array.isArray(c) || !c.every((n) => Number.isInteger(n) && n >= 0)) {
      return `its "counts.${split}" is not a list of image counts`;
    }
  }
  const sha = m.sha256;
  if (typeof sha !== "object" || sha === null || Array.isArray(sha)) {
    return `it has no "sha256" object`;
  }
  for (const [k, h] of Object.entries(sha)) {
    if (typeof h !== "string") return `its "sha256.${k}" is not a string`;
  }
  return undefined;
}

/** `value` as a manifest; else an error naming `where` (a file) and what is wrong. */
export function asManifest(value: unknown, where: string): DatasetManifest {
  const problem = manifestShapeProblem(value);
  if (problem) throw new Error(`Cannot use the manifest ${where}: ${problem}`);
  return value as DatasetManifest;
}
