// What a script that calls initBackend sees as a process: it ends by itself once
// its own work is done, and its stderr carries no spurious errors. Each case runs
// tests/backend/_init_backend_child.ts in a child process.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { deviceSelectProbeIsNoise } from "../../lib/backend/_quiet_webgpu.ts";

// Generous: a child compiles tfjs and starts 8 pool workers, seconds on a busy machine.
const LIMIT_MS = 60_000;
const ROOT = new URL("../../", import.meta.url);
const CHILD = new URL("./_init_backend_child.ts", import.meta.url);
// A 3x3 all-ones conv, "same" padding, over an 8x8x4 all-ones image: 8 outputs per
// pixel, each 4 × (valid taps); the taps per axis sum to 2 + 3·6 + 2 = 22.
const CONV_SUM = 8 * 4 * 22 * 22;
// libwayland-client's message when Mesa's device-select layer probes for a compositor.
const XDG_NOISE = "XDG_RUNTIME_DIR";
// The variables that decide whether that probe can connect or is steered by the user.
const DISPLAY_VARS = [
  "XDG_RUNTIME_DIR",
  "WAYLAND_DISPLAY",
  "WAYLAND_SOCKET",
  "DISPLAY",
  "NODEVICE_SELECT",
  "MESA_VK_DEVICE_SELECT",
  "DRI_PRIME",
];

interface ChildResult {
  backend: string;
  threads: number;
  reason: string;
  sum: number;
  nodeviceSelect: string | null;
}

/** Runs the child; fails if it has not exited within LIMIT_MS (it is killed then). */
async function runChild(
  args: string[],
  env?: Record<string, string>,
): Promise<{ result: ChildResult; stderr: string; seconds: number }> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", new URL("deno.json", ROOT).pathname, CHILD.pathname, ...args],
    cwd: ROOT.pathname,
    clearEnv: env !== undefined,
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, LIMIT_MS);
  const out = await child.output();
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const stdout = new TextDecoder().decode(out.stdout).trim();
  const stderr = new TextDecoder().decode(out.stderr).trim();
  assert(
    !timedOut,
    `The child (${args.join(" ")}) did not exit within ${LIMIT_MS / 1000} s and was killed; ` +
      `stdout: ${stdout || "(empty)"}`,
  );
  assertEquals(out.code, 0, `exit code ${out.code} after ${seconds.toFixed(1)} s; ${stderr}`);
  return { result: JSON.parse(stdout), stderr, seconds };
}

/** This process's environment without the display and device-select variables. */
function headlessEnv(): Record<string, string> {
  const env = Deno.env.toObject();
  for (const name of DISPLAY_VARS) delete env[name];
  return env;
}

Deno.test("a script that started the threaded wasm backend exits by itself", async () => {
  const { result } = await runChild(["wasm", "2"]);
  assertEquals(result.backend, "wasm");
  assertEquals(result.threads, 2, result.reason);
  assertEquals(result.sum, CONV_SUM);
});

Deno.test("a script that started the onednn backend on 2 threads exits by itself", async () => {
  const probe = await runChild(["default", "1"]);
  if (!probe.result.reason.includes("oneDNN")) {
    console.warn(`Skipping: onednn does not start here (${probe.result.reason}).`);
    return;
  }
  const { result, stderr } = await runChild(["onednn", "2"]);
  assertEquals(result.backend, "onednn");
  assertEquals(result.threads, 2, result.reason);
  assertEquals(result.sum, CONV_SUM);
  assertEquals(stderr, "");
});

Deno.test("without oneDNN the default backend falls back to wasm with one line saying why", async () => {
  const env = { ...Deno.env.toObject(), BTM_ONEDNN_LIBRARY: "/nonexistent/libdnnl.so.2" };
  const { result, stderr } = await runChild(["default", "1"], env);
  assert(result.backend === "wasm" || result.backend === "webgpu", result.backend);
  assertStringIncludes(result.reason, "onednn skipped");
  assertStringIncludes(result.reason, "/nonexistent/libdnnl.so.2");
  assertEquals(result.sum, CONV_SUM);
  const lines = stderr.split("\n").filter((l) => l.includes("onednn"));
  assertEquals(lines.length, 1, stderr);
  assertStringIncludes(lines[0], "falling back to wasm");
});

Deno.test("asking for onednn without oneDNN is an error naming the library", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      new URL("deno.json", ROOT).pathname,
      CHILD.pathname,
      "onednn",
      "1",
    ],
    cwd: ROOT.pathname,
    env: { BTM_ONEDNN_LIBRARY: "/nonexistent/libdnnl.so.2" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 1);
  const stderr = new TextDecoder().decode(out.stderr);
  assertStringIncludes(stderr, 'Cannot start the "onednn" backend');
  assertStringIncludes(stderr, "/nonexistent/libdnnl.so.2");
});

Deno.test("without FFI permission onednn is skipped with the reason", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-env",
      "--allow-sys",
      "--config",
      new URL("deno.json", ROOT).pathname,
      CHILD.pathname,
      "default",
      "1",
    ],
    cwd: ROOT.pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout).trim();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  const result = JSON.parse(stdout) as ChildResult;
  assertEquals(result.backend, "wasm");
  assertStringIncludes(result.reason, "no FFI permission");
});

Deno.test("the default backend probe prints no XDG_RUNTIME_DIR error on a headless machine", async () => {
  const { result, stderr } = await runChild(["default", "1"], headlessEnv());
  assert(!stderr.includes(XDG_NOISE), `stderr: ${stderr}`);
  assertEquals(result.sum, CONV_SUM);
  assertEquals(result.nodeviceSelect, null);
  // A software adapter is still found and skipped.
  if (result.reason.includes("software fallback")) {
    assert(result.backend === "onednn" || result.backend === "wasm", result.backend);
  }
});

Deno.test("webgpu asked for starts quietly, on a software adapter too", async () => {
  const probe = await runChild(["default", "1"], headlessEnv());
  const adapter = probe.result.backend === "webgpu" ||
    probe.result.reason.includes("software fallback");
  if (!adapter) {
    console.warn(`Skipping: no WebGPU adapter here (${probe.result.reason}).`);
    return;
  }
  const { result, stderr } = await runChild(["webgpu", "1"], headlessEnv());
  assert(!stderr.includes(XDG_NOISE), `stderr: ${stderr}`);
  assertEquals(result.backend, "webgpu");
  assertStringIncludes(result.reason, "asked for");
  assertEquals(result.sum, CONV_SUM);
  assertEquals(result.nodeviceSelect, null);
});

Deno.test("the device-select layer is switched off only where its probe can only fail", () => {
  const is = (env: Record<string, string>) => deviceSelectProbeIsNoise((name) => env[name]);
  assertEquals(is({}), true);
  assertEquals(is({ XDG_RUNTIME_DIR: "" }), true);
  assertEquals(is({ XDG_RUNTIME_DIR: "run/user/0" }), true);
  assertEquals(is({ WAYLAND_DISPLAY: "wayland-0" }), true);
  // A Wayland connection is possible: the layer may find the compositor's GPU.
  assertEquals(is({ XDG_RUNTIME_DIR: "/run/user/1000" }), false);
  assertEquals(is({ WAYLAND_DISPLAY: "/tmp/wayland-0" }), false);
  assertEquals(is({ WAYLAND_SOCKET: "3" }), false);
  // The user steers the layer or has an X display: leave it alone.
  for (const name of ["NODEVICE_SELECT", "MESA_VK_DEVICE_SELECT", "DRI_PRIME", "DISPLAY"]) {
    assertEquals(is({ [name]: "1" }), false, name);
  }
});
