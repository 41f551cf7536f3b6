/**
 * Seeded randomness: one generator class and named sub-streams of a run seed.
 *
 * @module
 */
export { Rng } from "./rng.ts";
export { rngFor, seedFor } from "./seed_for.ts";
