/**
 * Shared set-up of the onednn tests: starts the backend once per test file,
 * or records why it cannot (then the kernel tests are ignored and say so;
 * `init_onednn_fallback_test.ts` covers that path on every machine).
 *
 * @module
 */
import { initBackend } from "../../../lib/backend/init_backend.ts";

/** Why onednn could not start here, or undefined when it runs. */
export let ONEDNN_PROBLEM: string | undefined;
try {
  await initBackend({ backend: "onednn", threads: 1 });
} catch (e) {
  ONEDNN_PROBLEM = (e as Error).message;
  console.error(`onednn tests ignored: ${ONEDNN_PROBLEM}`);
}

/** `Deno.test` options that skip a test where onednn cannot start. */
export const ONEDNN_ONLY: { ignore: boolean } = { ignore: ONEDNN_PROBLEM !== undefined };
