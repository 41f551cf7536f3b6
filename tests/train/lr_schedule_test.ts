import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { learningRateAt } from "../../lib/train/lr_schedule.ts";

Deno.test("cosine starts at the peak, halves at the midpoint and ends at minLr", () => {
  const o = { lr: 0.1, epochs: 10 };
  assertAlmostEquals(learningRateAt(0, o), 0.1, 1e-15);
  assertAlmostEquals(learningRateAt(5, o), 0.05, 1e-15);
  assertAlmostEquals(learningRateAt(10, o), 0, 1e-15);
  assertAlmostEquals(learningRateAt(10, { ...o, minLr: 0.01 }), 0.01, 1e-15);
  // BTM/MiSLAS formula at epoch 3 of 10.
  assertAlmostEquals(learningRateAt(3, o), 0.05 * (1 + Math.cos((3 / 10) * Math.PI)), 1e-15);
});

Deno.test("warm-up follows MiSLAS (epoch e runs at lr·(e+1)/warmup) then the cosine spans the rest", () => {
  const o = { lr: 0.1, epochs: 12, warmupEpochs: 2 };
  assertAlmostEquals(learningRateAt(0, o), 0.05, 1e-15);
  assertAlmostEquals(learningRateAt(1.5, o), 0.1, 1e-15);
  assertAlmostEquals(learningRateAt(2, o), 0.1, 1e-15);
  assertAlmostEquals(learningRateAt(7, o), 0.05, 1e-15);
});

Deno.test("step schedule multiplies by gamma at each milestone", () => {
  const o = { schedule: "step" as const, lr: 1, epochs: 200, milestones: [160, 180] };
  assertEquals(learningRateAt(159.9, o), 1);
  assertAlmostEquals(learningRateAt(160, o), 0.1, 1e-15);
  assertAlmostEquals(learningRateAt(185, o), 0.01, 1e-15);
  assertEquals(learningRateAt(3, { schedule: "constant", lr: 0.2, epochs: 5 }), 0.2);
});

Deno.test("invalid schedules are refused with the offending value", () => {
  assertThrows(() => learningRateAt(0, { lr: -1, epochs: 3 }), RangeError, "-1");
  assertThrows(() => learningRateAt(0, { lr: 1, epochs: 0 }), RangeError, "0 epochs");
  assertThrows(
    () => learningRateAt(0, { lr: 1, epochs: 3, schedule: "linear" as "step" }),
    RangeError,
    "cosine, step, constant",
  );
  const step = { schedule: "step" as const, lr: 1, epochs: 10 };
  assertThrows(() => learningRateAt(0, { ...step, milestones: [-1] }), RangeError, "[-1]");
  assertThrows(() => learningRateAt(0, { ...step, milestones: [NaN] }), RangeError, "epochs");
  assertThrows(() => learningRateAt(0, { ...step, gamma: 0 }), RangeError, "gamma = 0");
});
