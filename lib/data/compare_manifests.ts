/**
 * Differences between an expected (committed) manifest and the one computed from data.
 *
 * @module
 */
import type { DatasetManifest } from "./types.ts";

/**
 * Every difference between `expected` and `got`, one sentence each; empty when they agree.
 * Hashes are compared key by key (`train/images`, …), counts split by split and class by class.
 *
 * @example
 * ```ts
 * import { compareManifests } from "./compare_manifests.ts";
 * const m = { name: "x", generator: "g@1", seed: 0, imageSize: [8, 8] as [number, number],
 *   numClasses: 1, counts: { train: [3] }, sha256: { "train/images": "aa" } };
 * const d = compareManifests(m, { ...m, sha256: { "train/images": "bb" } });
 * if (d.length !== 1 || !d[0].includes("train/images")) throw new Error("missed it");
 * ```
 */
export function compareManifests(expected: DatasetManifest, got: DatasetManifest): string[] {
  const out: string[] = [];
  const field = (name: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push(`${name}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`);
    }
  };
  field("name", expected.name, got.name);
  field("generator", expected.generator, got.generator);
  field("seed", expected.seed, got.seed);
  field("imageSize", expected.imageSize, got.imageSize);
  field("numClasses", expected.numClasses, got.numClasses);
  const splits = new Set([...Object.keys(expected.counts), ...Object.keys(got.counts)]);
  for (const s of splits) {
    const a = expected.counts[s], b = got.counts[s];
    if (!a || !b) {
      out.push(`counts of split "${s}": ${a ? "missing from the data" : "not in the manifest"}`);
      continue;
    }
    const diff: string[] = [];
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      if (a[k] !== b[k]) diff.push(`class ${k}: expected ${a[k]}, got ${b[k]}`);
    }
    if (diff.length > 0) {
      out.push(
        `counts of split "${s}" differ in ${diff.length} classes (${diff.slice(0, 5).join("; ")}${
          diff.length > 5 ? "; …" : ""
        })`,
      );
    }
  }
  const keys = new Set([...Object.keys(expected.sha256), ...Object.keys(got.sha256)]);
  for (const k of keys) {
    const a = expected.sha256[k], b = got.sha256[k];
    if (a === undefined) out.push(`sha256 of "${k}": not in the manifest (got ${b})`);
    else if (b === undefined) {
      out.push(`sha256 of "${k}": expected ${a}, but the data has no such array`);
    } else if (a !== b) out.push(`sha256 of "${k}": expected ${a}, got ${b}`);
  }
  return out;
}
