import { assertEquals, assertRejects } from "@std/assert";
import { greedySoup } from "../../lib/merge/greedy_soup.ts";
import type { NamedWeights } from "../../lib/merge/named_weights.ts";
import { weights } from "./_weights.ts";

const w = (x: number) => weights({ w: [[1], [x]], bn: [[1], [2 * x]] });
const value = (m: NamedWeights) => m.get("w")!.values[0];

Deno.test("greedySoup: keeps a model only if the soup's held-out score improves", async () => {
  // the fake held-out score peaks where w = 1
  const seen: number[] = [];
  const evaluate = (m: NamedWeights) => {
    seen.push(value(m));
    return -Math.abs(value(m) - 1);
  };
  const ranked = [w(4), w(-2), w(10), w(1), w(0)];
  const result = await greedySoup(ranked, evaluate);
  // soups tried: {4} → 4; {4,-2} → 1 kept; {4,-2,10} → 4 dropped; {4,-2,1} → 1 tie, dropped;
  // {4,-2,0} → 2/3 dropped
  assertEquals(seen, [4, 1, 4, 1, 2 / 3].map(Math.fround));
  assertEquals(result.kept, [0, 1]);
  assertEquals(result.trail, [
    { index: 0, score: -3, kept: true },
    { index: 1, score: 0, kept: true },
    { index: 2, score: -3, kept: false },
    { index: 3, score: 0, kept: false },
    { index: 4, score: -(1 - Math.fround(2 / 3)), kept: false },
  ]);
  assertEquals(result.score, 0);
  // the soup is the uniform average of the kept models, every entry
  assertEquals(value(result.weights), 1);
  assertEquals(result.weights.get("bn")!.values[0], 2);
});

Deno.test("greedySoup: acceptTies keeps an equally good model; async evaluate works", async () => {
  const evaluate = (m: NamedWeights) => Promise.resolve(-Math.abs(value(m) - 1));
  const result = await greedySoup([w(4), w(-2), w(10), w(1), w(0)], evaluate, {
    acceptTies: true,
  });
  // after {4,-2}, adding 1 keeps the mean at 1: a tie, now kept; then {4,-2,1,0} → 3/4
  assertEquals(result.kept, [0, 1, 3]);
  assertEquals(result.trail.map((s) => s.kept), [true, true, false, true, false]);
  assertEquals(value(result.weights), 1);
});

Deno.test("greedySoup: a single model is its own soup", async () => {
  const result = await greedySoup([w(3)], () => 0.5);
  assertEquals(result.kept, [0]);
  assertEquals(result.trail, [{ index: 0, score: 0.5, kept: true }]);
  assertEquals(value(result.weights), 3);
});

Deno.test("greedySoup: errors for NaN scores and mismatched models", async () => {
  await assertRejects(
    () => greedySoup([w(1), w(2)], (m) => (value(m) === 1 ? 0.5 : NaN)),
    RangeError,
    "evaluate returned NaN for the soup with model 1",
  );
  let calls = 0;
  await assertRejects(
    () =>
      greedySoup([w(1), weights({ w: [[2], [1, 2]], bn: [[1], [0]] })], () => {
        calls++;
        return 0;
      }),
    RangeError,
    '"w" has shape [2] in model 1 but [1] in model 0',
  );
  assertEquals(calls, 0); // checked before any evaluation
});
