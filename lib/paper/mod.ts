/**
 * The papers as data: their text (vendored, cited by file and line), every
 * table's published numbers, and the claims each reproduction tests, quoted
 * verbatim.
 *
 * @module
 */
export {
  paperDocument,
  paperRow,
  paperTable,
  paperTableIds,
  validatePaperDocument,
} from "./paper_tables.ts";
export type {
  PaperBibliography,
  PaperCrossCheck,
  PaperDocument,
  PaperId,
  PaperMetric,
  PaperRow,
  PaperSource,
  PaperTable,
  PaperUnit,
  ValidatePaperDocumentOptions,
} from "./paper_tables.ts";
export {
  checkQuote,
  findQuote,
  isPaperFile,
  joinedLines,
  PAPER_FILES,
  paperLine,
  paperLines,
  paperText,
} from "./paper_text.ts";
export type { PaperCite, PaperFile, QuoteMatch } from "./paper_text.ts";
export {
  PAPER_CLAIMS,
  paperClaim,
  paperClaimIds,
  paperNumber,
  validatePaperClaims,
} from "./claims.ts";
export type { PaperClaim, PaperNumber, PaperNumberUnit, PaperQuote } from "./claims.ts";
