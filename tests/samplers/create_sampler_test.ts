import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { createSampler, SAMPLERS } from "../../lib/samplers/create_sampler.ts";
import { longTailLabels } from "./_long_tail.ts";

const labels = longTailLabels([40, 15, 6, 2]); // 63 samples

function flat(batches: Iterable<Int32Array>): number[] {
  return [...batches].flatMap((b) => [...b]);
}

Deno.test("SAMPLERS: holds the three samplers", () => {
  assertEquals(Object.keys(SAMPLERS).sort(), ["class-balanced", "instance", "square-root"]);
});

for (const name of Object.keys(SAMPLERS)) {
  Deno.test(`${name} sampler: indices in range and batch sizes right`, () => {
    const s = createSampler(name, labels, { batchSize: 10, seed: 1 });
    assertEquals(s.batchesPerEpoch, 7);
    const batches = [...s.batches(0)];
    assertEquals(batches.map((b) => b.length), [10, 10, 10, 10, 10, 10, 3]);
    for (const b of batches) {
      assert(b instanceof Int32Array);
      for (const i of b) assert(Number.isInteger(i) && i >= 0 && i < labels.length, `index ${i}`);
    }
    const dropped = createSampler(name, labels, { batchSize: 10, seed: 1, dropLast: true });
    assertEquals(dropped.batchesPerEpoch, 6);
    assertEquals([...dropped.batches(0)].map((b) => b.length), [10, 10, 10, 10, 10, 10]);
    const longer = createSampler(name, labels, { batchSize: 8, seed: 1, samplesPerEpoch: 200 });
    assertEquals(longer.batchesPerEpoch, 25);
    assertEquals(flat(longer.batches(4)).length, 200);
  });

  Deno.test(`${name} sampler: deterministic per seed and epoch, epochs independent`, () => {
    const a = createSampler(name, labels, { batchSize: 16, seed: 5 });
    const b = createSampler(name, labels, { batchSize: 16, seed: 5 });
    // epoch 3 is the same whether or not epochs 0..2 were drawn first (resuming)
    for (let e = 0; e < 3; e++) [...a.batches(e)];
    assertEquals(flat(a.batches(3)), flat(b.batches(3)));
    // and the iterable replays
    const epoch = a.batches(2);
    assertEquals(flat(epoch), flat(epoch));
    assertNotEquals(flat(a.batches(0)), flat(a.batches(1)));
    const c = createSampler(name, labels, { batchSize: 16, seed: 6 });
    assertNotEquals(flat(a.batches(0)), flat(c.batches(0)));
  });

  Deno.test(`${name} sampler: bad options are errors naming the value`, () => {
    assertThrows(
      () => createSampler(name, labels, { batchSize: 0, seed: 1 }),
      RangeError,
      "batchSize 0",
    );
    assertThrows(() => createSampler(name, labels, { batchSize: 2.5, seed: 1 }), RangeError, "2.5");
    assertThrows(
      () => createSampler(name, labels, { batchSize: 4, seed: NaN }),
      RangeError,
      "seed NaN",
    );
    assertThrows(() => createSampler(name, [], { batchSize: 4, seed: 1 }), RangeError, "empty");
    assertThrows(
      () => createSampler(name, [0, 1, -1], { batchSize: 4, seed: 1 }),
      RangeError,
      "label -1 at index 2",
    );
    assertThrows(
      () => createSampler(name, [0, 1, 3], { batchSize: 4, seed: 1, numClasses: 3 }),
      RangeError,
      "label 3 at index 2",
    );
    assertThrows(
      () => createSampler(name, [0, 1], { batchSize: 4, seed: 1, dropLast: true }),
      RangeError,
      "no batch",
    );
    const s = createSampler(name, labels, { batchSize: 4, seed: 1 });
    assertThrows(() => s.batches(-1), RangeError, "epoch -1");
    assertThrows(() => s.batches(0.5), RangeError, "epoch 0.5");
  });
}

Deno.test("createSampler: an unknown name lists the valid ones", () => {
  assertThrows(
    () => createSampler("balanced", labels, { batchSize: 4, seed: 1 }),
    RangeError,
    'Cannot create sampler "balanced": valid samplers are "instance", "class-balanced", "square-root"',
  );
  assertThrows(() => createSampler("toString", labels, { batchSize: 4, seed: 1 }), RangeError);
});
