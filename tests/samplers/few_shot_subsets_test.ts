import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { fewShotSubsets, unionOfSubsets } from "../../lib/samplers/few_shot_subsets.ts";
import { classCounts } from "../../lib/samplers/class_counts.ts";
import { longTailLabels } from "./_long_tail.ts";

const labels = longTailLabels([100, 30, 8, 3]);

Deno.test("fewShotSubsets: N_C per class without replacement, all of a small class", () => {
  const subsets = fewShotSubsets(labels, { subsets: 5, perClass: 10, seed: 1 });
  assertEquals(subsets.length, 5);
  for (const s of subsets) {
    assertEquals(classCounts(labels, s, 4), [10, 10, 8, 3]);
    assertEquals(new Set(s).size, s.length);
    assertEquals([...s], [...s].sort((a, b) => a - b));
  }
  assertNotEquals([...subsets[0]], [...subsets[1]]);
});

Deno.test("fewShotSubsets: subset i is the same whatever N_D, and seeded", () => {
  const two = fewShotSubsets(labels, { subsets: 2, perClass: 5, seed: 7 });
  const six = fewShotSubsets(labels, { subsets: 6, perClass: 5, seed: 7 });
  assertEquals(two, six.slice(0, 2));
  const other = fewShotSubsets(labels, { subsets: 2, perClass: 5, seed: 8 });
  assertNotEquals(two, other);
});

Deno.test("fewShotSubsets: each image of a class is equally likely", () => {
  const subsets = fewShotSubsets(labels, { subsets: 400, perClass: 10, seed: 3 });
  const hits = new Array(labels.length).fill(0);
  for (const s of subsets) for (const i of s) hits[i]++;
  // class 0: each of 100 images is picked with probability 0.1 → 40 ± 6 of 400
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 0) assert(hits[i] > 15 && hits[i] < 70, `image ${i} picked ${hits[i]} times`);
    if (labels[i] === 3) assertEquals(hits[i], 400);
  }
});

Deno.test("fewShotSubsets: bad options are errors naming the value", () => {
  assertThrows(
    () => fewShotSubsets(labels, { subsets: 0, perClass: 1, seed: 0 }),
    RangeError,
    "0 few-shot",
  );
  assertThrows(
    () => fewShotSubsets(labels, { subsets: 1, perClass: -2, seed: 0 }),
    RangeError,
    "-2 images per class",
  );
  assertThrows(
    () => fewShotSubsets(labels, { subsets: 1, perClass: 2, seed: Infinity }),
    RangeError,
    "seed Infinity",
  );
  assertThrows(
    () => fewShotSubsets([0, 1.5], { subsets: 1, perClass: 2, seed: 0 }),
    RangeError,
    "label 1.5",
  );
});

Deno.test("unionOfSubsets: sorted and unique", () => {
  const u = unionOfSubsets([Int32Array.of(5, 2, 9), Int32Array.of(2, 0), Int32Array.of()]);
  assertEquals([...u], [0, 2, 5, 9]);
  assert(u instanceof Int32Array);
  const subsets = fewShotSubsets(labels, { subsets: 3, perClass: 10, seed: 2 });
  const union = unionOfSubsets(subsets);
  // the three subsets overlap, so the union is between one subset and their sum
  assert(union.length > 31 && union.length < 3 * 31, `union of ${union.length}`);
  assertEquals(classCounts(labels, union, 4).slice(2), [8, 3]);
  assertThrows(() => unionOfSubsets([[1, -1]]), RangeError, "index -1 at position 1 of subset 0");
});
