/**
 * Compute backends: choosing one, and the kernels the project registers.
 *
 * @module
 */
export { initBackend } from "./init_backend.ts";
export type { BackendInfo, BackendName, InitBackendOptions } from "./init_backend.ts";
