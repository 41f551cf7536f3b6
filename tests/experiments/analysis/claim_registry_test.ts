import { assertEquals, assertThrows } from "@std/assert";
import {
  CLAIM_CHECKS,
  claimCheck,
  validateClaimRegistry,
} from "../../../lib/experiments/analysis/claim_registry.ts";
import { paperClaim } from "../../../lib/paper/mod.ts";

const NOTEBOOKS = new Set(
  [...Deno.readDirSync(new URL("../../../notebooks/", import.meta.url))]
    .filter((e) => e.name.endsWith(".ipynb")).map((e) => e.name.replace(/\.ipynb$/, "")),
);

Deno.test("every registered claim is a claim of the paper (or builds on one), in a notebook that exists", () => {
  validateClaimRegistry();
  for (const c of CLAIM_CHECKS) {
    assertEquals(NOTEBOOKS.has(c.notebook), true, `${c.id}: no notebook ${c.notebook}`);
    paperClaim(c.basis ?? c.id);
  }
  // Issue #12 §2's list, each with a verdict.
  for (
    const id of [
      "btm-obs1",
      "btm-obs1-accuracy",
      "btm-obs2",
      "btm-obs3",
      "btm-obs4",
      "btm-headline",
      "btm-table5-members-beat-stage1",
      "btm-table5-merge-improves",
      "btm-table5-post-train-even",
      "btm-tables11-14",
      "btm-table6-before-post-train",
      "btm-table6-after-post-train",
      "btm-table7-nd",
      "btm-table7-nc",
      "btm-table8-whole-model",
      "btm-table8-when",
      "btm-table9-gml-vs-btm",
      "btm-table9-combined",
      "btm-figure3",
      "btm-worked-example",
      "btm-zero-floor",
    ]
  ) claimCheck(id);
  assertThrows(() => claimCheck("btm-nope"), Error, "registered: btm-worked-example");
});

Deno.test("the registry refuses a duplicate, an invented id and an unfounded claim of ours", () => {
  const one = CLAIM_CHECKS[0];
  assertThrows(() => validateClaimRegistry([one, one]), Error, "registered twice");
  assertThrows(
    () => validateClaimRegistry([{ ...one, id: "btm-invented" }]),
    Error,
    'No paper claim with id "btm-invented"',
  );
  assertThrows(
    () => validateClaimRegistry([{ id: "ours-x", notebook: "01_metrics", claim: "x" }]),
    Error,
    "names no paper claim",
  );
});
