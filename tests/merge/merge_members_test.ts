import { assertAlmostEquals, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { getMerge, MERGE_NAMES, MERGES } from "../../lib/merge/merge_members.ts";
import { greedySoup } from "../../lib/merge/greedy_soup.ts";
import { uniformSoup } from "../../lib/merge/uniform_soup.ts";
import { weightedSoup } from "../../lib/merge/weighted_soup.ts";
import type { NamedWeights } from "../../lib/merge/named_weights.ts";

const w = (x: number): NamedWeights =>
  new Map([["a", { shape: [2], values: Float32Array.of(x, -x) }], [
    "b",
    { shape: [1], values: Float32Array.of(2 * x) },
  ]]);
const weights = [w(1), w(3), w(0), w(8)];
// A held-out score that peaks at a = 2: members 0 and 1 help, members 2 and 3 hurt.
const score = (m: NamedWeights) => -Math.abs(m.get("a")!.values[0] - 2);
const scores = weights.map(score); // [-1, -1, -2, -6]

Deno.test("the registry holds uniform, adaptive and greedy, and names them on error", () => {
  assertEquals(MERGE_NAMES, ["uniform", "adaptive", "greedy"]);
  for (const name of MERGE_NAMES) assertEquals(getMerge(name), MERGES[name]);
  assertThrows(
    () => getMerge("ties"),
    RangeError,
    "valid strategies are uniform, adaptive, greedy",
  );
});

Deno.test("every merge returns ratios summing to 1, kept members ascending, and its weights", async () => {
  for (const name of MERGE_NAMES) {
    const m = await MERGES[name]({ weights, scores: scores.map((s) => s + 7), score });
    assertAlmostEquals(m.ratios.reduce((a, b) => a + b, 0), 1, 1e-12, name);
    assertEquals(m.kept, [...m.kept].sort((a, b) => a - b), name);
    assertEquals(m.kept, m.ratios.flatMap((r, i) => (r > 0 ? [i] : [])), name);
    assertEquals([...m.weights.keys()].sort(), ["a", "b"], name);
  }
});

Deno.test("uniform is the uniform soup of every member; adaptive the soup weighted by the scores", async () => {
  const u = await MERGES.uniform({ weights });
  assertEquals(u.weights, uniformSoup(weights));
  assertEquals(u.ratios, [0.25, 0.25, 0.25, 0.25]);
  assertEquals(u.trail, undefined);
  const positive = [1, 1, 2, 4];
  const a = await MERGES.adaptive({ weights, scores: positive });
  assertEquals(a.ratios, [0.125, 0.125, 0.25, 0.5]);
  assertEquals(a.weights, weightedSoup(weights, a.ratios));
  await assertRejects(() => MERGES.adaptive({ weights }), RangeError, "one held-out score");
});

Deno.test("greedy tries members from the best score down and keeps those that raise the soup's", async () => {
  const g = await MERGES.greedy({ weights, scores, score });
  // Ranked 0, 1 (tie: member order), 2, 3; the soup of 0 and 1 has a = 2 exactly.
  assertEquals(g.trail!.map((s) => s.member), [0, 1, 2, 3]);
  assertEquals(g.trail!.map((s) => s.kept), [true, true, false, false]);
  assertEquals(g.trail!.map((s) => s.memberScore), scores);
  assertEquals(g.kept, [0, 1]);
  assertEquals(g.ratios, [0.5, 0.5, 0, 0]);
  const direct = await greedySoup([weights[0], weights[1], weights[2], weights[3]], score);
  assertEquals(g.weights, direct.weights);
  assertEquals(g.trail![1].soupScore, direct.trail[1].score);
  // Members out of order: the trail and ratios still speak of member numbers.
  const shuffled = await MERGES.greedy({
    weights: [weights[3], weights[1], weights[0]],
    scores: [scores[3], scores[1], scores[0]],
    score,
  });
  assertEquals(shuffled.trail!.map((s) => s.member), [1, 2, 0]);
  assertEquals(shuffled.kept, [1, 2]);
  await assertRejects(() => MERGES.greedy({ weights, scores }), TypeError, "score function");
});
