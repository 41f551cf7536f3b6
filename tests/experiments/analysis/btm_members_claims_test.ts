import { assert, assertEquals } from "@std/assert";
import { btmMembersClaims } from "../../../lib/experiments/analysis/btm_members_claims.ts";
import { meanSummary } from "../../../lib/experiments/analysis/mean_summary.ts";
import type { RecallSummary } from "../../../lib/metrics/mod.ts";

const s = (h: number, g: number): RecallSummary => ({
  harmonicMean: h,
  geometricMean: g,
  accuracy: 0.5,
  lowestRecall: 0,
  zeroClasses: 0,
});
const members = [s(0.2, 0.3), s(0.3, 0.25), s(0.1, 0.2)].map((summary, index) => ({
  index,
  summary,
}));
const result = (merge: RecallSummary) => ({
  members,
  memberMean: meanSummary(members.map((m) => m.summary)),
  merge: { summary: merge, recalls: [] },
  bestMember: { harmonicMean: 1, geometricMean: 0 },
});

Deno.test("the merge beats the average member and the best one, or says by how much it does not", () => {
  const wins = btmMembersClaims(result(s(0.35, 0.4)) as never);
  assert(wins.beatsMeanMember.record.holds);
  assert(wins.beatsBestMember.record.holds);
  assertEquals(
    wins.beatsBestMember.record.claim,
    "The uniform merge has a higher H-mean and G-mean than the best single member (in hindsight: member 2 on H, 1 on G)",
  );
  // Above the mean (H 20%, G 25%) but below member 2's H-mean (30%).
  const between = btmMembersClaims(result(s(0.25, 0.35)) as never);
  assert(between.beatsMeanMember.record.holds);
  assertEquals(between.beatsBestMember.record.holds, false);
  assert(between.beatsBestMember.record.evidence.includes("member 2 H-mean is 30.00%"));
});
