/**
 * Datasets as typed arrays: long-tailed profiles, the synthetic benchmark generator and its
 * presets (cached, manifest-verified), readers of CIFAR-100, ImageNet-LT / Places-LT lists and
 * iNaturalist 2018 JSON, and batching with augmentation and mixup. Imports no tfjs.
 *
 * @module
 */
export type { ChannelStats, DatasetManifest, ImageSet, LongTailBenchmark } from "./types.ts";
export {
  longTailCounts,
  type LongTailCountsOptions,
  type LongTailProfile,
} from "./long_tail_counts.ts";
export {
  resolveSynthDifficulty,
  SYNTH_GENERATOR_VERSION,
  type SynthClass,
  synthClasses,
  type SynthDifficulty,
  synthImages,
  type SynthImagesOptions,
} from "./synth_images.ts";
export { type BenchmarkPreset, DATA_PRESETS, getPreset } from "./presets.ts";
export { generateBenchmark } from "./generate_benchmark.ts";
export {
  DATA_CACHE_DIR,
  DATA_MANIFEST_DIR,
  loadBenchmark,
  type LoadBenchmarkOptions,
  manifestPath,
} from "./load_benchmark.ts";
export {
  type RegeneratedManifest,
  regenerateManifests,
  type RegenerateManifestsOptions,
} from "./regenerate_manifests.ts";
export { imageSetCounts, manifestFor, type ManifestForOptions } from "./manifest_for.ts";
export { compareManifests } from "./compare_manifests.ts";
export { sha256Hex } from "./sha256_hex.ts";
export { channelStats } from "./channel_stats.ts";
export { makeBatch, type MakeBatchOptions } from "./make_batch.ts";
export { mixup, type MixupOptions } from "./mixup.ts";
export {
  CIFAR100_RECORD_BYTES,
  type Cifar100Data,
  parseCifar100,
  readCifar100,
  type ReadCifar100Options,
} from "./read_cifar100.ts";
export {
  cifar100Benchmark,
  type Cifar100BenchmarkOptions,
  cifar100LongTail,
  type Cifar100LongTailOptions,
  CIFAR_LT_GENERATOR_VERSION,
} from "./cifar100_long_tail.ts";
export {
  checkImageList,
  type ImageListEntry,
  joinPath,
  readImageList,
  type ReadImageListOptions,
} from "./read_image_list.ts";
export { readInat2018, type ReadInat2018Options } from "./read_inat2018.ts";
export {
  type ImageBatch,
  streamImageBatches,
  type StreamImageBatchesOptions,
} from "./stream_image_batches.ts";
export { loadImageSet, type LoadImageSetOptions } from "./load_image_set.ts";
