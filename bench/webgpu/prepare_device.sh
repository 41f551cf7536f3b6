#!/usr/bin/env bash
# Prepares .gl/ (git-ignored) for bench/webgpu/run_device.sh: the Vulkan loader
# .deb, the Deno binary xz-compressed, and the benches bundled into single JS
# files (the device machine has no network and no node_modules; a run carries
# at most 64 MiB). Then, in ONE device call:
#   run(command="bash bench/webgpu/run_device.sh", carry=[".gl"], kind="nvidia-h100-x1")
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/toolchain/node_modules/.bin:$PATH"
mkdir -p .gl
(cd .gl && apt-get download libvulkan1 >/dev/null)
xz -T2 -6 -c "$(readlink -f "$(command -v deno)")" > .gl/deno.xz
deno bundle --platform deno -o .gl/resnet_bench.js bench/webgpu/resnet_bench.ts
deno bundle --platform deno -o .gl/conv_kernels_bench.js bench/webgpu/conv_kernels_bench.ts
cp bench/webgpu/torch_ref.py .gl/
du -sh .gl; ls -la .gl
