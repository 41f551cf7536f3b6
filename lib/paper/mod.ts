/**
 * The papers' published numbers as validated, read-only data, for showing
 * beside our results.
 *
 * @module
 */
export { paperDocument, paperTable, paperTableIds, validatePaperDocument } from "./paper_tables.ts";
export type {
  PaperClaim,
  PaperDocument,
  PaperRow,
  PaperSource,
  PaperTable,
  PaperUnit,
  Unavailable,
  ValidatePaperDocumentOptions,
} from "./paper_tables.ts";
