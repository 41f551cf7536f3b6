import { assertAlmostEquals, assertThrows } from "@std/assert";
import { channelStats } from "../../lib/data/channel_stats.ts";
import { Rng } from "../../lib/random/rng.ts";

Deno.test("channelStats: matches a direct two-pass computation", () => {
  const r = new Rng(3);
  const images = new Uint8Array(3 * 500).map(() => r.int(256));
  const s = channelStats({
    images,
    labels: new Int32Array(500),
    height: 1,
    width: 1,
    numClasses: 1,
  });
  for (let c = 0; c < 3; c++) {
    let m = 0;
    for (let i = c; i < images.length; i += 3) m += images[i] / 255;
    m /= 500;
    let v = 0;
    for (let i = c; i < images.length; i += 3) v += (images[i] / 255 - m) ** 2;
    assertAlmostEquals(s.mean[c], m, 1e-12);
    assertAlmostEquals(s.std[c], Math.sqrt(v / 500), 1e-9);
  }
  assertThrows(
    () =>
      channelStats({
        images: new Uint8Array(0),
        labels: new Int32Array(0),
        height: 1,
        width: 1,
        numClasses: 1,
      }),
    RangeError,
  );
});
