import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  membersRegime,
  membersRegimeDisplay,
  observationRegime,
  observationsRegimeDisplay,
  pretrainRegime,
  REGIME_TARGETS,
  STAND_IN_ACCURACY_BAND,
  standInRegime,
  standInRegimeDisplay,
} from "../../../lib/experiments/analysis/regime.ts";
import type { RecallSummary } from "../../../lib/metrics/mod.ts";
import { paperTable } from "../../../lib/paper/mod.ts";
import type { RegimeRecord } from "../../../lib/report/regime_check.ts";

/** A test summary: accuracy, G- and H-mean as fractions, and a count of zero-recall classes. */
const summary = (
  accuracy: number,
  geometricMean: number,
  harmonicMean: number,
  zeroClasses: number,
): RecallSummary => ({ accuracy, geometricMean, harmonicMean, lowestRecall: 0, zeroClasses });

const byId = (records: readonly RegimeRecord[]) => new Map(records.map((r) => [r.id, r]));

Deno.test("REGIME_TARGETS: keyed by their ids, valid ranges, a unit and a basis each", () => {
  for (const [key, t] of Object.entries(REGIME_TARGETS)) {
    assertEquals(t.id, key);
    assert(t.min !== null || t.max !== null, `${key} has a bound`);
    if (t.min !== null && t.max !== null) assert(t.min <= t.max, `${key}: min ≤ max`);
    assert(["%", "points", "classes"].includes(t.unit), `${key}: unit ${t.unit}`);
    assert(t.what.length > 0 && t.basis.length > 0, `${key}: what and basis`);
  }
  assert(Object.isFrozen(REGIME_TARGETS));
});

Deno.test("pretrainRegime: fractions become percent; each target names the benchmark", () => {
  const records = pretrainRegime(
    [summary(0.4, 0.2, 0.02, 3), summary(0.42, 0.22, 0.03, 5)],
    "synth100-16",
  );
  assertEquals(records.map((r) => r.id), [
    "pretrain-accuracy",
    "pretrain-g",
    "pretrain-h",
    "pretrain-zero",
  ]);
  const r = byId(records);
  assertEquals(r.get("pretrain-accuracy")!.perSeed, [40, 42]);
  assertAlmostEquals(r.get("pretrain-accuracy")!.value, 41, 1e-9);
  assertAlmostEquals(r.get("pretrain-g")!.value, 21, 1e-9);
  assertAlmostEquals(r.get("pretrain-h")!.value, 2.5, 1e-9);
  // A count stays a count: not multiplied by 100.
  assertEquals(r.get("pretrain-zero")!.perSeed, [3, 5]);
  assertEquals(r.get("pretrain-zero")!.value, 4);
  for (const x of records) {
    assert(x.met, `${x.id} met`);
    assertEquals(x.statistic, "mean");
    assert(x.what.endsWith(", synth100-16"), x.what);
  }
  assertEquals(r.get("pretrain-accuracy")!.what, "CE pre-train accuracy, synth100-16");
  // The registry itself keeps its words (the benchmark goes on a copy).
  assertEquals(REGIME_TARGETS["pretrain-accuracy"].what, "CE pre-train accuracy");
});

Deno.test("pretrainRegime: 28–50 % accuracy, 10–30 % G, 0.5–6 % H, 1–15 zero classes", () => {
  const met = (s: RecallSummary) =>
    Object.fromEntries(pretrainRegime([s], "b").map((r) => [r.id, r.met]));
  // Just inside every range, then the bounds themselves.
  assertEquals(met(summary(0.281, 0.101, 0.0051, 1)), {
    "pretrain-accuracy": true,
    "pretrain-g": true,
    "pretrain-h": true,
    "pretrain-zero": true,
  });
  assertEquals(met(summary(0.5, 0.3, 0.06, 15)), {
    "pretrain-accuracy": true,
    "pretrain-g": true,
    "pretrain-h": true,
    "pretrain-zero": true,
  });
  // Below every range: too hard a benchmark (or no zero-recall class at all).
  assertEquals(met(summary(0.279, 0.099, 0.0049, 0)), {
    "pretrain-accuracy": false,
    "pretrain-g": false,
    "pretrain-h": false,
    "pretrain-zero": false,
  });
  // Above every range: too easy.
  assertEquals(met(summary(0.501, 0.301, 0.061, 16)), {
    "pretrain-accuracy": false,
    "pretrain-g": false,
    "pretrain-h": false,
    "pretrain-zero": false,
  });
  // The mean over seeds is judged: 20 % and 40 % average to 30 %, in range.
  const mixed = pretrainRegime([summary(0.2, 0.2, 0.02, 3), summary(0.4, 0.2, 0.02, 3)], "b");
  assertEquals(mixed[0].perSeed, [20, 40]);
  assert(mixed[0].met);
});

Deno.test("pretrainRegime: no seeds throws a RangeError naming the first target", () => {
  assertThrows(() => pretrainRegime([], "b"), RangeError, "pretrain-accuracy");
});

Deno.test("membersRegime: median over every member of every seed, odd count; seed medians", () => {
  // 5 members in all: H 9, 10, 30 | 40, 100 (a string sort would put 100 before 30).
  const members = [
    [summary(0.5, 0.3, 0.09, 0), summary(0.5, 0.3, 0.1, 2), summary(0.5, 0.3, 0.3, 0)],
    [summary(0.5, 0.3, 0.4, 1), summary(0.5, 0.3, 1, 0)],
  ];
  const [h, z] = membersRegime(members, "synth100-16");
  assertEquals(h.id, "members-h");
  assertEquals(h.statistic, "median");
  assertAlmostEquals(h.value, 30, 1e-9);
  assertEquals(h.perSeed.length, 2);
  assertAlmostEquals(h.perSeed[0], 10, 1e-9);
  assertAlmostEquals(h.perSeed[1], 70, 1e-9);
  assert(h.met, "median 30 ≥ 15");
  assertEquals(z.id, "members-zero");
  assertEquals(z.statistic, "median");
  assertEquals(z.value, 0); // counts 0, 2, 0 | 1, 0
  assertEquals(z.perSeed, [0, 0.5]);
  assert(z.met, "median 0 ≤ 0");
  assertEquals(h.what, "BTM members' median H-mean, synth100-16");
});

Deno.test("membersRegime: an even count takes the mean of the middle two; targets missed", () => {
  // H 5, 10 | 12, 60: median (10 + 12) / 2 = 11 < 15, though the seed medians' mean is 21.75.
  const members = [
    [summary(0.5, 0.3, 0.05, 1), summary(0.5, 0.3, 0.1, 2)],
    [summary(0.5, 0.3, 0.12, 0), summary(0.5, 0.3, 0.6, 3)],
  ];
  const [h, z] = membersRegime(members, "b");
  assertAlmostEquals(h.value, 11, 1e-9);
  assertAlmostEquals(h.perSeed[0], 7.5, 1e-9);
  assertAlmostEquals(h.perSeed[1], 36, 1e-9);
  assertEquals(h.met, false);
  assertEquals(z.value, 1.5); // counts 0, 1, 2, 3
  assertEquals(z.perSeed, [1.5, 1.5]);
  assertEquals(z.met, false);
  // Members differ in number between seeds: still one median over all of them.
  const [uneven] = membersRegime([[summary(0.5, 0.3, 0.2, 0)], members[1]], "b");
  assertAlmostEquals(uneven.value, 20, 1e-9); // 12, 20, 60
});

Deno.test("membersRegime: no members throws a RangeError naming the target", () => {
  assertThrows(() => membersRegime([], "b"), RangeError, "members-h");
  assertThrows(() => membersRegime([[]], "b"), RangeError, "members-h");
});

Deno.test("observationRegime: f^D's H-mean minus f's, in points, per seed", () => {
  const [gain] = observationRegime([
    { f: summary(0.4, 0.2, 0.02, 3), fD: summary(0.4, 0.3, 0.25, 0) },
    { f: summary(0.4, 0.2, 0.03, 3), fD: summary(0.4, 0.3, 0.2, 0) },
  ], "synth100-16");
  assertEquals(gain.id, "observation-gain");
  assertEquals(gain.unit, "points");
  assertEquals(gain.perSeed.length, 2);
  assertAlmostEquals(gain.perSeed[0], 23, 1e-9);
  assertAlmostEquals(gain.perSeed[1], 17, 1e-9);
  assertAlmostEquals(gain.value, 20, 1e-9);
  assert(gain.met);
  const [small] = observationRegime([
    { f: summary(0.4, 0.2, 0.02, 3), fD: summary(0.4, 0.3, 0.1, 0) },
  ], "b");
  assertAlmostEquals(small.value, 8, 1e-9);
  assertEquals(small.met, false);
  // f^D below f: a negative gain, not an absolute difference.
  const [worse] = observationRegime([
    { f: summary(0.4, 0.2, 0.3, 0), fD: summary(0.4, 0.3, 0.1, 0) },
  ], "b");
  assertAlmostEquals(worse.value, -20, 1e-9);
  assertEquals(worse.met, false);
});

Deno.test("standInRegime: accuracy within the band of the paper's first row (Table 2: CE 28.71)", () => {
  const first = paperTable("table2").rows[0];
  assertEquals([first.method, first.values["Acc."]], ["CE", 28.71]);
  const options = { benchmark: "places-stand-in", numClasses: 100, paperTable: "table2" };
  const [zero, acc] = standInRegime(summary(0.2, 0.1, 0.01, 33), options);
  assertEquals(acc.id, "stand-in-accuracy");
  assertEquals([acc.min, acc.max], [13.71, 43.71]);
  assertEquals(acc.max! - acc.min!, 2 * STAND_IN_ACCURACY_BAND);
  assertAlmostEquals(acc.value, 20, 1e-9);
  assert(acc.met);
  assertEquals(acc.what, "CE pre-train accuracy, places-stand-in");
  assertEquals(acc.basis, "±15 of the paper's CE 28.71 (btm_paper.txt Table 2)");
  assertEquals(zero.id, "stand-in-zero");
  assertEquals([zero.min, zero.max], [null, 33]);
  assertEquals(zero.perSeed, [33]);
  assert(zero.met, "33 of 100 classes: a third");

  const met = (accuracy: number, zeroClasses: number, numClasses = 100) =>
    standInRegime(summary(accuracy, 0.1, 0.01, zeroClasses), { ...options, numClasses })
      .map((r) => r.met);
  assertEquals(met(0.1371, 0), [true, true], "the lower bound is inclusive");
  assertEquals(met(0.4371, 0), [true, true], "the upper bound is inclusive");
  assertEquals(met(0.137, 34), [false, false]);
  assertEquals(met(0.4372, 0), [true, false]);
  // floor(numClasses / 3): 10 classes allow 3 at zero recall, 11 allow 3, 12 allow 4.
  assertEquals(met(0.3, 3, 10), [true, true]);
  assertEquals(met(0.3, 4, 10), [false, true]);
  assertEquals(met(0.3, 4, 11), [false, true]);
  assertEquals(met(0.3, 4, 12), [true, true]);
});

Deno.test("standInRegime: Table 4's first row is BSCE 67.65; a GML table names its own file", () => {
  const first = paperTable("table4").rows[0];
  assertEquals([first.method, first.values["Accuracy"]], ["BSCE", 67.65]);
  const [, acc] = standInRegime(summary(0.6, 0.3, 0.01, 0), {
    benchmark: "inat-stand-in",
    numClasses: 50,
    paperTable: "table4",
  });
  assertEquals([acc.min, acc.max], [52.65, 82.65]);
  assertEquals(acc.basis, "±15 of the paper's BSCE 67.65 (btm_paper.txt Table 4)");
  assert(acc.met);

  const gml = paperTable("gml-table3");
  const [, g] = standInRegime(summary(0.4, 0.3, 0.01, 0), {
    benchmark: "b",
    numClasses: 100,
    paperTable: "gml-table3",
  });
  assertEquals(
    g.basis,
    `±15 of the paper's ${gml.rows[0].method} ${
      gml.rows[0].values["Accuracy"]
    } (gml_paper.txt Table 3)`,
  );
});

Deno.test("standInRegime: an unknown table, a table without accuracy, a bad class count throw", () => {
  const s = summary(0.3, 0.1, 0.01, 0);
  assertThrows(
    () => standInRegime(s, { benchmark: "b", numClasses: 100, paperTable: "table99" }),
    Error,
    "valid ids",
  );
  // Table 1 lists the datasets: no metric columns.
  assertThrows(
    () => standInRegime(s, { benchmark: "b", numClasses: 100, paperTable: "table1" }),
    Error,
    "table1 has no accuracy",
  );
  for (const numClasses of [0, -3, 2.5, NaN]) {
    assertThrows(
      () => standInRegime(s, { benchmark: "b", numClasses, paperTable: "table2" }),
      RangeError,
      "numClasses",
    );
  }
});

Deno.test("the notebooks' regime displays read f and f^D from the curve, members and the stand-in's CE run", () => {
  const data = { name: "synth100-16", numClasses: 100 };
  const f = summary(0.4, 0.2, 0.02, 5);
  const fD = summary(0.45, 0.3, 0.2, 0);
  const obs = observationsRegimeDisplay([{
    data,
    curve: [{ lambda: 0, summary: f }, { lambda: 0.5, summary: fD }, { lambda: 1, summary: fD }],
  }]);
  assertEquals(obs.records.map((r) => r.id), [
    "pretrain-accuracy",
    "pretrain-g",
    "pretrain-h",
    "pretrain-zero",
    "observation-gain",
  ]);
  assert(obs.allMet);
  assertAlmostEquals(obs.records[4].value, 18, 1e-9);
  assertThrows(() => observationsRegimeDisplay([]), RangeError, "no results");
  assertThrows(
    () => observationsRegimeDisplay([{ data, curve: [{ lambda: 0, summary: f }] }]),
    Error,
    "λ = 1",
  );
  const members = membersRegimeDisplay([{
    data,
    members: [{ summary: fD }, { summary: f }, { summary: fD }],
  }]);
  assertEquals(members.records.map((r) => [r.id, r.met]), [["members-h", true], [
    "members-zero",
    true,
  ]]);
  const runs = [{ method: "ce", btm: false, summary: summary(0.3, 0.1, 0.01, 10) }];
  const places = standInRegimeDisplay(
    { data: { name: "synth-places", numClasses: 120 }, runs },
    "places",
  );
  assert(places.allMet);
  assertThrows(
    () => standInRegimeDisplay({ data, runs: [{ ...runs[0], method: "bsce" }] }, "places"),
    Error,
    "no CE run",
  );
});
