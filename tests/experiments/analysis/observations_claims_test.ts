import { assert, assertEquals } from "@std/assert";
import type { InterpolationPoint } from "../../../lib/eval/interpolation_curve.ts";
import {
  MUCH_HIGHER,
  observations12Claims,
  observations34Claims,
} from "../../../lib/experiments/analysis/observations_claims.ts";
import type { RecallSummary } from "../../../lib/metrics/mod.ts";

const s = (h: number, g: number, acc: number): RecallSummary => ({
  harmonicMean: h,
  geometricMean: g,
  accuracy: acc,
  lowestRecall: 0,
  zeroClasses: 0,
});
const p = (lambda: number, h: number, g: number, acc: number): InterpolationPoint => ({
  lambda,
  summary: s(h, g, acc),
  recalls: [],
});

Deno.test("Observations 1 and 2 hold on a curve that rises, peaks inside and keeps accuracy", () => {
  // f (λ = 0): H 10%, acc 60%; f^D (λ = 1): H 20%, acc 40%; λ = 0.5 peaks at H 25%, acc 50%.
  const curve = [p(0, 0.1, 0.2, 0.6), p(0.5, 0.25, 0.3, 0.5), p(1, 0.2, 0.3, 0.4)];
  const c = observations12Claims({ curve });
  assertEquals(c.bestLambda, 0.5);
  for (const v of Object.values(c).filter((x) => typeof x !== "number")) {
    assert(v.record.holds, `${v.record.claim}: ${v.record.evidence}`);
  }
  assertEquals(
    c.finetuneGains.record.claim,
    "Observation 1 (our reading): the balanced fine-tune f^D has a higher H-mean and G-mean than f (by more than 1 point)",
  );
  assertEquals(c.interiorBeatsEnds.record.claim.endsWith("(best interior λ = 0.5)"), true);
  assertEquals(c.finetuneGains.record.source, "BTM paper, Observation 1 / Figure 1");
});

Deno.test("Observation 1 fails when f^D gains less than the margin; Observation 2 when no interior point wins", () => {
  const curve = [
    p(0, 0.1, 0.2, 0.6),
    p(0.5, 0.1, 0.2, 0.5),
    p(1, 0.1 + MUCH_HIGHER / 2, 0.3, 0.4),
  ];
  const c = observations12Claims({ curve });
  assertEquals(c.finetuneGains.record.holds, false);
  assert(c.finetuneGains.record.evidence.includes("a margin of more than 1.0 points is required"));
  assertEquals(c.interiorBeatsEnds.record.holds, false);
});

Deno.test("Observations 3 and 4 read the midpoint, the barrier and the union", () => {
  const curve = [
    p(0, 0.2, 0.3, 0.5), // f^{D_B}
    p(0.3, 0.195, 0.3, 0.5), // half a point below the worse end: no barrier
    p(0.5, 0.3, 0.4, 0.6), // the merge beats both ends
    p(1, 0.22, 0.31, 0.52), // f^{D_A}
  ];
  const union = { summary: s(0.305, 0.395, 0.605) }; // the merge is within 1 point
  const c = observations34Claims({ curve, union } as never);
  for (const v of Object.values(c)) {
    assert(v.record.holds, `${v.record.claim}: ${v.record.evidence}`);
  }
  assertEquals(
    c.noBarrier.record.claim,
    "Observation 3 (our reading): no barrier, no point of the path is more than 1 point below the worse end (H-mean)",
  );
  assert(c.comparableToUnion.record.evidence.includes("union H-mean − 1 point is 0.2950"));
  // A dip of two points is a barrier; a union two points better is not "comparable".
  const dipped = observations34Claims({
    curve: curve.map((q) => (q.lambda === 0.3 ? p(0.3, 0.18, 0.3, 0.5) : q)),
    union: { summary: s(0.33, 0.395, 0.605) },
  } as never);
  assertEquals(dipped.noBarrier.record.holds, false);
  assertEquals(dipped.comparableToUnion.record.holds, false);
  assertEquals(dipped.midpointHarmonic.record.holds, true);
});
