/**
 * A paper claim and whether it holds here: `holds`, `does not hold`,
 * `within noise` (the mean effect over seeds smaller than its seed-to-seed
 * spread) or `not run`, with the paper's words (quote and cite), the paper's
 * numbers beside ours, and one short sentence with both.
 *
 * @module
 */

import {
  type CheckPart,
  checkParts,
  describePart,
  describeSide,
  type PartJudgement,
  type VerdictStatus,
} from "./claim_check.ts";
import type { Comparison } from "./comparison.ts";
import {
  type Displayable,
  JUPYTER_DISPLAY,
  type MimeBundle,
  VERDICT_MIME,
} from "./display_bundle.ts";
import { escapeHtml } from "./escape_html.ts";

export type { VerdictStatus } from "./claim_check.ts";

/**
 * A place in the papers' text: the file (named as in `shared/papers/`) and
 * the 1-based line (the shape of lib/paper's `PaperCite`; the report reads
 * results only through their types, so it restates it).
 */
export interface VerdictCite {
  /** The text file, e.g. `btm_paper.txt`. */
  file: string;
  /** 1-based line number. */
  line: number;
}

/** A passage of the paper a verdict shows: its words and where they start. */
export interface VerdictQuote {
  /** The claim id the passage belongs to (a `PAPER_CLAIMS` id), when it has one. */
  id?: string;
  /** The words, verbatim. */
  quote: string;
  /** File and line where they start. */
  cite: VerdictCite;
}

/** The machine-readable form of a verdict (the `application/vnd.btm-lab.verdict+json` data). */
export interface VerdictRecord {
  /**
   * The claim's id: a `PAPER_CLAIMS` id (`btm-obs1`) for the paper's claims,
   * `ours-…` for a claim of ours; null for a verdict built without one.
   */
  id: string | null;
  /** The claim in a few words (ours), as the claims matrix lists it. */
  claim: string;
  /** What the run says about it. */
  status: VerdictStatus;
  /** `status === "holds"` (kept for readers of the first verdict format). */
  holds: boolean;
  /** One short sentence with the status, the numbers compared and the paper's: what a reviewer reads. */
  sentence: string;
  /** The numbers compared, in words (the sentence without its status word). */
  evidence: string;
  /** Our numbers by label (means over seeds). */
  values: Record<string, number>;
  /** Each comparison: both sides, ours per seed with mean ± sd, the paper's value, the effect and its status. */
  parts: PartJudgement[];
  /** The run seeds our numbers come from, in order; empty when nothing was trained. */
  seeds: number[];
  /**
   * The paper's numbers, in a few words, as the claims matrix shows them:
   * every part when there are at most two, else the deciding one (worst
   * status, closest call); `—` when the paper prints none.
   */
  paperSummary: string;
  /** Our numbers, in a few words, of the same parts as `paperSummary`. */
  oursSummary: string;
  /** The paper's words (verbatim, from `PAPER_CLAIMS`); null when the verdict has none. */
  quote: string | null;
  /** Where `quote` starts; null with it. */
  cite: VerdictCite | null;
  /** Passages where the paper says the opposite (its own contradictions), each quoted and cited. */
  contradicting: VerdictQuote[];
  /** Whether the claim is ours, not the paper's (the quote is then the passage it builds on). */
  ourClaim: boolean;
  /** Where the paper makes the claim, in words, e.g. `BTM paper, Section 3.2, Observation 1`; null when not given. */
  source: string | null;
  /** What the numbers were measured on, when a section checks the claim more than once (e.g. `synth-places`); else null. */
  scope: string | null;
}

/** A verdict, displayable by Deno's Jupyter kernel. */
export interface Verdict extends Displayable {
  /** The verdict as data. */
  readonly record: VerdictRecord;
}

/** What every verdict may carry besides its numbers. */
export interface VerdictContext {
  /** Claim id (see {@linkcode VerdictRecord.id}); default null. */
  id?: string | null;
  /** The paper's words; default none. */
  quote?: string | null;
  /** Where they start; required with `quote`. */
  cite?: VerdictCite | null;
  /** The paper's opposite statements; default none. */
  contradicting?: readonly VerdictQuote[];
  /** The claim is ours, not the paper's; default false. */
  ourClaim?: boolean;
  /** Where the paper makes the claim (section, table); default none. */
  source?: string | null;
  /** What the numbers were measured on, when that needs saying; default none. */
  scope?: string | null;
}

/** Options of {@link verdict}: the context, all optional. */
export type VerdictOptions = VerdictContext;

const STATUS_WORD: Record<VerdictStatus, string> = {
  "holds": "Holds",
  "does not hold": "Does not hold",
  "within noise": "Within noise",
  "not run": "Not run",
};

const STATUS_COLOR: Record<VerdictStatus, string> = {
  "holds": "#2e7d32",
  "does not hold": "#c62828",
  "within noise": "#9a6700",
  "not run": "#616161",
};

/** The sentence-initial word of a status: `Holds`, `Does not hold`, `Within noise`, `Not run`. */
export function statusWord(status: VerdictStatus): string {
  const word = STATUS_WORD[status];
  if (word === undefined) {
    throw new RangeError(
      `Unknown verdict status ${JSON.stringify(status)}: valid are ${
        Object.keys(STATUS_WORD).join(", ")
      }`,
    );
  }
  return word;
}

function checkText(value: unknown, what: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`Cannot state a verdict: ${what} ${JSON.stringify(value)} is empty`);
  }
  return value;
}

function checkContext(claim: string, c: VerdictContext): void {
  if ((c.quote ?? null) !== null) {
    checkText(c.quote, `the quote of "${claim}"`);
    if (!c.cite || typeof c.cite.file !== "string" || !Number.isInteger(c.cite.line)) {
      throw new TypeError(
        `Cannot state a verdict on "${claim}": its quote needs a cite { file, line } (got ${
          JSON.stringify(c.cite)
        })`,
      );
    }
  }
  for (const q of c.contradicting ?? []) {
    checkText(q?.quote, `a contradicting quote of "${claim}"`);
    if (!q.cite || !Number.isInteger(q.cite.line)) {
      throw new TypeError(
        `Cannot state a verdict on "${claim}": a contradicting quote has no cite`,
      );
    }
  }
}

const RANK: Record<string, number> = { "does not hold": 0, "within noise": 1, "holds": 2 };

/**
 * The part that decides a claim: the worst status, and among those the
 * smallest mean effect (the closest call). Effects of parts in different
 * units are compared only through their status.
 */
export function decidingPart(parts: readonly PartJudgement[]): PartJudgement {
  if (parts.length === 0) throw new RangeError("Cannot pick the deciding part of no parts");
  return parts.reduce((best, p) => {
    const d = RANK[p.effect.status] - RANK[best.effect.status];
    if (d !== 0) return d < 0 ? p : best;
    return p.unit === best.unit && p.effect.mean < best.effect.mean ? p : best;
  });
}

/** A part's two sides in a few words: `H-mean f^D 26.37 vs f 1.47`, the paper's or ours. */
function sides(p: PartJudgement, side: "paper" | "ours"): string | null {
  const pv = (v: number | null) =>
    v === null ? "—" : p.unit === "number" ? String(v) : v.toFixed(2);
  const a = side === "paper" ? pv(p.a.paper) : describeSide(p.a, p.unit);
  if (p.b) {
    if (side === "paper" && p.a.paper === null && p.b.paper === null) return null;
    const b = side === "paper" ? pv(p.b.paper) : describeSide(p.b, p.unit);
    return `${p.what} ${p.a.label} ${a} vs ${p.b.label} ${b}`;
  }
  if (side === "paper" && p.a.paper === null) return null;
  // A worked example recomputed: "A of {0.1, 0.9} 0.5", no side label.
  return p.expect === "match" ? `${p.what} ${a}` : `${p.what} ${p.a.label} ${a}`;
}

/**
 * The claims matrix's cells: every part when there are at most two, else the
 * deciding part ({@linkcode decidingPart}) and how many parts there are.
 */
function summaries(parts: readonly PartJudgement[]): { paper: string; ours: string } {
  const shown = parts.length <= 2 ? parts : [decidingPart(parts)];
  const lead = parts.length <= 2 ? "" : `closest of ${parts.length} comparisons: `;
  const paper = shown.map((p) => sides(p, "paper")).filter((x): x is string => x !== null);
  const ours = shown.map((p) => sides(p, "ours")!);
  return {
    paper: paper.length > 0 ? lead + paper.join("; ") : "—",
    ours: lead + ours.join("; "),
  };
}

function build(
  claim: string,
  status: VerdictStatus,
  evidence: string,
  rest: Pick<VerdictRecord, "values" | "parts" | "seeds" | "paperSummary" | "oursSummary">,
  c: VerdictContext,
): Verdict {
  checkText(claim, "the claim");
  checkContext(claim, c);
  const record: VerdictRecord = {
    id: c.id ?? null,
    claim,
    status,
    holds: status === "holds",
    sentence: `${statusWord(status)}: ${evidence}`,
    evidence,
    ...rest,
    quote: c.quote ?? null,
    cite: c.quote ? c.cite ?? null : null,
    contradicting: (c.contradicting ?? []).map((q) => ({ ...q, cite: { ...q.cite } })),
    ourClaim: c.ourClaim ?? false,
    source: c.source ?? null,
    scope: c.scope ?? null,
  };
  return {
    record,
    [JUPYTER_DISPLAY]: (): MimeBundle => ({
      [VERDICT_MIME]: record,
      "text/html": verdictHtml(record),
      "text/plain": verdictText(record),
    }),
  };
}

/** Input of {@link claimVerdict}. */
export interface ClaimVerdictInput extends VerdictContext {
  /** The claim in a few words. */
  claim: string;
  /** Its comparisons (see {@linkcode CheckPart}); every side has one value per seed of `seeds`. */
  parts: readonly CheckPart[];
  /**
   * The run seed of each per-seed value, in order; empty for numbers computed
   * from fixed inputs (no training, one value per side).
   */
  seeds: readonly number[];
  /** Digits of the numbers in the sentence; default 2. */
  digits?: number;
}

/**
 * A verdict computed across seeds: each part's effect is averaged over the
 * seeds and held against its spread ({@linkcode checkParts}); the sentence
 * gives both sides' numbers, ours and the paper's, for every part.
 *
 * @example
 * ```ts
 * import { claimVerdict } from "./verdict.ts";
 * const v = claimVerdict({
 *   claim: "f^D has a higher H-mean than f",
 *   parts: [{
 *     what: "H-mean",
 *     a: { label: "f^D", ours: [0.221], paper: 26.37 },
 *     b: { label: "f", ours: [0.009], paper: 1.47 },
 *   }],
 *   seeds: [0],
 * });
 * if (v.record.sentence !== "Holds: H-mean f^D 22.10 vs f 0.90 (paper 26.37 vs 1.47); 1 seed, no noise estimate") {
 *   throw new Error(v.record.sentence);
 * }
 * ```
 */
export function claimVerdict(input: ClaimVerdictInput): Verdict {
  const result = checkParts(input.parts);
  const seeds = [...(input.seeds ?? [])];
  const fixed = seeds.length === 0 && result.seeds === 1;
  if ((!fixed && seeds.length !== result.seeds) || !seeds.every((s) => Number.isInteger(s))) {
    throw new RangeError(
      `Cannot state a verdict on "${input.claim}": ${result.seeds} per-seed values but seeds ${
        JSON.stringify(input.seeds)
      }`,
    );
  }
  const mixed = new Set(result.parts.map((p) => p.effect.status)).size > 1;
  const digits = input.digits ?? 2;
  const noise = fixed
    ? "fixed inputs, no seeds"
    : seeds.length === 1
    ? "1 seed, no noise estimate"
    : `mean ± sd over ${seeds.length} seeds`;
  const evidence = result.parts.map((p) => describePart(p, { digits, withStatus: mixed }))
    .join("; ") + `; ${noise}`;
  const values: Record<string, number> = {};
  for (const p of result.parts) {
    values[`${p.a.label} ${p.what}`] = p.a.ours.mean;
    if (p.b) values[`${p.b.label} ${p.what}`] = p.b.ours.mean;
  }
  const s = summaries(result.parts);
  return build(input.claim, result.status, evidence, {
    values,
    parts: result.parts,
    seeds,
    paperSummary: s.paper,
    oursSummary: s.ours,
  }, input);
}

/** Input of {@link notRunVerdict}. */
export interface NotRunInput extends VerdictContext {
  /** The claim in a few words. */
  claim: string;
  /** Why it is not tested here, e.g. `PaCo is not implemented`. */
  why: string;
  /** The paper's numbers in words, when it has some; default `—`. */
  paperSummary?: string;
}

/**
 * The verdict of a claim this run does not test (a method we do not
 * implement, a section that did not run), with the paper's words and numbers.
 */
export function notRunVerdict(input: NotRunInput): Verdict {
  checkText(input.why, `the reason "${input.claim}" is not run`);
  return build(input.claim, "not run", input.why, {
    values: {},
    parts: [],
    seeds: [],
    paperSummary: input.paperSummary ?? "—",
    oursSummary: "not run",
  }, input);
}

/**
 * A verdict decided by one comparison of single numbers (`greaterThan`,
 * `closeTo`, `allOf`): holds or does not hold, no seeds, no paper numbers.
 * For claims of the papers measured over seeds use {@link claimVerdict}.
 *
 * @example
 * ```ts
 * import { greaterThan } from "./comparison.ts";
 * import { verdict } from "./verdict.ts";
 * const v = verdict("BTM beats CE on the H-mean",
 *   greaterThan({ label: "BTM", value: 0.38 }, { label: "CE", value: 0.41 }));
 * if (v.record.holds || v.record.status !== "does not hold") throw new Error();
 * ```
 */
export function verdict(
  claim: string,
  comparison: Comparison,
  options: VerdictOptions = {},
): Verdict {
  if (typeof claim !== "string" || claim.trim() === "") {
    throw new TypeError(
      `Cannot state a verdict on claim ${JSON.stringify(claim)}: give the claim in words`,
    );
  }
  if (
    !comparison || typeof comparison.holds !== "boolean" || typeof comparison.evidence !== "string"
  ) {
    throw new TypeError(
      `Cannot state a verdict on "${claim}": the comparison ${JSON.stringify(comparison)} ` +
        `is not the result of greaterThan/closeTo/allOf`,
    );
  }
  return build(claim, comparison.holds ? "holds" : "does not hold", comparison.evidence, {
    values: comparison.values,
    parts: [],
    seeds: [],
    paperSummary: "—",
    oursSummary: comparison.evidence,
  }, options);
}

/** `file:line` of a cite. */
export function citeText(cite: VerdictCite): string {
  return `${cite.file}:${cite.line}`;
}

function quoteHtml(q: VerdictQuote, lead: string): string {
  return `<blockquote class="btm-quote" style="margin:4px 0 4px 8px;padding:0 8px;` +
    `border-left:2px solid #bbb;color:#333;font-style:italic">${lead}“${escapeHtml(q.quote)}” ` +
    `<span style="font-style:normal;color:#666">— ${
      escapeHtml(citeText(q.cite))
    }</span></blockquote>`;
}

function partsTableHtml(r: VerdictRecord): string {
  if (r.parts.length === 0) return "";
  const cell = (s: string) => `<td style="padding:1px 6px">${escapeHtml(s)}</td>`;
  const paperValue = (v: number | null, unit: string) =>
    v === null ? "—" : unit === "number" ? String(v) : v.toFixed(2);
  const rows = r.parts.map((p) => {
    const ours = p.b
      ? `${p.a.label} ${describeSide(p.a, p.unit)} vs ${p.b.label} ${describeSide(p.b, p.unit)}`
      : `${p.a.label} ${describeSide(p.a, p.unit)} (${
        p.expect === "higher" ? ">" : p.expect === "lower" ? "<" : "≈ paper ±"
      } ${p.unit === "percent" ? (100 * p.threshold).toFixed(2) : String(p.threshold)})`;
    const paper = p.b
      ? (p.a.paper === null && p.b.paper === null
        ? "—"
        : `${paperValue(p.a.paper, p.unit)} vs ${paperValue(p.b.paper, p.unit)}`)
      : paperValue(p.a.paper, p.unit);
    return `<tr>${cell(p.what)}${cell(paper)}${cell(ours)}${cell(p.effect.status)}</tr>`;
  });
  return `<table class="btm-verdict-parts" style="font-size:90%;margin:4px 0;border-collapse:collapse">` +
    `<thead><tr><th style="text-align:left;padding:1px 6px">compared</th>` +
    `<th style="text-align:left;padding:1px 6px">paper</th>` +
    `<th style="text-align:left;padding:1px 6px">ours${
      r.seeds.length > 1 ? ` (mean ± sd, ${r.seeds.length} seeds)` : ""
    }</th><th style="text-align:left;padding:1px 6px">part</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`;
}

/** A verdict as HTML: status and claim, the paper's words, the sentence, the parts side by side. */
export function verdictHtml(r: VerdictRecord): string {
  const color = STATUS_COLOR[r.status];
  const cls = r.status.replaceAll(" ", "-");
  const source = r.source
    ? ` <span class="btm-verdict-source" style="color:#666">(${escapeHtml(r.source)}${
      r.cite ? `, ${escapeHtml(citeText(r.cite))}` : ""
    })</span>`
    : "";
  const ours = r.ourClaim
    ? ` <span class="btm-verdict-ours" style="color:#666">[our claim]</span>`
    : "";
  const scope = r.scope ? ` <span style="color:#666">on ${escapeHtml(r.scope)}</span>` : "";
  const quote = r.quote && r.cite
    ? quoteHtml({ quote: r.quote, cite: r.cite }, r.ourClaim ? "It builds on: " : "")
    : "";
  const contra = r.contradicting.map((q) => quoteHtml(q, "The paper also says: ")).join("");
  return `<div class="btm-verdict btm-${cls}${r.holds ? " btm-holds" : " btm-fails"}" ` +
    `style="border-left:4px solid ${color};padding:4px 10px;margin:6px 0">` +
    `<strong style="color:${color}">${statusWord(r.status)}:</strong> ${escapeHtml(r.claim)}` +
    `${scope}${ours}${source}${quote}${contra}` +
    `<div class="btm-verdict-evidence">${escapeHtml(r.sentence)}.</div>${partsTableHtml(r)}</div>`;
}

/** A verdict as plain text. */
export function verdictText(r: VerdictRecord): string {
  const lines = [
    `${statusWord(r.status).toUpperCase()}: ${r.claim}${r.scope ? ` on ${r.scope}` : ""}${
      r.ourClaim ? " [our claim]" : ""
    }${r.source ? ` (${r.source}${r.cite ? `, ${citeText(r.cite)}` : ""})` : ""}`,
  ];
  if (r.quote && r.cite) lines.push(`  “${r.quote}” — ${citeText(r.cite)}`);
  for (const q of r.contradicting) {
    lines.push(`  The paper also says: “${q.quote}” — ${citeText(q.cite)}`);
  }
  lines.push(`  ${r.sentence}.`);
  return lines.join("\n");
}
