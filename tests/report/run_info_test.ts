import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { RUN_INFO_MIME } from "../../lib/report/display_bundle.ts";
import { runInfo } from "../../lib/report/run_info.ts";

Deno.test("runInfo: displays and carries backend, seed, preset and versions", () => {
  const info = {
    backend: "wasm",
    seed: 3,
    preset: "smoke",
    versions: { deno: "2.9.6", tfjs: "4.22.0" },
  };
  const r = runInfo(info);
  // deno-lint-ignore no-explicit-any
  const bundle = (r as any)[Symbol.for("Jupyter.display")]();
  assertEquals(bundle[RUN_INFO_MIME], info);
  assertEquals(
    bundle["text/plain"],
    "backend wasm · seed 3 · preset smoke · deno 2.9.6 · tfjs 4.22.0",
  );
  assertStringIncludes(bundle["text/html"], "<b>backend</b> wasm");
  info.versions.deno = "changed";
  assertEquals(r.info.versions.deno, "2.9.6", "the display keeps a copy");
  // deno-lint-ignore no-explicit-any
  assertThrows(() => runInfo({ backend: "wasm" } as any), TypeError, "seed");
});
