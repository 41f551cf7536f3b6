import { assertEquals, assertRejects } from "@std/assert";
import { regenerateManifests } from "../../lib/data/regenerate_manifests.ts";

Deno.test("regenerateManifests: writes the committed tiny manifest byte for byte; reports changes", async () => {
  const manifestDir = await Deno.makeTempDir();
  try {
    const [r] = await regenerateManifests(["tiny"], { manifestDir });
    assertEquals(r.changed, false);
    const committed = await Deno.readTextFile(
      new URL("../../data/manifests/tiny.json", import.meta.url),
    );
    assertEquals(await Deno.readTextFile(r.path), committed);
    await Deno.writeTextFile(r.path, "{}");
    const [again] = await regenerateManifests(["tiny"], { manifestDir });
    assertEquals(again.changed, true);
    await assertRejects(
      () => regenerateManifests(["tiny", "bogus"], { manifestDir }),
      Error,
      '"bogus"',
    );
  } finally {
    await Deno.remove(manifestDir, { recursive: true });
  }
});
