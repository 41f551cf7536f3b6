/**
 * Named sub-streams derived from one run seed, so that adding a random draw
 * in one place never shifts the numbers drawn in another.
 *
 * @module
 */

import { Rng } from "./rng.ts";

/**
 * A 32-bit seed derived from a run seed and a path of names and numbers,
 * e.g. `seedFor(runSeed, "sampler", epoch)`. Different paths give unrelated
 * seeds; the same path always gives the same seed.
 *
 * @example
 * ```ts
 * import { seedFor } from "./seed_for.ts";
 * if (seedFor(0, "init") !== seedFor(0, "init")) throw new Error("unstable");
 * if (seedFor(0, "init") === seedFor(0, "sampler")) throw new Error("collision");
 * ```
 */
export function seedFor(runSeed: number, ...path: (string | number)[]): number {
  if (!Number.isFinite(runSeed)) {
    throw new RangeError(
      `Cannot derive a seed from run seed ${runSeed}: it must be a finite number`,
    );
  }
  // FNV-1a over the text form, then a murmur3 finalizer for avalanche.
  let h = 0x811c9dc5;
  const text = [String(Math.trunc(runSeed)), ...path.map(String)].join("\u0000");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A generator seeded by `seedFor(runSeed, ...path)`. */
export function rngFor(runSeed: number, ...path: (string | number)[]): Rng {
  return new Rng(seedFor(runSeed, ...path));
}
