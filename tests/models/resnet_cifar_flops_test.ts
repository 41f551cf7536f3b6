import { assertEquals, assertThrows } from "@std/assert";
import { resnetCifarFlops } from "../../lib/models/resnet_cifar_flops.ts";

Deno.test("resnetCifarFlops counts ResNet-8 on a 4x4 input by hand", () => {
  // widths [2, 3, 4], 1 input channel, 5 classes, input 4x4:
  // stem 4·4·9·1·2 = 288; stage1 conv1, conv2 4·4·9·2·2 = 576 each;
  // stage2 (stride 2 → 2x2) conv1 2·2·9·2·3 = 216, conv2 2·2·9·3·3 = 324, shortcut 2·2·2·3 = 24;
  // stage3 (→ 1x1) conv1 1·9·3·4 = 108, conv2 1·9·4·4 = 144, shortcut 1·3·4 = 12; fc 4·5 = 20.
  const f = resnetCifarFlops(8, { inputShape: [4, 4, 1], widths: [2, 3, 4], numClasses: 5 });
  const macs = 288 + 576 + 576 + 216 + 324 + 24 + 108 + 144 + 12 + 20;
  assertEquals(f.forward, 2 * macs);
  assertEquals(f.train, 6 * macs);
  assertEquals(f.macsByLayer["stage2/block0/shortcut"], 24);
});

Deno.test("resnetCifarFlops: ResNet-20 has three blocks per stage, projections only at stage starts", () => {
  const f = resnetCifarFlops(20, { inputShape: [32, 32, 3], numClasses: 10 });
  assertEquals(Object.keys(f.macsByLayer).filter((k) => k.endsWith("conv1")).length, 9);
  assertEquals(Object.keys(f.macsByLayer).filter((k) => k.endsWith("shortcut")).length, 2);
});

Deno.test("resnetCifarFlops rejects a depth that is not 6n + 2", () => {
  assertThrows(
    () => resnetCifarFlops(10, { inputShape: [32, 32, 3], numClasses: 10 }),
    Error,
    "6n + 2",
  );
});
