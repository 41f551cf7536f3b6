/**
 * Figures, tables, verdicts and the static report built from executed
 * notebooks. Depends only on result types (numbers in, HTML out); no tfjs.
 *
 * @module
 */
export {
  type Displayable,
  displayable,
  JUPYTER_DISPLAY,
  type MimeBundle,
  PLOTLY_MIME,
  RUN_INFO_MIME,
  TABLE_MIME,
  VERDICT_MIME,
} from "./display_bundle.ts";
export { escapeHtml, jsonForScript } from "./escape_html.ts";
export { checkFraction, formatFraction, type FormatFractionOptions } from "./format_fraction.ts";
export {
  PLOTLY_AMD_MODULE,
  type PlotlyFigure,
  plotlyFigure,
  type PlotlyFigureOptions,
  type PlotlyTrace,
} from "./plotly_figure.ts";
export { groupedBars, type GroupedBarsOptions } from "./grouped_bars.ts";
export {
  type ColumnKind,
  type ComparisonColumn,
  type ComparisonRow,
  type ComparisonTable,
  comparisonTable,
  type ComparisonTableOptions,
  NOT_IMPLEMENTED,
} from "./comparison_table.ts";
export {
  allOf,
  closeTo,
  type CloseToOptions,
  type Comparison,
  type ComparisonOptions,
  greaterThan,
  type GreaterThanOptions,
  type Quantity,
} from "./comparison.ts";
export {
  type CheckPart,
  checkParts,
  type CheckResult,
  type CheckSide,
  combineStatuses,
  describeOurs,
  describePart,
  type DescribePartOptions,
  describeSide,
  type EffectJudgement,
  type EffectStatus,
  type JudgedSide,
  judgeEffect,
  NO_EFFECT,
  noiseNote,
  type PartJudgement,
  type SeedStats,
  seedStats,
} from "./claim_check.ts";
export {
  citeText,
  claimVerdict,
  type ClaimVerdictInput,
  decidingPart,
  type NotRunInput,
  notRunVerdict,
  statusWord,
  type Verdict,
  verdict,
  type VerdictCite,
  type VerdictContext,
  verdictHtml,
  type VerdictOptions,
  type VerdictQuote,
  type VerdictRecord,
  type VerdictStatus,
  verdictText,
} from "./verdict.ts";
export { type RunInfo, runInfo, type RunInfoDisplay } from "./run_info.ts";
export {
  REGIME_MIME,
  type RegimeDisplay,
  regimeDisplay,
  regimeHtml,
  regimeRange,
  type RegimeRecord,
  regimeRecord,
  regimeText,
} from "./regime_check.ts";
export {
  asNotebook,
  joinSource,
  type NotebookCell,
  type NotebookJson,
  type NotebookOutput,
} from "./notebook_json.ts";
export { type CellError, type NotebookSummary, summarizeNotebook } from "./notebook_summary.ts";
export {
  type CellSpan,
  locateLine,
  type NotebookModule,
  notebookModule,
} from "./notebook_module.ts";
export {
  claimsMatrix,
  type ClaimsMatrixRow,
  type ExpectedClaim,
  reportIndexHtml,
  type ReportIndexOptions,
  type ReportSection,
} from "./report_index.ts";
