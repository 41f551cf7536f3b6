/**
 * Writes a project-local Jupyter kernelspec for the project's pinned Deno.
 *
 *     deno run -A scripts/install_kernel.ts <dir>
 *
 * `<dir>` is the kernel's own folder (e.g. `.cache/jupyter/kernels/deno`);
 * Jupyter finds it when `JUPYTER_PATH` names the folder two levels up. The
 * spec mirrors what `deno jupyter --install` writes (argv, display name,
 * language), but points at `toolchain/node_modules/.bin/deno` by an absolute
 * path resolved now, so nothing depends on a per-user install or on `PATH`.
 *
 * `deno jupyter` takes no `--config` flag: Deno finds `deno.json` (and so its
 * import map) by walking up from the kernel's working directory, which
 * Jupyter sets to the notebook's folder. Notebooks therefore live inside the
 * project tree (`notebooks/`), and the spec records the project root so that
 * a mismatch can be reported.
 *
 * @module
 */

import { dirname, fromFileUrl, join, resolve } from "@std/path";

/** The project root: the folder that holds `deno.json`. */
export const PROJECT_ROOT: string = resolve(dirname(fromFileUrl(import.meta.url)), "..");

/** Options of {@link installKernel}. */
export interface InstallKernelOptions {
  /**
   * Absolute path of the Deno executable the kernel runs. Default: the
   * project's pinned Deno at `toolchain/node_modules/.bin/deno`, so that the
   * kernel and `deno task` always agree on the version.
   */
  deno?: string;
  /** Name shown by Jupyter frontends. Default `"Deno"`, as `deno jupyter --install`. */
  displayName?: string;
}

/** The kernelspec (kernel.json) for the Deno kernel, as an object. */
export interface DenoKernelSpec {
  /** The command Jupyter runs; `{connection_file}` is filled in by Jupyter. */
  argv: string[];
  /** Name shown by frontends. */
  display_name: string;
  /** Language of the cells. */
  language: string;
  /** Extra environment of the kernel process. */
  env: Record<string, string>;
  /** Where this spec came from, for diagnostics. */
  metadata: { btm_lab_root: string };
}

/** The kernelspec {@link installKernel} writes, without writing it. */
export function denoKernelSpec(options: InstallKernelOptions = {}): DenoKernelSpec {
  const deno = options.deno ?? join(PROJECT_ROOT, "toolchain", "node_modules", ".bin", "deno");
  return {
    argv: [resolve(deno), "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: options.displayName ?? "Deno",
    language: "typescript",
    env: { DENO_NO_UPDATE_CHECK: "1" },
    metadata: { btm_lab_root: PROJECT_ROOT },
  };
}

/**
 * Writes `kernel.json` into `dir` (created if missing) and returns the path
 * written. Throws if the Deno executable does not exist.
 */
export async function installKernel(
  dir: string,
  options: InstallKernelOptions = {},
): Promise<string> {
  const spec = denoKernelSpec(options);
  try {
    await Deno.stat(spec.argv[0]);
  } catch {
    throw new Error(
      `Cannot install the Deno kernel: no Deno executable at "${spec.argv[0]}" ` +
        `(run ./lab setup to install the pinned Deno into toolchain/)`,
    );
  }
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, "kernel.json");
  await Deno.writeTextFile(path, JSON.stringify(spec, null, 2) + "\n");
  return path;
}

/** The project-local Jupyter data folder that holds the kernelspec: `.cache/jupyter` (JUPYTER_PATH). */
export const JUPYTER_DIR: string = join(PROJECT_ROOT, ".cache", "jupyter");

/**
 * Writes the project-local kernelspec into `JUPYTER_DIR/kernels/deno` unless
 * an identical one is there. Returns whether it wrote one.
 */
export async function ensureKernel(): Promise<boolean> {
  const dir = join(JUPYTER_DIR, "kernels", "deno");
  const wanted = JSON.stringify(denoKernelSpec());
  let current = "";
  try {
    current = JSON.stringify(JSON.parse(await Deno.readTextFile(join(dir, "kernel.json"))));
  } catch { /* missing or unreadable: rewrite */ }
  if (current === wanted) return false;
  await installKernel(dir);
  return true;
}

if (import.meta.main) {
  const dir = Deno.args[0];
  if (!dir || Deno.args.length !== 1) {
    console.error("usage: deno run -A scripts/install_kernel.ts <kernel dir>");
    Deno.exit(2);
  }
  const path = await installKernel(resolve(dir));
  console.error(`Deno kernelspec written to ${path}`);
}
