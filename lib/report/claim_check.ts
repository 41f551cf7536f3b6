/**
 * Whether a claim holds across seeds: the one place where per-seed numbers
 * become a status. A claim is checked as one or more parts; each part is a
 * comparison whose per-seed effect (positive: the claim's direction) is
 * averaged over the seeds and held against its seed-to-seed standard
 * deviation:
 *
 * - **holds**: the mean effect is positive and at least its standard deviation;
 * - **does not hold**: the mean effect is zero or negative, and its size is at
 *   least its standard deviation;
 * - **within noise**: the mean effect is smaller in size than its standard
 *   deviation (seeds disagree about the sign, or nearly).
 *
 * With one seed there is no noise estimate: a part holds or does not hold, and
 * says that no noise estimate exists. A claim holds when every part holds; it
 * does not hold when any part does not hold; otherwise it is within noise.
 *
 * No tfjs, no I/O: numbers in, status and numbers out.
 *
 * @module
 */

/** The status of a verdict. `not run`: the experiment that tests the claim did not run here. */
export type VerdictStatus = "holds" | "does not hold" | "within noise" | "not run";

/** The status of one measured effect (a claim that ran). */
export type EffectStatus = Exclude<VerdictStatus, "not run">;

/** Mean and seed-to-seed spread of one number measured once per seed. */
export interface SeedStats {
  /** The value of each seed, in seed order. */
  perSeed: number[];
  /** Their mean. */
  mean: number;
  /** Their sample standard deviation (n − 1 in the denominator); null with one seed (no noise estimate). */
  sd: number | null;
}

/**
 * The mean and sample standard deviation of per-seed values.
 *
 * @param values one finite number per seed; at least one.
 * @throws RangeError naming the value when one is not finite, or when there is none.
 *
 * @example
 * ```ts
 * import { seedStats } from "./claim_check.ts";
 * const s = seedStats([1, 2, 3]);
 * if (s.mean !== 2 || s.sd !== 1) throw new Error(JSON.stringify(s));
 * if (seedStats([5]).sd !== null) throw new Error("one seed has no spread");
 * ```
 */
export function seedStats(values: readonly number[]): SeedStats {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError(
      `Cannot summarize ${JSON.stringify(values)} over seeds: give one value per seed`,
    );
  }
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(
        `Cannot summarize over seeds: value ${v} of seed number ${i} is not finite`,
      );
    }
  });
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { perSeed: [...values], mean, sd };
}

/**
 * Effects whose size is below this count as zero, whatever the seeds say:
 * the same recalls summed in another order differ by ~1e-16, which must be
 * neither a gain nor a loss.
 */
export const NO_EFFECT = 1e-9;

/** One effect judged across seeds. */
export interface EffectJudgement extends SeedStats {
  /** What the mean effect says, given its spread. */
  status: EffectStatus;
}

/**
 * Judges per-seed effects (positive: in the claim's direction, already net of
 * any margin the claim asks for): holds, does not hold, or within noise (the
 * mean effect smaller in size than its seed-to-seed standard deviation). One
 * seed: holds when the effect is positive, else does not hold.
 *
 * @example
 * ```ts
 * import { judgeEffect } from "./claim_check.ts";
 * if (judgeEffect([0.05, 0.04, 0.06]).status !== "holds") throw new Error();
 * if (judgeEffect([-0.05, -0.04, -0.06]).status !== "does not hold") throw new Error();
 * if (judgeEffect([0.05, -0.04, 0.01]).status !== "within noise") throw new Error();
 * if (judgeEffect([0.01]).status !== "holds") throw new Error();
 * ```
 */
export function judgeEffect(perSeed: readonly number[]): EffectJudgement {
  const s = seedStats(perSeed);
  const size = Math.abs(s.mean) <= NO_EFFECT ? 0 : Math.abs(s.mean);
  let status: EffectStatus;
  if (s.sd !== null && size < s.sd) status = "within noise";
  else status = s.mean > NO_EFFECT ? "holds" : "does not hold";
  return { ...s, status };
}

/**
 * The status of a claim from its parts' statuses: holds when all hold, does
 * not hold when any does not, else within noise.
 */
export function combineStatuses(statuses: readonly EffectStatus[]): EffectStatus {
  if (statuses.length === 0) {
    throw new RangeError("Cannot judge a claim with no parts: a claim needs evidence");
  }
  if (statuses.includes("does not hold")) return "does not hold";
  if (statuses.includes("within noise")) return "within noise";
  return "holds";
}

/** One side of a part: a model (or a statistic) measured once per seed, and the paper's value. */
export interface CheckSide {
  /** What it is, e.g. `f^D` or `largest step share`. */
  label: string;
  /** Our value per seed (fractions in [0, 1] when the part's unit is `percent`). */
  ours: readonly number[];
  /**
   * The paper's value in the paper's own unit (percent as printed when the
   * part's unit is `percent`: 26.37 for 26.37 %); null or absent when the paper
   * prints none.
   */
  paper?: number | null;
  /**
   * The number of classes at zero recall, per seed, for a side that is an
   * H-mean: shown beside it (an H-mean with zero-recall classes is mostly
   * that count). Absent for other sides.
   */
  zeroClasses?: readonly number[];
}

/** A side after judging: its statistics, the paper's value, and the zero-recall count when it has one. */
export interface JudgedSide {
  /** What it is. */
  label: string;
  /** Our per-seed values, mean and spread. */
  ours: SeedStats;
  /** The paper's value, or null. */
  paper: number | null;
  /** Classes at zero recall per seed, mean and spread; null when not an H-mean side. */
  zeroClasses: SeedStats | null;
}

/** One comparison of a claim. */
export interface CheckPart {
  /** What is compared, e.g. `H-mean`. */
  what: string;
  /** The side the claim says is higher (or lower, with `expect: "lower"`). */
  a: CheckSide;
  /** The side it is compared with; absent when `a` is held to `bound` (or to the paper's value) instead. */
  b?: CheckSide;
  /**
   * `higher` (default): a > b + margin, or a > bound; `lower`: a < b − margin,
   * or a < bound; `match`: |a − b| < bound, or without `b` |a − a's paper
   * value| < bound (a worked example recomputed).
   */
  expect?: "higher" | "lower" | "match";
  /**
   * With `b` (`higher`/`lower`): how far past `b` the claim asks `a` to be, in
   * `a`'s unit (a fraction for percent); negative for an allowance ("at most
   * 1 point below": −0.01); default 0.
   */
  margin?: number;
  /** Without `b`, or with `match`: the threshold (the tolerance of `match`), in `a`'s unit. */
  bound?: number;
  /**
   * How the values are written: `percent` (ours fractions shown ×100, the
   * paper's as printed, differences in points; the default) or `number`
   * (both as they are).
   */
  unit?: "percent" | "number";
  /** A short note after the numbers, e.g. `our threshold: 2 points`. */
  note?: string;
}

/** A part after judging: its sides' statistics and its effect's. */
export interface PartJudgement {
  /** What is compared. */
  what: string;
  /** Side `a`: label, our per-seed values with mean and spread, the paper's value (or null). */
  a: JudgedSide;
  /** Side `b`, when the part compares two sides. */
  b?: JudgedSide;
  /** The claim's direction. */
  expect: "higher" | "lower" | "match";
  /** The margin (with `b`) or the bound (without), in the values' unit; 0 when none. */
  threshold: number;
  /** How values are written. */
  unit: "percent" | "number";
  /** The effect per seed (positive: the claim's direction, net of the threshold) and its judgement. */
  effect: EffectJudgement;
  /** The paper's effect, in its unit (a − b − margin, or a − bound, signed as ours), when it prints the numbers. */
  paperEffect: number | null;
  /** The part's note, when it has one. */
  note?: string;
}

/** A claim's parts after judging. */
export interface CheckResult {
  /** The claim's status. */
  status: EffectStatus;
  /** Number of seeds every part was measured on. */
  seeds: number;
  /** Each part, in order. */
  parts: PartJudgement[];
}

/**
 * Judges a claim's parts across seeds. Every side must have the same number
 * of per-seed values (one per seed, in the same seed order).
 *
 * @throws RangeError naming the part when its sides have different seed
 *   counts, a value is not finite, or a bound is missing.
 *
 * @example
 * ```ts
 * import { checkParts } from "./claim_check.ts";
 * const r = checkParts([{
 *   what: "H-mean",
 *   a: { label: "f^D", ours: [0.22, 0.24], paper: 26.37 },
 *   b: { label: "f", ours: [0.01, 0.02], paper: 1.47 },
 * }]);
 * if (r.status !== "holds" || r.parts[0].paperEffect !== 24.900000000000002) throw new Error();
 * ```
 */
export function checkParts(parts: readonly CheckPart[]): CheckResult {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new RangeError("Cannot judge a claim with no parts: a claim needs evidence");
  }
  const seeds = parts[0]?.a?.ours?.length;
  const judged = parts.map((p) => {
    const name = `part "${p?.what}"`;
    if (!p?.a) throw new RangeError(`Cannot judge ${name}: it has no side a`);
    for (const side of [p.a, p.b]) {
      if (side === undefined) continue;
      if (!Array.isArray(side.ours) || side.ours.length !== seeds) {
        throw new RangeError(
          `Cannot judge ${name}: "${side.label}" has ${side.ours?.length} per-seed values, ` +
            `but the claim's first part has ${seeds}`,
        );
      }
      if (side.zeroClasses !== undefined && side.zeroClasses.length !== seeds) {
        throw new RangeError(
          `Cannot judge ${name}: "${side.label}" has ${side.zeroClasses.length} zero-recall counts for ${seeds} seeds`,
        );
      }
      if (side.paper !== undefined && side.paper !== null && !Number.isFinite(side.paper)) {
        throw new RangeError(
          `Cannot judge ${name}: the paper's value of "${side.label}" is ${side.paper}`,
        );
      }
    }
    const expect = p.expect ?? "higher";
    if (expect !== "higher" && expect !== "lower" && expect !== "match") {
      throw new RangeError(
        `Cannot judge ${name}: expect is ${JSON.stringify(expect)}, not higher, lower or match`,
      );
    }
    const sign = expect === "lower" ? -1 : 1;
    const unit = p.unit ?? "percent";
    const scale = unit === "percent" ? 100 : 1;
    let threshold: number;
    if (expect === "match") {
      if (typeof p.bound !== "number" || !(p.bound >= 0)) {
        throw new RangeError(`Cannot judge ${name}: a match needs a tolerance, a bound >= 0`);
      }
      if (p.b === undefined && (p.a.paper === undefined || p.a.paper === null)) {
        throw new RangeError(
          `Cannot judge ${name}: a match without side b needs the paper's value`,
        );
      }
      threshold = p.bound;
    } else if (p.b !== undefined) {
      threshold = p.margin ?? 0;
    } else {
      if (typeof p.bound !== "number" || !Number.isFinite(p.bound)) {
        throw new RangeError(`Cannot judge ${name}: it has no side b, so it needs a finite bound`);
      }
      threshold = p.bound;
    }
    if (!Number.isFinite(threshold)) {
      throw new RangeError(`Cannot judge ${name}: margin ${threshold}`);
    }
    const a = seedStats(p.a.ours);
    const b = p.b ? seedStats(p.b.ours) : undefined;
    const pa = p.a.paper ?? null;
    const pb = p.b ? p.b.paper ?? null : null;
    // With b: a − b − margin (higher) or b − a − margin (lower); without: a − bound or bound − a;
    // a match: tolerance − |a − b| (or − |a − the paper's a|, in our unit).
    const effect = a.perSeed.map((x, i) => {
      if (expect === "match") {
        const target = p.b ? b!.perSeed[i] : pa! / scale;
        return threshold - Math.abs(x - target);
      }
      return p.b ? sign * (x - b!.perSeed[i]) - threshold : sign * (x - threshold);
    });
    // The paper's effect, in the paper's unit: a margin given as a fraction becomes points.
    let paperEffect: number | null = null;
    if (expect === "match") {
      if (p.b && pa !== null && pb !== null) paperEffect = threshold * scale - Math.abs(pa - pb);
    } else if (pa !== null && (p.b === undefined || pb !== null)) {
      paperEffect = p.b ? sign * (pa - pb!) - threshold * scale : sign * (pa - threshold * scale);
    }
    const zero = (side: CheckSide) => (side.zeroClasses ? seedStats(side.zeroClasses) : null);
    const out: PartJudgement = {
      what: p.what,
      a: { label: p.a.label, ours: a, paper: pa, zeroClasses: zero(p.a) },
      ...(p.b ? { b: { label: p.b.label, ours: b!, paper: pb, zeroClasses: zero(p.b) } } : {}),
      expect,
      threshold,
      unit,
      effect: judgeEffect(effect),
      paperEffect,
      ...(p.note ? { note: p.note } : {}),
    };
    return out;
  });
  return { status: combineStatuses(judged.map((p) => p.effect.status)), seeds, parts: judged };
}

/** How {@linkcode describePart} writes a part. */
export interface DescribePartOptions {
  /** Digits after the decimal point; default 2 (the papers print two). */
  digits?: number;
  /** Add the part's own status in brackets (when a claim's parts disagree); default false. */
  withStatus?: boolean;
}

function num(v: number, unit: "percent" | "number", digits: number): string {
  return unit === "percent" ? (100 * v).toFixed(digits) : v.toFixed(digits);
}

function signed(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return v > 0 && s !== (0).toFixed(digits) ? `+${s}` : s.replace(/^-/, "−");
}

/** Our side in words: the mean, ± the spread with several seeds. */
export function describeOurs(s: SeedStats, unit: "percent" | "number", digits = 2): string {
  return s.sd === null
    ? num(s.mean, unit, digits)
    : `${num(s.mean, unit, digits)} ± ${num(s.sd, unit, digits)}`;
}

/** A count over seeds in words: `36` (one seed, or every seed alike), or `36.3 ± 2.1`. */
function count(s: SeedStats): string {
  if (s.sd === null || s.sd === 0) return String(Number(s.mean.toFixed(1)));
  return `${s.mean.toFixed(1)} ± ${s.sd.toFixed(1)}`;
}

/**
 * Our side in words, with its classes at zero recall when it has them:
 * `0.93 (36 zero-recall classes)`.
 */
export function describeSide(side: JudgedSide, unit: "percent" | "number", digits = 2): string {
  const z = side.zeroClasses;
  return describeOurs(side.ours, unit, digits) +
    (z === null
      ? ""
      : ` (${count(z)} zero-recall class${z.mean === 1 && z.sd === null ? "" : "es"})`);
}

/**
 * A part in words with both sides' numbers, ours first:
 * `H-mean: f^D 22.10 vs f 0.93 (paper 26.37 vs 1.47)`; with several seeds
 * `H-mean: f^D 22.10 ± 1.02 vs f 0.93 ± 0.05, difference +21.17 ± 1.10 (…)`;
 * without side b, `largest step share 0.21, below 0.50 (…)`.
 */
export function describePart(p: PartJudgement, options: DescribePartOptions = {}): string {
  const digits = options.digits ?? 2;
  const u = p.unit;
  const pnum = (v: number) => (u === "number" ? String(v) : v.toFixed(digits)); // as printed
  const word = p.expect === "higher" ? "above" : "below";
  const pts = (v: number) => (u === "percent" ? `${(100 * v).toFixed(digits)} points` : String(v));
  let text: string;
  let paper = "";
  if (p.expect === "match") {
    const within = `within ${pts(p.threshold)}`;
    if (p.b) {
      text = `${p.what} ${p.a.label} ${describeSide(p.a, u, digits)} vs ${p.b.label} ${
        describeSide(p.b, u, digits)
      }, equal ${within}`;
    } else {
      text = `${p.what} ${describeSide(p.a, u, digits)}, equal to the paper's ${
        pnum(p.a.paper!)
      } ${within}`;
    }
  } else if (p.b) {
    text = `${p.what} ${p.a.label} ${describeSide(p.a, u, digits)} vs ${p.b.label} ${
      describeSide(p.b, u, digits)
    }`;
    if (p.a.ours.sd !== null) {
      const diff = seedStats(p.a.ours.perSeed.map((x, i) => x - p.b!.ours.perSeed[i]));
      const scale = u === "percent" ? 100 : 1;
      text += `, difference ${signed(scale * diff.mean, digits)} ± ${
        (scale * diff.sd!).toFixed(digits)
      }`;
    }
    if (p.threshold > 0) {
      text += ` (the claim needs more than ${pts(p.threshold)} ${word})`;
    } else if (p.threshold < 0) {
      text += ` (up to ${pts(-p.threshold)} ${p.expect === "higher" ? "below" : "above"} counts)`;
    }
    if (p.a.paper !== null || p.b.paper !== null) {
      paper = ` (paper ${p.a.paper === null ? "—" : pnum(p.a.paper)} vs ${
        p.b.paper === null ? "—" : pnum(p.b.paper)
      })`;
    }
  } else {
    text = `${p.what} ${p.a.label} ${describeSide(p.a, u, digits)}, must be ${word} ${
      num(p.threshold, u, digits)
    }`;
    if (p.a.paper !== null) paper = ` (paper ${pnum(p.a.paper)})`;
  }
  const note = p.note ? `; ${p.note}` : "";
  const status = options.withStatus ? ` [${p.effect.status}]` : "";
  return `${text}${paper}${note}${status}`;
}

/** The noise note of a claim measured on `seeds` seeds. */
export function noiseNote(seeds: number): string {
  return seeds === 1
    ? "1 seed: no noise estimate"
    : `mean ± standard deviation over ${seeds} seeds; "within noise" when a mean difference is smaller than its spread`;
}
