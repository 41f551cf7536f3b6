/**
 * Starts Deno's WebGPU instance without the `error: XDG_RUNTIME_DIR is invalid
 * or not set in the environment.` lines that a headless Linux machine with
 * Mesa's Vulkan drivers prints on every adapter request (internal to
 * lib/backend).
 *
 * Where they come from: Mesa ships an implicit Vulkan layer,
 * `VK_LAYER_MESA_device_select` (Debian: `mesa-vulkan-drivers`), that the
 * Vulkan loader puts in front of every instance. wgpu enables the Wayland
 * surface extension on its Vulkan instance, and on each
 * `vkEnumeratePhysicalDevices` (wgpu calls it twice per `requestAdapter`) the
 * layer asks the Wayland compositor which GPU drives the screen: it calls
 * `wl_display_connect`, and libwayland-client logs that line to stderr when
 * `XDG_RUNTIME_DIR` is unset or not an absolute path. Nothing is wrong: the
 * probe just finds no compositor, and the layer falls back to the boot VGA
 * device or the first non-CPU one. wgpu's GL backend does not print it; its
 * Vulkan backend is the one that does.
 *
 * What is done: where that probe can only fail (no `WAYLAND_SOCKET`, neither
 * `XDG_RUNTIME_DIR` nor `WAYLAND_DISPLAY` an absolute path) and the user has
 * not chosen a device or a display for the layer (`NODEVICE_SELECT`,
 * `MESA_VK_DEVICE_SELECT`, `DRI_PRIME`, `DISPLAY` all unset), `NODEVICE_SELECT=1`
 * (the layer's own off switch, read by the Vulkan loader when the instance is
 * created) is set while WebGPU starts and removed as soon as it has, so the
 * process and its children see the environment they were given. Deno keeps
 * one WebGPU instance per isolate, so later adapter requests (tfjs's own) are
 * quiet too. The same adapters are found, and wgpu still ranks them by type
 * (a GPU before the software one), so which backend `initBackend` picks does
 * not change; only the layer's ordering is skipped, which with no display
 * could only put the boot VGA device first among several alike GPUs. Driver
 * and wgpu errors still print.
 *
 * @module
 */

/** Reads an environment variable (`Deno.env.get`, or a stand-in in tests). */
export type EnvGetter = (name: string) => string | undefined;

// Variables by which a user steers the device-select layer: when one is set, it is left alone.
const USER_CHOICES = ["NODEVICE_SELECT", "MESA_VK_DEVICE_SELECT", "DRI_PRIME", "DISPLAY"];

/**
 * Whether Mesa's device-select layer would log libwayland's `XDG_RUNTIME_DIR`
 * error for nothing, and may be switched off: its Wayland probe cannot
 * connect (libwayland-client's own test) and the user set none of the
 * variables that steer the layer.
 */
export function deviceSelectProbeIsNoise(env: EnvGetter): boolean {
  const absolute = (name: string) => env(name)?.startsWith("/") ?? false;
  const waylandCannotConnect = env("WAYLAND_SOCKET") === undefined &&
    !absolute("XDG_RUNTIME_DIR") && !absolute("WAYLAND_DISPLAY");
  return waylandCannotConnect && USER_CHOICES.every((name) => env(name) === undefined);
}

function envReadable(): boolean {
  // Without env permission, asking would prompt or throw: leave the layer alone then.
  return typeof Deno !== "undefined" &&
    Deno.permissions.querySync({ name: "env" }).state === "granted";
}

/**
 * Runs `start` (anything that requests a WebGPU adapter: `requestAdapter`,
 * `tf.setBackend("webgpu")`) with Mesa's device-select layer switched off
 * where its Wayland probe would only print a misleading error (see the module
 * doc), and returns what `start` returns. The environment is restored before
 * this returns, whether `start` succeeds or throws.
 */
export async function quietWebgpu<T>(start: () => Promise<T>): Promise<T> {
  if (!envReadable() || !deviceSelectProbeIsNoise((name) => Deno.env.get(name))) {
    return await start();
  }
  Deno.env.set("NODEVICE_SELECT", "1");
  try {
    return await start();
  } finally {
    Deno.env.delete("NODEVICE_SELECT");
  }
}
