/**
 * The report's front page: every section with its verdicts and what it ran on.
 *
 * @module
 */

import { regimeRange } from "./regime_check.ts";
import { escapeHtml } from "./escape_html.ts";
import type { NotebookSummary } from "./notebook_summary.ts";
import type { VerdictRecord, VerdictStatus } from "./verdict.ts";

/** One executed notebook, as the index lists it. */
export interface ReportSection {
  /** Notebook file name without extension, e.g. `"01_btm_cifar"`. */
  name: string;
  /** Relative link to the section's HTML page. */
  href: string;
  /** Relative link to the executed notebook; null when the notebook could not be run at all. */
  notebookHref: string | null;
  /** Whether the notebook ran to the end without a cell error. */
  ok: boolean;
  /** Why it failed, in one line (the real error, never an earlier run's); null when ok. */
  failure: string | null;
  /** Wall time of the execution in seconds. */
  seconds: number;
  /** The preset the notebook ran with (`BTM_PRESET`). */
  preset: string;
  /** What the executed notebook shows (title, verdicts, run info, errors). */
  summary: NotebookSummary;
}

/** Options of {@link reportIndexHtml}. */
export interface ReportIndexOptions {
  /** Page title. Default `"btm-lab report"`. */
  title?: string;
  /** When the report was made, as text (the caller's clock: the index itself stays pure). */
  generatedAt: string;
  /** Versions of the tools that made the report, e.g. `{ deno: "2.9.6", nbconvert: "6.5.3" }`. */
  versions: Record<string, string>;
  /**
   * The claims the report is expected to check, by notebook, in the order the
   * claims matrix lists them; a claim no section checked shows as "not run".
   * Default none (the matrix lists the verdicts the notebooks displayed).
   */
  claims?: readonly ExpectedClaim[];
}

/** A claim a notebook is expected to give a verdict on. */
export interface ExpectedClaim {
  /** The claim id (a `PAPER_CLAIMS` id, or `ours-…`). */
  id: string;
  /** The notebook that checks it (file name without `.ipynb`). */
  notebook: string;
  /** The claim in a few words. */
  claim: string;
  /** The claim is ours, not the paper's. */
  ourClaim?: boolean;
}

/** One row of the claims matrix. */
export interface ClaimsMatrixRow {
  /** Claim id; null for a verdict displayed without one. */
  id: string | null;
  /** The claim in a few words (and what it was measured on, when a section checks it more than once). */
  claim: string;
  /** The paper's numbers, in words. */
  paper: string;
  /** Ours, in words. */
  ours: string;
  /** The status. */
  status: VerdictStatus;
  /** The verdict's sentence; null when the claim was not run. */
  sentence: string | null;
  /** The notebook whose section holds it. */
  notebook: string;
  /** Link to the section's page; null when the notebook is not in the report. */
  href: string | null;
  /** Whether the claim is ours, not the paper's. */
  ourClaim: boolean;
}

/**
 * The status of a verdict record, also for records of the first format
 * (which had `holds` and no `status`).
 */
function statusOf(v: Partial<VerdictRecord>): VerdictStatus {
  if (v.status) return v.status;
  return v.holds ? "holds" : "does not hold";
}

/**
 * One row per claim of the whole report: the expected claims in their order
 * (each matched to the verdicts its notebook displayed with that id, one row
 * per verdict; "not run" when there is none), then every other verdict, by
 * section.
 */
export function claimsMatrix(
  sections: readonly ReportSection[],
  expected: readonly ExpectedClaim[] = [],
): ClaimsMatrixRow[] {
  const byName = new Map(sections.map((s) => [s.name, s]));
  const used = new Set<Partial<VerdictRecord>>();
  const row = (
    v: Partial<VerdictRecord>,
    s: ReportSection,
    claim: string,
  ): ClaimsMatrixRow => ({
    id: v.id ?? null,
    claim: v.scope ? `${claim} (${v.scope})` : claim,
    paper: v.paperSummary ?? "—",
    ours: v.oursSummary ?? v.evidence ?? "—",
    status: statusOf(v),
    sentence: v.sentence ?? `${statusOf(v) === "holds" ? "Holds" : "Does not hold"}: ${v.evidence}`,
    notebook: s.name,
    href: s.href,
    ourClaim: v.ourClaim ?? false,
  });
  const rows: ClaimsMatrixRow[] = [];
  const notebooks = [
    ...new Set([...expected.map((e) => e.notebook), ...sections.map((s) => s.name)]),
  ]
    .sort((a, b) => a.localeCompare(b));
  for (const name of notebooks) {
    const s = byName.get(name);
    const verdicts = (s?.summary.verdicts ?? []) as Partial<VerdictRecord>[];
    for (const e of expected.filter((x) => x.notebook === name)) {
      const found = verdicts.filter((v) => v.id === e.id);
      if (found.length === 0 || !s) {
        rows.push({
          id: e.id,
          claim: e.claim,
          paper: "—",
          ours: "—",
          status: "not run",
          sentence: null,
          notebook: name,
          href: s?.href ?? null,
          ourClaim: e.ourClaim ?? false,
        });
        continue;
      }
      for (const v of found) {
        used.add(v);
        rows.push(row(v, s, e.claim));
      }
    }
    if (s) {
      for (const v of verdicts) if (!used.has(v)) rows.push(row(v, s, v.claim ?? "(no claim)"));
    }
  }
  return rows;
}

const STATUS_CLASS: Record<VerdictStatus, string> = {
  "holds": "holds",
  "does not hold": "fails",
  "within noise": "noise",
  "not run": "notrun",
};

function matrixHtml(rows: readonly ClaimsMatrixRow[]): string {
  if (rows.length === 0) return `<p class="run">No claims checked.</p>`;
  const cells = rows.map((r) => {
    const name = escapeHtml(r.claim) + (r.ourClaim ? ` <span class="ours">(our claim)</span>` : "");
    const link = r.href ? `<a href="${escapeHtml(r.href)}">${name}</a>` : name;
    const id = r.id ? `<div class="id">${escapeHtml(r.id)}</div>` : "";
    const title = r.sentence ? ` title="${escapeHtml(r.sentence)}"` : "";
    return `<tr><td>${link}${id}</td><td>${escapeHtml(r.paper)}</td><td>${
      escapeHtml(r.ours)
    }</td><td class="${STATUS_CLASS[r.status]}"${title}>${escapeHtml(r.status)}</td></tr>`;
  });
  return `<table class="claims"><colgroup><col class="c1"><col class="c2"><col class="c3">` +
    `<col class="c4"></colgroup><thead><tr><th>Claim</th><th>Paper</th><th>Ours</th>` +
    `<th>Verdict</th></tr></thead><tbody>${cells.join("")}</tbody></table>`;
}

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; }
.meta { color: #555; margin-bottom: 1.5rem; }
section { border-top: 1px solid #ddd; padding: .6rem 0 .8rem; }
section h2 { font-size: 1.15rem; margin: .2rem 0; }
.status { font-size: .8rem; padding: 1px 6px; border-radius: 3px; margin-left: .4rem; vertical-align: middle; }
.ok { background: #e8f5e9; color: #2e7d32; } .failed { background: #ffebee; color: #c62828; }
.run { color: #555; font-size: .9rem; }
ul.verdicts { margin: .4rem 0; padding-left: 1.2rem; }
.holds { color: #2e7d32; font-weight: 600; } .fails { color: #c62828; font-weight: 600; }
.noise { color: #9a6700; font-weight: 600; } .notrun { color: #616161; font-weight: 600; }
table.claims { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .6rem 0 1.4rem; table-layout: fixed; }
table.claims col.c1 { width: 30%; } table.claims col.c2, table.claims col.c3 { width: 30%; } table.claims col.c4 { width: 10%; }
table.claims th, table.claims td { border-bottom: 1px solid #e3e3e3; padding: 4px 6px; text-align: left; vertical-align: top; }
table.claims th { background: #f5f5f5; }
table.claims td:last-child { white-space: nowrap; }
table.claims .id { color: #888; font-size: .75rem; font-family: monospace; }
.ours { color: #777; font-size: .8rem; }
.evidence { color: #444; font-size: .9rem; }
.error { color: #c62828; white-space: pre-wrap; font-family: monospace; font-size: .85rem; }
`;

/** The index page as a complete HTML document (relative links only, no scripts). */
export function reportIndexHtml(sections: ReportSection[], options: ReportIndexOptions): string {
  const title = options.title ?? "btm-lab report";
  const matrix = claimsMatrix(sections, options.claims ?? []);
  const count = (status: VerdictStatus) => matrix.filter((r) => r.status === status).length;
  const failed = sections.filter((s) => !s.ok);
  const versions = Object.entries(options.versions).map(([k, v]) =>
    `${escapeHtml(k)} ${escapeHtml(v)}`
  )
    .join(" · ");
  const lines = [
    `<!DOCTYPE html>`,
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">Preset ${
      [...new Set(sections.map((s) => s.preset))].map((p) => `<b>${escapeHtml(p)}</b>`).join(
        ", ",
      ) || "—"
    } · generated ${escapeHtml(options.generatedAt)} · ${versions}<br>` +
    `${sections.length} section${sections.length === 1 ? "" : "s"}, ` +
    `${failed.length === 0 ? "all ran" : `<span class="fails">${failed.length} failed</span>`} · ` +
    `${matrix.length} claim${matrix.length === 1 ? "" : "s"}: ${count("holds")} hold, ` +
    `${count("does not hold")} do not hold, ${count("within noise")} within noise, ` +
    `${count("not run")} not run</p>`,
    `<h2 id="claims">Claims of the paper</h2>`,
    `<p class="run">Each row: the claim (linking to the section that tests it), the paper's numbers ` +
    `and ours (mean ± sd over seeds; for a claim of many comparisons, the closest one), and the ` +
    `verdict. "Within noise": the mean difference over seeds is smaller than its seed-to-seed ` +
    `standard deviation. Hover a verdict for its sentence; each section quotes the paper.</p>`,
    matrixHtml(matrix),
    ...regimeSection(sections),
    `<h2 id="sections">Sections</h2>`,
  ];
  for (const s of sections) lines.push(sectionHtml(s));
  lines.push(`</body></html>`, ``);
  return lines.join("\n");
}

/** The regime checks every notebook displayed, with their notebooks; none: nothing. */
function regimeSection(sections: readonly ReportSection[]): string[] {
  const rows = sections.flatMap((s) =>
    (s.summary.regime ?? []).map((r) =>
      `<tr><td><a href="${escapeHtml(s.href)}">${escapeHtml(r.what)}</a></td><td>${
        escapeHtml(
          r.unit === "classes" && Number.isInteger(r.value)
            ? String(r.value)
            : r.value.toFixed(r.unit === "classes" ? 1 : 2),
        )
      }${r.unit === "%" ? " %" : ""}</td><td>${escapeHtml(regimeRange(r))}</td><td class="${
        r.met ? "holds" : "fails"
      }">${r.met ? "met" : "not met"}</td></tr>`
    )
  );
  if (rows.length === 0) return [];
  return [
    `<h2 id="regime">Regime targets</h2>`,
    `<p class="run">Whether the experiments are in the regime where the papers' claims can be ` +
    `tested (a CE pre-train with few zero-recall classes, balanced fine-tunes that lift the ` +
    `H-mean). These are targets for our benchmark, not claims of the paper; each section shows ` +
    `the per-seed values and the papers' numbers behind each range.</p>`,
    `<table class="claims"><thead><tr><th>Target</th><th>Ours</th><th>Range</th><th>Met?</th>` +
    `</tr></thead><tbody>${rows.join("")}</tbody></table>`,
  ];
}

function sectionHtml(s: ReportSection): string {
  const info = s.summary.runInfo;
  const run = [
    `ran in ${formatSeconds(s.seconds)}`,
    `preset ${escapeHtml(s.preset)}`,
    ...(info
      ? [
        `backend ${escapeHtml(info.backend)}`,
        info.seeds && info.seeds.length > 1
          ? `seeds ${escapeHtml(info.seeds.join(", "))}`
          : `seed ${escapeHtml(String(info.seed))}`,
        ...Object.entries(info.versions ?? {}).map(([k, v]) => `${escapeHtml(k)} ${escapeHtml(v)}`),
      ]
      : ["no run info displayed"]),
  ].join(" · ");
  const verdicts = s.summary.verdicts.length === 0
    ? `<p class="run">No claims checked in this section.</p>`
    : `<ul class="verdicts">` +
      s.summary.verdicts.map((v) => {
        const status = statusOf(v);
        const word = status.charAt(0).toUpperCase() + status.slice(1);
        const sentence = v.sentence ?? `${word}: ${v.evidence}`;
        return `<li><span class="${STATUS_CLASS[status]}">${escapeHtml(word)}:</span> ` +
          `${escapeHtml(v.claim)}${v.scope ? ` (${escapeHtml(v.scope)})` : ""}${
            v.source ? ` (${escapeHtml(v.source)})` : ""
          }<br>` +
          `<span class="evidence">${escapeHtml(sentence)}.</span></li>`;
      }).join("") + `</ul>`;
  const errors = s.summary.errors.map((e) =>
    `<div class="error">cell ${e.cell}: ${escapeHtml(e.ename)}: ${escapeHtml(e.evalue)}</div>`
  ).join("");
  const failure = !s.ok && s.summary.errors.length === 0 && s.failure
    ? `<div class="error">${escapeHtml(s.failure)}</div>`
    : "";
  return `<section id="${escapeHtml(s.name)}"><h2><a href="${escapeHtml(s.href)}">${
    escapeHtml(s.summary.title)
  }</a>` +
    `<span class="status ${s.ok ? "ok" : "failed"}">${s.ok ? "ran" : "failed"}</span></h2>` +
    `<div class="run">${escapeHtml(s.name)} · ${run}${
      s.notebookHref === null
        ? " · no executed notebook"
        : ` · <a href="${escapeHtml(s.notebookHref)}">notebook (.ipynb)</a>`
    }</div>` +
    `${verdicts}${errors}${failure}</section>`;
}

function formatSeconds(seconds: number): string {
  // Round once, then split: 119.7 s is "2 min 0 s", never "1 min 60 s".
  if (Math.round(10 * seconds) < 600) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}
