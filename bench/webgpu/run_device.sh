#!/usr/bin/env bash
# Runs on the lent GPU machine (see prepare_device.sh): WebGPU ResNet-32 training
# throughput with the project's kernels and with tfjs's stock ones, the
# gradient-kernel micro-bench, and the PyTorch CUDA reference; prints the ratio.
# Results (JSON lines) also go to $OUT/webgpu_bench.jsonl.
set -uo pipefail
BATCH="${BATCH:-256}"
STEPS="${STEPS:-20}"
OUT="${OUT:-/tmp}"
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
xz -dc .gl/deno.xz > /tmp/deno && chmod +x /tmp/deno
export DENO_DIR=/tmp/deno_dir XDG_RUNTIME_DIR=/tmp
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
log="$OUT/webgpu_bench.jsonl"
: > "$log"
bench() { echo "== $*"; timeout 280 "$@" 2>&1 | tee -a "$OUT/bench.log" | grep '^{' | tee -a "$log"; }
bench /tmp/deno run -A --unstable-webgpu .gl/resnet_bench.js --batch "$BATCH" --steps "$STEPS"
bench /tmp/deno run -A --unstable-webgpu .gl/resnet_bench.js --batch "$BATCH" --steps 3 --warmup 1 --stock
timeout 200 /tmp/deno run -A --unstable-webgpu .gl/conv_kernels_bench.js --batch "$BATCH" | tee "$OUT/conv_kernels.txt"
bench python3 .gl/torch_ref.py --batch "$BATCH" --steps 50
python3 - "$log" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ours = next((r for r in rows if r.get("kernels") == "btm-lab"), None)
torch = next((r for r in rows if str(r.get("backend", "")).startswith("torch")), None)
if ours and torch:
    print(f"tfjs-webgpu {ours['imagesPerSecond']} img/s vs torch {torch['imagesPerSecond']} img/s: "
          f"torch is {torch['imagesPerSecond'] / ours['imagesPerSecond']:.1f}x faster")
else:
    print("ratio unavailable: a bench failed (see bench.log)")
PY
