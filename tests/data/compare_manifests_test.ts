import { assert, assertEquals } from "@std/assert";
import { compareManifests } from "../../lib/data/compare_manifests.ts";
import type { DatasetManifest } from "../../lib/data/types.ts";

const base: DatasetManifest = {
  name: "x",
  generator: "g@1",
  seed: 0,
  imageSize: [16, 16],
  numClasses: 2,
  counts: { train: [5, 1], test: [2, 2] },
  sha256: { "train/images": "aa", "train/labels": "bb", "test/images": "cc", "test/labels": "dd" },
};

Deno.test("compareManifests: equal manifests agree; each kind of difference is named", () => {
  assertEquals(compareManifests(base, structuredClone(base)), []);
  const d = compareManifests(base, {
    ...base,
    generator: "g@2",
    counts: { train: [5, 2], test: [2, 2] },
    sha256: { ...base.sha256, "test/images": "ee", "val/images": "ff" },
  });
  assertEquals(d.length, 4);
  assert(d.some((s) => s.includes('generator: expected "g@1", got "g@2"')));
  assert(d.some((s) => s.includes('split "train"') && s.includes("class 1: expected 1, got 2")));
  assert(d.some((s) => s.includes('"test/images": expected cc, got ee')));
  assert(d.some((s) => s.includes('"val/images": not in the manifest')));
});
