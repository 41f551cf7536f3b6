/**
 * Regenerates the committed data manifests (`data/manifests/<preset>.json`)
 * from freshly generated data: run after changing the synthetic generator.
 *
 *   deno run -A scripts/regenerate_manifests.ts [preset ...]
 *
 * @module
 */
import { regenerateManifests } from "../lib/data/mod.ts";

const results = await regenerateManifests(Deno.args.length ? Deno.args : undefined);
for (const r of results) {
  console.log(
    `${r.preset}: ${r.changed ? "changed" : "unchanged"} (${r.seconds.toFixed(1)} s) → ${r.path}`,
  );
}
