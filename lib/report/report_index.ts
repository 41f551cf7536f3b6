/**
 * The report's front page: every section with its verdicts and what it ran on.
 *
 * @module
 */

import { escapeHtml } from "./escape_html.ts";
import type { NotebookSummary } from "./notebook_summary.ts";

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
.evidence { color: #444; font-size: .9rem; }
.error { color: #c62828; white-space: pre-wrap; font-family: monospace; font-size: .85rem; }
`;

/** The index page as a complete HTML document (relative links only, no scripts). */
export function reportIndexHtml(sections: ReportSection[], options: ReportIndexOptions): string {
  const title = options.title ?? "btm-lab report";
  const verdicts = sections.flatMap((s) => s.summary.verdicts);
  const held = verdicts.filter((v) => v.holds).length;
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
    `${verdicts.length} claim${verdicts.length === 1 ? "" : "s"} checked: ${held} hold, ${
      verdicts.length - held
    } do not</p>`,
  ];
  for (const s of sections) lines.push(sectionHtml(s));
  lines.push(`</body></html>`, ``);
  return lines.join("\n");
}

function sectionHtml(s: ReportSection): string {
  const info = s.summary.runInfo;
  const run = [
    `ran in ${formatSeconds(s.seconds)}`,
    `preset ${escapeHtml(s.preset)}`,
    ...(info
      ? [
        `backend ${escapeHtml(info.backend)}`,
        `seed ${escapeHtml(String(info.seed))}`,
        ...Object.entries(info.versions ?? {}).map(([k, v]) => `${escapeHtml(k)} ${escapeHtml(v)}`),
      ]
      : ["no run info displayed"]),
  ].join(" · ");
  const verdicts = s.summary.verdicts.length === 0
    ? `<p class="run">No claims checked in this section.</p>`
    : `<ul class="verdicts">` +
      s.summary.verdicts.map((v) =>
        `<li><span class="${v.holds ? "holds" : "fails"}">${
          v.holds ? "Holds" : "Does not hold"
        }:</span> ` +
        `${escapeHtml(v.claim)}${v.source ? ` (${escapeHtml(v.source)})` : ""}<br>` +
        `<span class="evidence">${escapeHtml(v.evidence)}.</span></li>`
      ).join("") + `</ul>`;
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
