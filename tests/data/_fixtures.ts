/** Fixtures shared by the data tests. */

/** A CIFAR-100 binary with one record per (coarse, fine) pair whose pixels encode (record, channel, position). */
export function cifarBytes(labels: [number, number][]): Uint8Array {
  const bytes = new Uint8Array(labels.length * 3074);
  labels.forEach(([coarse, fine], r) => {
    const o = r * 3074;
    bytes[o] = coarse;
    bytes[o + 1] = fine;
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 1024; i++) bytes[o + 2 + c * 1024 + i] = (r * 31 + c * 80 + i * 7) & 255;
    }
  });
  return bytes;
}
