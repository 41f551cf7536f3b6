/**
 * A deterministic generator of small RGB images with real visual structure, standing in for
 * CIFAR-100 and the other long-tailed benchmarks on a 2-core machine.
 *
 * A class is a combination of a shape family (12), a hue (10 by default) and a texture (8),
 * chosen at random without repeats from the 960 combinations, so every class shares one or two
 * attributes with several others. Each image draws the class object at a random position,
 * scale, rotation and aspect, with hue/saturation/value jitter, over a random gradient
 * background with smaller distractor shapes (drawn from the same pools), a random occluding
 * bar, and pixel noise. With probability `attributeNoise` each attribute of an image is replaced
 * by a random one, which makes classes overlap (an irreducible error); each class also gets a
 * fixed hardness that shrinks its objects and widens its colour jitter, so some classes are
 * intrinsically harder than others. Pixels are rasterized in plain TypeScript with
 * signed-distance coverage and S×S supersampling, so the bytes depend on no image library.
 *
 * @module
 */
import { Rng } from "../random/rng.ts";
import { seedFor } from "../random/seed_for.ts";
import type { ImageSet } from "./types.ts";
import {
  BAR_SHAPE,
  drawShape,
  hsv,
  NUM_SHAPES,
  NUM_TEXTURES,
  SHAPE_NAMES,
  type ShapeDraw,
  TEXTURE_NAMES,
} from "./_raster.ts";

/**
 * Name and version of the generator. Bump the version whenever a change alters any generated
 * byte: cached data and committed manifests of another version are then rejected.
 */
export const SYNTH_GENERATOR_VERSION = "synth-shapes@3";

/** The attributes that define one synthetic class. */
export interface SynthClass {
  /** Shape family id (0..11). */
  shape: number;
  /** Hue centre of the object colour, degrees. */
  hue: number;
  /** Texture id (0..7). */
  texture: number;
  /** Fixed hardness in [0, 1): shrinks objects and widens colour jitter of this class. */
  hardness: number;
  /** Readable name, e.g. "hue108-striped-star5". */
  name: string;
}

/** Difficulty knobs of the generator; every field has a default. */
export interface SynthDifficulty {
  /** Number of hue centres spread evenly over the colour wheel; default 10 (36° apart). */
  numHues?: number;
  /** Standard deviation of the per-image hue jitter, degrees; default 11 (neighbouring hues overlap). */
  hueJitter?: number;
  /**
   * Probability that each attribute (shape, hue, texture) of an image is replaced by a random
   * one; default 0.12. This is label noise in attribute space: the irreducible error.
   */
  attributeNoise?: number;
  /** Largest number of distractor shapes behind the object (uniform 0..clutter); default 2. */
  clutter?: number;
  /** Probability of an occluding bar over the object; default 0.2. */
  occlusion?: number;
  /** Standard deviation of Gaussian pixel noise, 0–255 units; default 7. */
  noise?: number;
  /** Object radius range as fractions of the image side; default [0.38, 0.68]. */
  scaleRange?: [number, number];
  /**
   * Spread of per-class hardness in [0, 1]; default 1. A class of hardness h has objects
   * (1 - 0.35·h·spread) as large and (1 + h·spread) times the hue jitter. 0 makes all classes alike.
   */
  hardnessSpread?: number;
  /** Sub-samples per pixel side for anti-aliasing; default 2 (4 samples per pixel). */
  supersample?: number;
}

/** Options of {@linkcode synthImages}. */
export interface SynthImagesOptions extends SynthDifficulty {
  /** Seed of the benchmark: it fixes the class definitions and, with `split`, every image. */
  seed: number;
  /** Split name ("train", "val", "test"): a separate random stream per split, so splits never share images. */
  split: string;
  /** Image side in pixels; default 16 (32 for a CIFAR-sized set). */
  imageSize?: number;
}

// Calibrated (synth-shapes@3, issue #14) against a converged pre-train: plain CE, ResNet-8,
// 60 epochs (the validation curve is flat from epoch 50), SGD lr 0.1 cosine, batch 128, on
// `synth100-16`, so that it lands in the papers' regime (CIFAR100-LT CE, `gml_paper.txt`
// Table 3: 38.74 / 21.03 / 2.05): accuracy 28–50 %, G 10–30 %, H 0.5–6 %, 1–15 zero-recall
// classes. `scripts/calibrate_regime.ts` writes `data/calibration/synth100-16.jsonl`; the
// settings were chosen on the validation split, the test split is shown for the record:
//
// | jitter | attr. noise | clutter | occl. | noise | radius    | other         | epochs | val acc / G / H / zero | test acc / G / H / zero |
// |--------|-------------|---------|-------|-------|-----------|---------------|--------|------------------------|-------------------------|
// | 11     | 0.04        | 2       | 0.2   | 7     | 0.38–0.68 |               | 40     | 47.7 / 16.5 / 0.6 / 17 | 48.5 / 18.8 / 0.7 / 13  |
// | 11     | 0.06        | 2       | 0.2   | 7     | 0.38–0.68 | spread 0.6    | 40     | 45.6 / 13.2 / 0.5 / 21 | 46.1 / 16.1 / 0.6 / 15  |
// | 11     | 0.04        | 2       | 0.2   | 7     | 0.38–0.68 |               | 60     | 55.6 / – / – / –       | 57.2 / 36.7 / 2.2 / 4   |
// | 11     | 0.06        | 2       | 0.2   | 7     | 0.38–0.68 | spread .6, 14 hues | 60 | –                      | 57.2 / 40.9 / 4.0 / 2   |
// | 11     | 0.12        | 2       | 0.2   | 7     | 0.38–0.68 |               | 60     | 42.0 / 14.4 / 0.6 / 17 | 42.5 / 18.2 / 0.8 / 12  |
//
// The 40-epoch rows had not converged (the first setting gains 8 validation points from 40 to
// 60 epochs), so the last row, converged and in every target, is the default. The @2 defaults
// (jitter 8, attribute noise 0.02, clutter 1, occlusion 0.1, noise 5, radius 0.45–0.75) were
// calibrated against a 12-epoch pre-train; converged they give CE 68.6 % accuracy, far easier
// than CIFAR100-LT.
const DEFAULTS: Required<SynthDifficulty> = {
  numHues: 10,
  hueJitter: 11,
  attributeNoise: 0.12,
  clutter: 2,
  occlusion: 0.2,
  noise: 7,
  scaleRange: [0.38, 0.68],
  hardnessSpread: 1,
  supersample: 2,
};

/** The difficulty knobs with defaults filled in. */
export function resolveSynthDifficulty(d: SynthDifficulty = {}): Required<SynthDifficulty> {
  const r = { ...DEFAULTS };
  for (const [k, v] of Object.entries(d)) {
    if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  }
  const bad = (what: string) => {
    throw new RangeError(`Cannot generate synthetic images: ${what}`);
  };
  if (!Number.isInteger(r.numHues) || r.numHues < 1) {
    bad(`numHues ${r.numHues} is not an integer ≥ 1`);
  }
  if (!(r.hueJitter >= 0)) bad(`hueJitter ${r.hueJitter} is not ≥ 0`);
  if (!(r.attributeNoise >= 0 && r.attributeNoise <= 1)) {
    bad(`attributeNoise ${r.attributeNoise} is not in [0, 1]`);
  }
  if (!Number.isInteger(r.clutter) || r.clutter < 0) {
    bad(`clutter ${r.clutter} is not an integer ≥ 0`);
  }
  if (!(r.occlusion >= 0 && r.occlusion <= 1)) bad(`occlusion ${r.occlusion} is not in [0, 1]`);
  if (!(r.noise >= 0)) bad(`noise ${r.noise} is not ≥ 0`);
  const [s0, s1] = r.scaleRange;
  if (!(s0 > 0 && s1 >= s0 && s1 <= 1)) bad(`scaleRange [${s0}, ${s1}] is not 0 < lo ≤ hi ≤ 1`);
  if (!(r.hardnessSpread >= 0 && r.hardnessSpread <= 1)) {
    bad(`hardnessSpread ${r.hardnessSpread} is not in [0, 1]`);
  }
  if (!Number.isInteger(r.supersample) || r.supersample < 1 || r.supersample > 8) {
    bad(`supersample ${r.supersample} is not an integer in [1, 8]`);
  }
  return r;
}

/**
 * The class definitions of a synthetic benchmark: `numClasses` distinct (shape, hue, texture)
 * combinations drawn with the benchmark seed.
 */
export function synthClasses(
  numClasses: number,
  options: { seed: number; numHues?: number },
): SynthClass[] {
  const numHues = options.numHues ?? DEFAULTS.numHues;
  const combos = NUM_SHAPES * numHues * NUM_TEXTURES;
  if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > combos) {
    throw new RangeError(
      `Cannot define ${numClasses} synthetic classes: need an integer in [1, ${combos}] (${NUM_SHAPES} shapes × ${numHues} hues × ${NUM_TEXTURES} textures)`,
    );
  }
  const rng = new Rng(seedFor(options.seed, "synth-classes"));
  const order = rng.permutation(combos);
  const classes: SynthClass[] = [];
  for (let k = 0; k < numClasses; k++) {
    const id = order[k];
    const shape = id % NUM_SHAPES;
    const hueIndex = Math.floor(id / NUM_SHAPES) % numHues;
    const texture = Math.floor(id / (NUM_SHAPES * numHues));
    const hue = (360 * hueIndex) / numHues;
    classes.push({
      shape,
      hue,
      texture,
      hardness: rng.float(),
      name: `hue${Math.round(hue)}-${TEXTURE_NAMES[texture]}-${SHAPE_NAMES[shape]}`,
    });
  }
  return classes;
}

/**
 * Generates `counts[k]` images of each class k, class by class. The same options give the same
 * bytes; each image has its own stream `seedFor(seed, split, k, j)`, so changing one class's
 * count never changes another class's images, and a class's first n images are the same for
 * every n (the long-tailed train split is a prefix of the balanced one).
 *
 * @example
 * ```ts
 * import { synthImages } from "./synth_images.ts";
 * const set = synthImages([2, 1], { seed: 0, split: "train", imageSize: 8 });
 * if (set.images.length !== 3 * 8 * 8 * 3 || set.labels[2] !== 1) throw new Error("bad set");
 * ```
 */
export function synthImages(counts: number[], options: SynthImagesOptions): ImageSet {
  const size = options.imageSize ?? 16;
  if (!Number.isInteger(size) || size < 4 || size > 256) {
    throw new RangeError(
      `Cannot generate synthetic images of side ${size}: need an integer in [4, 256]`,
    );
  }
  for (let k = 0; k < counts.length; k++) {
    if (!Number.isInteger(counts[k]) || counts[k] < 0) {
      throw new RangeError(
        `Cannot generate ${counts[k]} images for class ${k}: counts must be integers ≥ 0`,
      );
    }
  }
  const d = resolveSynthDifficulty(options);
  const classes = synthClasses(counts.length, { seed: options.seed, numHues: d.numHues });
  const total = counts.reduce((a, b) => a + b, 0);
  const pixels = size * size * 3;
  const images = new Uint8Array(total * pixels);
  const labels = new Int32Array(total);
  const buf = new Float64Array(pixels);
  let n = 0;
  for (let k = 0; k < counts.length; k++) {
    for (let j = 0; j < counts[k]; j++) {
      const rng = new Rng(seedFor(options.seed, options.split, k, j));
      renderImage(buf, size, classes[k], d, rng);
      const out = images.subarray(n * pixels, (n + 1) * pixels);
      for (let i = 0; i < pixels; i++) {
        const v = Math.round(buf[i]);
        out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
      labels[n++] = k;
    }
  }
  return { images, labels, height: size, width: size, numClasses: counts.length };
}

function renderImage(
  buf: Float64Array,
  size: number,
  cls: SynthClass,
  d: Required<SynthDifficulty>,
  rng: Rng,
): void {
  const ss = d.supersample;
  // Background: a linear gradient between two muted colours.
  const bgA = hsv(rng.uniform(0, 360), rng.uniform(0, 0.6), rng.uniform(0.15, 0.85));
  const bgB = hsv(rng.uniform(0, 360), rng.uniform(0, 0.6), rng.uniform(0.15, 0.85));
  const phi = rng.uniform(0, 2 * Math.PI);
  const gx = Math.cos(phi) / size, gy = Math.sin(phi) / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = Math.min(
        1,
        Math.max(0, 0.5 + (x + 0.5 - size / 2) * gx + (y + 0.5 - size / 2) * gy),
      );
      const o = (y * size + x) * 3;
      buf[o] = bgA[0] + t * (bgB[0] - bgA[0]);
      buf[o + 1] = bgA[1] + t * (bgB[1] - bgA[1]);
      buf[o + 2] = bgA[2] + t * (bgB[2] - bgA[2]);
    }
  }
  const randomColours = (hue: number, jitter: number) => {
    const h = hue + jitter * rng.normal();
    const s = rng.uniform(0.5, 1);
    const v = rng.uniform(0.5, 1);
    return [hsv(h, s, v), hsv(h + jitter * 0.5 * rng.normal(), s, v * rng.uniform(0.25, 0.45))];
  };
  // Distractors: smaller shapes from the same pools, behind the object.
  const nClutter = rng.int(d.clutter + 1);
  for (let i = 0; i < nClutter; i++) {
    const [a, b] = randomColours(rng.uniform(0, 360), 0);
    drawShape(buf, size, size, {
      shape: rng.int(NUM_SHAPES),
      texture: rng.int(NUM_TEXTURES),
      cx: rng.uniform(0, size),
      cy: rng.uniform(0, size),
      radius: size * rng.uniform(0.08, 0.2),
      sx: 1,
      sy: 1,
      angle: rng.uniform(0, 2 * Math.PI),
      colorA: a,
      colorB: b,
      freq: rng.uniform(1.2, 1.8),
      phase: rng.float(),
      alpha: rng.uniform(0.6, 1),
    }, ss);
  }
  // The class object, with attribute noise.
  const hardness = cls.hardness * d.hardnessSpread;
  const shape = rng.float() < d.attributeNoise ? rng.int(NUM_SHAPES) : cls.shape;
  const hue = rng.float() < d.attributeNoise ? (360 * rng.int(d.numHues)) / d.numHues : cls.hue;
  const texture = rng.float() < d.attributeNoise ? rng.int(NUM_TEXTURES) : cls.texture;
  const radius = size * rng.uniform(d.scaleRange[0], d.scaleRange[1]) * (1 - 0.35 * hardness);
  const margin = radius * 0.6;
  const [colorA, colorB] = randomColours(hue, d.hueJitter * (1 + hardness));
  const object: ShapeDraw = {
    shape,
    texture,
    cx: rng.uniform(margin, size - margin),
    cy: rng.uniform(margin, size - margin),
    radius,
    sx: Math.exp(0.12 * rng.normal()),
    sy: Math.exp(0.12 * rng.normal()),
    angle: rng.uniform(0, 2 * Math.PI),
    colorA,
    colorB,
    freq: rng.uniform(1.2, 1.8),
    phase: rng.float(),
    alpha: 1,
  };
  drawShape(buf, size, size, object, ss);
  // Occluder: a bar of a random colour across part of the object.
  if (rng.float() < d.occlusion) {
    const [a] = randomColours(rng.uniform(0, 360), 0);
    drawShape(buf, size, size, {
      shape: BAR_SHAPE,
      texture: 0,
      cx: object.cx + radius * 0.7 * rng.normal(),
      cy: object.cy + radius * 0.7 * rng.normal(),
      radius: radius * rng.uniform(0.6, 1.2),
      sx: 1,
      sy: 1,
      angle: rng.uniform(0, 2 * Math.PI),
      colorA: a,
      colorB: a,
      freq: 1,
      phase: 0,
      alpha: 1,
    }, ss);
  }
  if (d.noise > 0) {
    for (let i = 0; i < buf.length; i++) buf[i] += d.noise * rng.normal();
  }
}
