/**
 * A tiny anti-aliased rasterizer over Float64 RGB buffers, in plain TypeScript, so generated
 * images depend on no image library. Shapes are signed-distance functions in object units
 * (object radius = 1); a pixel's coverage comes from the distance at each of S×S sub-samples.
 *
 * @module
 */

/** Number of shape families {@linkcode shapeDistance} knows. */
export const NUM_SHAPES = 12;

/** Shape id of a plain bar, used for occluders and never as a class shape. */
export const BAR_SHAPE = 12;

/** Human names of the shape families, index = shape id. */
export const SHAPE_NAMES = [
  "circle",
  "triangle",
  "square",
  "pentagon",
  "hexagon",
  "star5",
  "star4",
  "flower3",
  "ring",
  "crescent",
  "cross",
  "ellipse",
] as const;

/** Number of texture families {@linkcode textureValue} knows. */
export const NUM_TEXTURES = 8;

/** Human names of the texture families, index = texture id. */
export const TEXTURE_NAMES = [
  "solid",
  "stripes",
  "rings",
  "checker",
  "dots",
  "gradient",
  "radial",
  "rim",
] as const;

const TAU = 2 * Math.PI;

function polygonRadius(theta: number, n: number): number {
  const sector = TAU / n;
  let t = theta % sector;
  if (t < 0) t += sector;
  return Math.cos(Math.PI / n) / Math.cos(t - Math.PI / n);
}

function box(u: number, v: number, hx: number, hy: number): number {
  const qx = Math.abs(u) - hx, qy = Math.abs(v) - hy;
  const ox = Math.max(qx, 0), oy = Math.max(qy, 0);
  return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0);
}

/**
 * Approximate signed distance (object units, negative inside) from (u, v) to shape `shape`.
 * Polar shapes use |p| - r(θ), exact on circles and close enough elsewhere for coverage.
 */
export function shapeDistance(shape: number, u: number, v: number): number {
  const rho = Math.sqrt(u * u + v * v);
  switch (shape) {
    case 0:
      return rho - 0.9;
    case 1:
      return rho - polygonRadius(Math.atan2(v, u), 3);
    case 2:
      return rho - 0.85 * polygonRadius(Math.atan2(v, u), 4);
    case 3:
      return rho - 0.95 * polygonRadius(Math.atan2(v, u), 5);
    case 4:
      return rho - 0.95 * polygonRadius(Math.atan2(v, u), 6);
    case 5: {
      const c = Math.abs(Math.cos(2.5 * Math.atan2(v, u)));
      return rho - (0.45 + 0.55 * c * c * c);
    }
    case 6: {
      const c = Math.abs(Math.cos(2 * Math.atan2(v, u)));
      return rho - (0.4 + 0.6 * c * c * c * c);
    }
    case 7:
      return rho - (0.62 + 0.38 * Math.cos(3 * Math.atan2(v, u)));
    case 8:
      return Math.abs(rho - 0.68) - 0.3;
    case 9: {
      const du = u - 0.42, dv = v - 0.1;
      const inner = Math.sqrt(du * du + dv * dv) - 0.72;
      return Math.max(rho - 0.95, -inner);
    }
    case 10:
      return Math.min(box(u, v, 0.95, 0.3), box(u, v, 0.3, 0.95));
    case 11:
      return ellipse(u, v);
    case BAR_SHAPE:
      return box(u, v, 1, 0.22);
    default:
      throw new RangeError(`Unknown shape id ${shape}: valid ids are 0..${NUM_SHAPES - 1}`);
  }
}

function ellipse(u: number, v: number): number {
  // Scaled-circle approximation of an ellipse with semi-axes 1 and 0.45.
  const a = 1, b = 0.45;
  const k = Math.sqrt((u * u) / (a * a) + (v * v) / (b * b));
  return (k - 1) * b;
}

/**
 * Texture value in [0, 1] at object coordinates (u, v): 0 = base colour, 1 = second colour.
 * `freq` is in cycles per object radius, `phase` in cycles; `dist` is the shape distance, used
 * by "rim". All patterns are smooth (sinusoids, gradients), so they alias little at 16 px.
 */
export function textureValue(
  texture: number,
  u: number,
  v: number,
  freq: number,
  phase: number,
  dist: number,
): number {
  switch (texture) {
    case 0:
      return 0;
    case 1:
      return 0.5 + 0.5 * Math.sin(TAU * (freq * u + phase));
    case 2:
      return 0.5 + 0.5 * Math.sin(TAU * (freq * Math.sqrt(u * u + v * v) + phase));
    case 3:
      return 0.5 + 0.5 * Math.sin(TAU * (0.75 * freq * u + phase)) *
          Math.sin(TAU * (0.75 * freq * v + phase));
    case 4: {
      const s = Math.sin(TAU * (0.75 * freq * u + phase)) * Math.sin(TAU * (0.75 * freq * v));
      return s > 0.3 ? Math.min(1, (s - 0.3) * 3) : 0;
    }
    case 5:
      return Math.min(1, Math.max(0, 0.5 + 0.5 * u));
    case 6:
      return Math.min(1, Math.sqrt(u * u + v * v));
    case 7:
      return Math.min(1, Math.max(0, 1 + dist * 4));
    default:
      throw new RangeError(`Unknown texture id ${texture}: valid ids are 0..${NUM_TEXTURES - 1}`);
  }
}

/** One filled, textured shape to draw. */
export interface ShapeDraw {
  /** Shape id, see {@linkcode SHAPE_NAMES}. */
  shape: number;
  /** Texture id, see {@linkcode TEXTURE_NAMES}. */
  texture: number;
  /** Centre in pixels (x right, y down). */
  cx: number;
  /** Centre in pixels (x right, y down). */
  cy: number;
  /** Object radius in pixels. */
  radius: number;
  /** Stretch of the local axes (aspect jitter), 1 = none. */
  sx: number;
  /** Stretch of the local axes (aspect jitter), 1 = none. */
  sy: number;
  /** Rotation in radians. */
  angle: number;
  /** Base colour, RGB in [0, 255]. */
  colorA: [number, number, number];
  /** Second texture colour, RGB in [0, 255]. */
  colorB: [number, number, number];
  /** Texture frequency, cycles per object radius. */
  freq: number;
  /** Texture phase, cycles. */
  phase: number;
  /** Opacity in [0, 1]. */
  alpha: number;
}

/**
 * Draws `s` over the [h, w, 3] float buffer `buf` with S×S supersampling (`ss`): each sub-sample
 * takes a coverage from the signed distance, so edges are anti-aliased even at ss = 1.
 */
export function drawShape(buf: Float64Array, h: number, w: number, s: ShapeDraw, ss: number) {
  const cos = Math.cos(s.angle), sin = Math.sin(s.angle);
  const ext = s.radius * Math.max(s.sx, s.sy) + 1.5;
  const x0 = Math.max(0, Math.floor(s.cx - ext)), x1 = Math.min(w - 1, Math.ceil(s.cx + ext));
  const y0 = Math.max(0, Math.floor(s.cy - ext)), y1 = Math.min(h - 1, Math.ceil(s.cy + ext));
  const rx = s.radius * s.sx, ry = s.radius * s.sy;
  // Pixels per object unit, for turning object distances into sub-pixel distances.
  const pxPerUnit = s.radius * Math.min(s.sx, s.sy) * ss;
  const inv = 1 / (ss * ss);
  const [ar, ag, ab] = s.colorA;
  const [br, bg, bb] = s.colorB;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let cov = 0, tex = 0;
      for (let sy = 0; sy < ss; sy++) {
        const py = y + (sy + 0.5) / ss - s.cy;
        for (let sx = 0; sx < ss; sx++) {
          const px = x + (sx + 0.5) / ss - s.cx;
          const u = (cos * px + sin * py) / rx;
          const v = (-sin * px + cos * py) / ry;
          const d = shapeDistance(s.shape, u, v);
          const c = Math.min(1, Math.max(0, 0.5 - d * pxPerUnit));
          if (c > 0) {
            cov += c;
            tex += c * textureValue(s.texture, u, v, s.freq, s.phase, d);
          }
        }
      }
      if (cov === 0) continue;
      const t = tex / cov;
      const a = s.alpha * cov * inv;
      const o = (y * w + x) * 3;
      buf[o] += a * (ar + t * (br - ar) - buf[o]);
      buf[o + 1] += a * (ag + t * (bg - ag) - buf[o + 1]);
      buf[o + 2] += a * (ab + t * (bb - ab) - buf[o + 2]);
    }
  }
}

/** RGB in [0, 255] of a colour given by hue (degrees), saturation and value in [0, 1]. */
export function hsv(hue: number, sat: number, val: number): [number, number, number] {
  const h = (((hue % 360) + 360) % 360) / 60;
  const c = val * sat;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = val - c;
  let r = 0, g = 0, b = 0;
  if (h < 1) [r, g, b] = [c, x, 0];
  else if (h < 2) [r, g, b] = [x, c, 0];
  else if (h < 3) [r, g, b] = [0, c, x];
  else if (h < 4) [r, g, b] = [0, x, c];
  else if (h < 5) [r, g, b] = [x, 0, c];
  else [r, g, b] = [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}
