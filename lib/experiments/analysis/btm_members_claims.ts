/**
 * The verdicts of BTM Table 5 and Tables 11–14 (notebook 05): the uniform
 * merge of the balanced fine-tunes against the average member and against
 * the best single member, judged before post-training so that they are
 * about weight averaging alone.
 *
 * @module
 */
import { allOf, greaterThan, type Verdict, verdict } from "../../report/mod.ts";
import type { BtmMembersResult } from "../sections/btm_members.ts";

/** The verdicts of Tables 5 and 11–14, in the notebook's order. */
export interface BtmMembersClaims {
  /** The merge has a higher H- and G-mean than the average member. */
  beatsMeanMember: Verdict;
  /** The merge has a higher H- and G-mean than the best member (named in hindsight, on test). */
  beatsBestMember: Verdict;
}

/** Reads the claims of Tables 5 and 11–14 off a `btmMembers` result. */
export function btmMembersClaims(
  result: Pick<BtmMembersResult, "members" | "memberMean" | "merge" | "bestMember">,
): BtmMembersClaims {
  const merge = result.merge.summary;
  const bestH = result.members[result.bestMember.harmonicMean];
  const bestG = result.members[result.bestMember.geometricMean];
  const digits = { digits: 2 };
  const source = { source: "BTM paper, Table 5 and Tables 11–14" };
  return {
    beatsMeanMember: verdict(
      "The uniform merge has a higher H-mean and G-mean than the average member",
      allOf([
        greaterThan(
          { label: "merge H-mean", value: merge.harmonicMean },
          { label: "mean member H-mean", value: result.memberMean.harmonicMean! },
          digits,
        ),
        greaterThan(
          { label: "merge G-mean", value: merge.geometricMean },
          { label: "mean member G-mean", value: result.memberMean.geometricMean! },
          digits,
        ),
      ]),
      source,
    ),
    beatsBestMember: verdict(
      `The uniform merge has a higher H-mean and G-mean than the best single member (in hindsight: member ${
        bestH.index + 1
      } on H, ${bestG.index + 1} on G)`,
      allOf([
        greaterThan(
          { label: "merge H-mean", value: merge.harmonicMean },
          { label: `member ${bestH.index + 1} H-mean`, value: bestH.summary.harmonicMean },
          digits,
        ),
        greaterThan(
          { label: "merge G-mean", value: merge.geometricMean },
          { label: `member ${bestG.index + 1} G-mean`, value: bestG.summary.geometricMean },
          digits,
        ),
      ]),
      source,
    ),
  };
}
