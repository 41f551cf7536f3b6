import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertThrows,
} from "@std/assert";
import { Rng } from "../../lib/random/rng.ts";

Deno.test("Rng: same seed gives the same sequence, another seed a different one", () => {
  const a = new Rng(7), b = new Rng(7), c = new Rng(8);
  const sa = Array.from({ length: 20 }, () => a.nextUint32());
  const sb = Array.from({ length: 20 }, () => b.nextUint32());
  const sc = Array.from({ length: 20 }, () => c.nextUint32());
  assertEquals(sa, sb);
  assertNotEquals(sa, sc);
});

Deno.test("Rng: float, int and normal have the right ranges and moments", () => {
  const r = new Rng(1);
  let sum = 0, sumSq = 0;
  const n = 20000;
  const hist = new Array(7).fill(0);
  for (let i = 0; i < n; i++) {
    const f = r.float();
    assert(f >= 0 && f < 1);
    hist[r.int(7)]++;
    const z = r.normal();
    sum += z;
    sumSq += z * z;
  }
  assertAlmostEquals(sum / n, 0, 0.05);
  assertAlmostEquals(sumSq / n, 1, 0.05);
  for (const h of hist) assertAlmostEquals(h / n, 1 / 7, 0.015);
});

Deno.test("Rng: beta(a, a) has mean 1/2 and the right variance", () => {
  const r = new Rng(3);
  const a = 0.5, n = 20000;
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = r.beta(a, a);
    assert(x >= 0 && x <= 1);
    s += x;
    s2 += x * x;
  }
  const mean = s / n, variance = s2 / n - mean * mean;
  assertAlmostEquals(mean, 0.5, 0.02);
  assertAlmostEquals(variance, 1 / (4 * (2 * a + 1)), 0.01); // a²/((2a)²(2a+1))
});

Deno.test("Rng: permutation is a permutation; bad arguments are errors", () => {
  const p = new Rng(5).permutation(100);
  assertEquals([...p].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
  assertThrows(() => new Rng(NaN), RangeError, "finite");
  assertThrows(() => new Rng(1).int(0), RangeError, "integer");
});
