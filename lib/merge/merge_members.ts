/**
 * The registry of ways to merge fine-tuned members into one model: the
 * uniform average (BTM), ratios in proportion to each member's held-out
 * score, and the greedy soup. No tfjs: members are name-keyed weights and
 * scores are numbers (or a callback the caller evaluates).
 *
 * @module
 */
import { adaptiveRatio } from "./adaptive_ratio.ts";
import { greedySoup } from "./greedy_soup.ts";
import type { NamedWeights } from "./named_weights.ts";
import { uniformSoup } from "./uniform_soup.ts";
import { weightedSoup } from "./weighted_soup.ts";

/** Names of the merges in {@linkcode MERGES}. */
export type MergeName = "uniform" | "adaptive" | "greedy";

/** What a merge is given. */
export interface MergeMembersInput {
  /** Each member's weights, in member order (member i is subset i). */
  weights: readonly NamedWeights[];
  /**
   * Each member's own held-out score (a validation H- or G-mean, never
   * test), in member order. `adaptive` takes ratios in proportion to them;
   * `greedy` tries members from the highest score down. Unused by `uniform`.
   */
  scores?: readonly number[];
  /**
   * The held-out score of a set of merged weights (same metric and split as
   * `scores`). `greedy` keeps a member only if the soup with it scores
   * higher. Unused by `uniform` and `adaptive`.
   */
  score?: (weights: NamedWeights) => number | Promise<number>;
}

/** One decision of a greedy merge. */
export interface MergeStep {
  /** The member tried (its index in `weights`). */
  member: number;
  /** That member's own score (`scores[member]`). */
  memberScore: number;
  /** Score of the soup of the members kept so far plus this one. */
  soupScore: number;
  /** Whether it stayed in the soup. */
  kept: boolean;
}

/** What a merge returns. */
export interface MemberMerge {
  /** The merged weights (float64 accumulation, by name). */
  weights: NamedWeights;
  /** Each member's share of the merge, in member order (0 = left out); they sum to 1. */
  ratios: number[];
  /** The members in the merge, ascending. */
  kept: number[];
  /** The greedy soup's decisions, in the order tried (`greedy` only). */
  trail?: MergeStep[];
}

/** A way of merging members. */
export type MergeMembers = (input: MergeMembersInput) => Promise<MemberMerge>;

function checkScores(name: MergeName, input: MergeMembersInput): readonly number[] {
  const scores = input.scores;
  if (!Array.isArray(scores) || scores.length !== input.weights.length) {
    throw new RangeError(
      `Cannot merge ${input.weights.length} members with "${name}": it needs one held-out score per member (got ${
        Array.isArray(scores) ? scores.length : scores
      })`,
    );
  }
  return scores;
}

function all(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Merges by name: `uniform` (BTM: ratio 1/N each), `adaptive` (ratios ∝
 * each member's held-out score), `greedy` (model soups: members tried from
 * the best score down, each kept only if the soup's held-out score rises).
 *
 * @example
 * ```ts
 * import { MERGES } from "./merge_members.ts";
 * const w = (x: number) => new Map([["w", { shape: [1], values: Float32Array.of(x) }]]);
 * const m = await MERGES.adaptive({ weights: [w(0), w(4)], scores: [1, 3] });
 * if (m.weights.get("w")!.values[0] !== 3 || m.ratios.join() !== "0.25,0.75") throw new Error();
 * ```
 */
export const MERGES: Readonly<Record<MergeName, MergeMembers>> = {
  // deno-lint-ignore require-await
  uniform: async (input) => {
    const n = input.weights.length;
    return {
      weights: uniformSoup([...input.weights]),
      ratios: all(n).map(() => 1 / n),
      kept: all(n),
    };
  },
  // deno-lint-ignore require-await
  adaptive: async (input) => {
    const ratios = adaptiveRatio([...checkScores("adaptive", input)]);
    return {
      weights: weightedSoup([...input.weights], ratios),
      ratios,
      kept: all(input.weights.length).filter((i) => ratios[i] > 0),
    };
  },
  greedy: async (input) => {
    const scores = checkScores("greedy", input);
    if (typeof input.score !== "function") {
      throw new TypeError(
        `Cannot merge with "greedy": it needs a score function for the soups (got ${input.score})`,
      );
    }
    // Best score first; equal scores keep member order (the sort is stable).
    const ranked = all(scores.length).sort((a, b) => scores[b] - scores[a]);
    const soup = await greedySoup(ranked.map((i) => input.weights[i]), input.score);
    const kept = soup.kept.map((r) => ranked[r]).sort((a, b) => a - b);
    return {
      weights: soup.weights,
      ratios: all(scores.length).map((i) => (kept.includes(i) ? 1 / kept.length : 0)),
      kept,
      trail: soup.trail.map((s) => ({
        member: ranked[s.index],
        memberScore: scores[ranked[s.index]],
        soupScore: s.score,
        kept: s.kept,
      })),
    };
  },
};

/** Every {@linkcode MergeName}, in registry order. */
export const MERGE_NAMES: readonly MergeName[] = Object.keys(MERGES) as MergeName[];

/** The merge registered as `name`; an unknown name is an error listing the valid ones. */
export function getMerge(name: string): MergeMembers {
  if (!Object.hasOwn(MERGES, name)) {
    throw new RangeError(
      `Cannot merge with strategy "${name}": valid strategies are ${MERGE_NAMES.join(", ")}`,
    );
  }
  return MERGES[name as MergeName];
}
