/**
 * Generates a synthetic long-tailed benchmark from a preset, in memory (no cache, no checks
 * against committed manifests: `loadBenchmark` adds those).
 *
 * @module
 */
import { channelStats } from "./channel_stats.ts";
import { longTailCounts } from "./long_tail_counts.ts";
import { manifestFor } from "./manifest_for.ts";
import { type BenchmarkPreset, getPreset } from "./presets.ts";
import { SYNTH_GENERATOR_VERSION, synthImages } from "./synth_images.ts";
import type { ImageSet, LongTailBenchmark } from "./types.ts";

/**
 * The benchmark of `preset` (a name in `DATA_PRESETS` or a preset object; then `name` labels it):
 * a long-tailed train split, balanced test and validation splits (separate random streams, so
 * no image is shared), train-split channel statistics and a freshly computed manifest.
 *
 * @example
 * ```ts
 * import { generateBenchmark } from "./generate_benchmark.ts";
 * const b = await generateBenchmark("tiny");
 * if (b.train.labels.length !== b.trainCounts.reduce((a, c) => a + c, 0)) throw new Error("bad");
 * ```
 */
export async function generateBenchmark(
  preset: string | BenchmarkPreset,
  name?: string,
): Promise<LongTailBenchmark> {
  const p = typeof preset === "string" ? getPreset(preset) : preset;
  const label = typeof preset === "string" ? preset : name ?? "custom";
  const trainCounts = longTailCounts({ numClasses: p.numClasses, ...p.profile });
  const common = { seed: p.seed, imageSize: p.imageSize, ...p.difficulty };
  const train = synthImages(trainCounts, { ...common, split: "train" });
  const test = synthImages(new Array(p.numClasses).fill(p.testPerClass), {
    ...common,
    split: "test",
  });
  const sets: Record<string, ImageSet> = { train, test };
  let val: ImageSet | undefined;
  if (p.valPerClass > 0) {
    val = synthImages(new Array(p.numClasses).fill(p.valPerClass), { ...common, split: "val" });
    sets.val = val;
  }
  const manifest = await manifestFor(label, sets, {
    generator: SYNTH_GENERATOR_VERSION,
    seed: p.seed,
  });
  return {
    name: label,
    numClasses: p.numClasses,
    train,
    ...(val ? { val } : {}),
    test,
    trainCounts,
    manifest,
    normalization: channelStats(train),
  };
}
