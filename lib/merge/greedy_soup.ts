/**
 * Greedy soup (Wortsman et al., 2022): add a model only if it helps.
 *
 * @module
 */

import { addScaled, checkCompatible, toWeights, zeroSums } from "./_accumulate.ts";
import type { NamedWeights } from "./named_weights.ts";

/** Options of {@linkcode greedySoup}. */
export interface GreedySoupOptions {
  /**
   * Keep an ingredient whose soup scores exactly as well as the best so far.
   * Default false: only a strict improvement is kept, as in model soups, so
   * that ties do not dilute the soup for nothing.
   */
  acceptTies?: boolean;
}

/** One step of a greedy soup: which model was tried, how the soup scored with it, and the verdict. */
export interface GreedySoupStep {
  /** Position of the model in the ranked list. */
  index: number;
  /** Held-out score of the uniform soup of the kept models plus this one. */
  score: number;
  /** Whether the model stayed in the soup. */
  kept: boolean;
}

/** What {@linkcode greedySoup} returns. */
export interface GreedySoupResult {
  /** The final soup: the uniform average of the kept models. */
  weights: NamedWeights;
  /** Positions (in the ranked list) of the kept models, ascending; always starts with 0. */
  kept: number[];
  /** Held-out score of the final soup (the best score seen). */
  score: number;
  /** Every decision, in the order tried; the first entry is model 0 alone. */
  trail: GreedySoupStep[];
}

/**
 * Builds a greedy soup: start from the best-ranked model, then try each next
 * model in rank order, keeping it only if the uniform soup of the kept models
 * plus it scores higher on the held-out split (H- or G-mean of recall, as
 * computed by `evaluate` on a validation split, never the test set).
 * Soups are averaged by name in float64 from the original weights.
 *
 * @param ranked models sorted best first by their own held-out score.
 * @param evaluate held-out score of a set of weights; higher is better.
 *
 * @example
 * ```ts
 * import { greedySoup } from "./greedy_soup.ts";
 * const w = (x: number) => new Map([["w", { shape: [1], values: Float32Array.of(x) }]]);
 * // the score peaks when the weight is 1: model 2 (w = 3) drags the soup away
 * const soup = await greedySoup([w(2), w(0), w(3)], (m) => -Math.abs(m.get("w")!.values[0] - 1));
 * if (soup.kept.join() !== "0,1") throw new Error(JSON.stringify(soup.trail));
 * ```
 */
export async function greedySoup(
  ranked: NamedWeights[],
  evaluate: (weights: NamedWeights) => number | Promise<number>,
  options: GreedySoupOptions = {},
): Promise<GreedySoupResult> {
  const names = checkCompatible(ranked);
  if (typeof evaluate !== "function") {
    throw new TypeError(`Cannot build a greedy soup with evaluate = ${evaluate}: need a function`);
  }
  const acceptTies = options.acceptTies ?? false;
  const like = ranked[0];
  const sums = zeroSums(like, names);
  addScaled(sums, like, 1);
  let weights = toWeights(sums, like, 1);
  let best = await score(evaluate, weights, 0);
  const kept = [0];
  const trail: GreedySoupStep[] = [{ index: 0, score: best, kept: true }];
  for (let i = 1; i < ranked.length; i++) {
    const candidate = toWeights(sums, like, kept.length + 1, ranked[i]);
    const s = await score(evaluate, candidate, i);
    const keep = s > best || (acceptTies && s === best);
    trail.push({ index: i, score: s, kept: keep });
    if (keep) {
      addScaled(sums, ranked[i], 1);
      kept.push(i);
      weights = candidate;
      best = s;
    }
  }
  return { weights, kept, score: best, trail };
}

async function score(
  evaluate: (weights: NamedWeights) => number | Promise<number>,
  weights: NamedWeights,
  index: number,
): Promise<number> {
  const s = await evaluate(weights);
  if (typeof s !== "number" || Number.isNaN(s)) {
    throw new RangeError(
      `Cannot build a greedy soup: evaluate returned ${s} for the soup with model ${index}`,
    );
  }
  return s;
}
