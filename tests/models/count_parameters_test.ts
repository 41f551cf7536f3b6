import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { buildModel } from "../../lib/models/build_model.ts";
import { countParameters } from "../../lib/models/count_parameters.ts";

await tf.setBackend("cpu");

Deno.test("countParameters: counts weights and BN gamma/beta, not running statistics", () => {
  const model = buildModel("resnet8", { numClasses: 10, inputShape: [32, 32, 3], seed: 0 });
  let all = 0, buffers = 0;
  for (const [name, v] of model.variables) {
    all += v.size;
    if (model.buffers.includes(name)) buffers += v.size;
  }
  assertEquals(countParameters(model), all - buffers);
  // ResNet-8, widths 16/32/64, 1×1 projections, 10 classes, by hand:
  // stem 432+32; stage1 2304+32+2304+32; stage2 4608+64+9216+64+512+64;
  // stage3 18432+128+36864+128+2048+128; classifier 640+10.
  assertEquals(countParameters(model), 78_042);
  model.dispose();
});
