"""PyTorch reference for bench/webgpu/resnet_bench.ts: CIFAR ResNet-32 (1x1 conv + BN
projection shortcuts, like lib/models), SGD momentum, random data, batch --batch,
loss read every --read-every steps. Prints one JSON line. Needs torch with CUDA."""
import argparse, json, time
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        h = F.relu(self.b1(self.c1(x)))
        h = self.b2(self.c2(h))
        return F.relu(h + (self.short(x) if self.short is not None else x))


class ResNet32(nn.Module):
    def __init__(self, classes=10, widths=(16, 32, 64), blocks=5):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU())
        layers, cin = [], widths[0]
        for s, w in enumerate(widths):
            for b in range(blocks):
                layers.append(Block(cin, w, 2 if s > 0 and b == 0 else 1))
                cin = w
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        return self.fc(self.layers(self.stem(x)).mean((2, 3)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--read-every", type=int, default=10)
    a = p.parse_args()
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(0)
    model = ResNet32().to(dev)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    x = torch.randn(a.batch, 3, a.size, a.size, device=dev)
    y = torch.arange(a.batch, device=dev) % 10

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(a.warmup):
        step()
    if dev == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    last = float("nan")
    for i in range(1, a.steps + 1):
        loss = step()
        if i % a.read_every == 0 or i == a.steps:
            last = loss.item()
    if dev == "cuda":
        torch.cuda.synchronize()
    ms = (time.perf_counter() - t0) * 1000 / a.steps
    print(json.dumps({"bench": "resnet32-train", "backend": "torch-" + dev, "batch": a.batch, "size": a.size,
                      "steps": a.steps, "msPerStep": round(ms, 2), "imagesPerSecond": round(a.batch * 1000 / ms, 1),
                      "lastLoss": last, "torch": torch.__version__,
                      "device": torch.cuda.get_device_name() if dev == "cuda" else "cpu"}))


if __name__ == "__main__":
    main()
