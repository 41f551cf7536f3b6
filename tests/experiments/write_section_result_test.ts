import { assertEquals, assertRejects } from "@std/assert";
import { writeSectionResult } from "../../lib/experiments/write_section_result.ts";

Deno.test("writeSectionResult writes <name>-<preset>-seed<seed>.json and leaves no temp file", async () => {
  const out = await Deno.makeTempDir();
  const data = { preset: "smoke", seed: 3, curve: [{ lambda: 0.5, h: 0.25 }] };
  const path = await writeSectionResult("observations-1-2", data, { out: `${out}/nested/` });
  assertEquals(path, `${out}/nested/observations-1-2-smoke-seed3.json`);
  assertEquals(JSON.parse(await Deno.readTextFile(path)), data);
  assertEquals([...Deno.readDirSync(`${out}/nested`)].map((e) => e.name), [
    "observations-1-2-smoke-seed3.json",
  ]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("writeSectionResult follows BTM_RESULTS_DIR when no folder is given", async () => {
  const out = await Deno.makeTempDir();
  const previous = Deno.env.get("BTM_RESULTS_DIR");
  Deno.env.set("BTM_RESULTS_DIR", out);
  try {
    const path = await writeSectionResult("figure-3", { preset: "default", seed: 0 });
    assertEquals(path, `${out}/figure-3-default-seed0.json`);
  } finally {
    if (previous === undefined) Deno.env.delete("BTM_RESULTS_DIR");
    else Deno.env.set("BTM_RESULTS_DIR", previous);
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("writeSectionResult refuses path-like names and results without preset or seed", async () => {
  await assertRejects(
    () => writeSectionResult("../x", { preset: "smoke", seed: 0 }),
    Error,
    '"../x"',
  );
  await assertRejects(
    () => writeSectionResult("x", { preset: "smoke", seed: 0.5 }),
    Error,
    "integer seed",
  );
});
