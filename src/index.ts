/**
 * mizan: an Arabic–English translation memory. Segment, align, store, fuzzy-search, and export XLIFF and TMX.
 *
 * Every public name is listed here by hand (no `export *`), so the API is what this file says.
 *
 * @module mizan
 */

// Errors
export { TmError, FormatError, StorageError, OptionsError, InputError, isTmError, isFormatError, isStorageError, isOptionsError, isInputError } from './errors.js'
export type { TmErrorCode, TmErrorOptions, FormatErrorOptions, InputErrorOptions } from './errors.js'

// Shared types
export type {
  LanguageTag,
  Sentence,
  UnitState,
  InlineCode,
  InlineContent,
  UnitNote,
  UnitSegment,
  UnitOrigin,
  UnitAlignment,
  UnitParts,
  UnitContext,
  TranslationUnit,
  NewTranslationUnit,
  Logger,
} from './types.js'
export { needsReviewSubState } from './types.js'

// --- Inputs (src/text): bytes to text, and whether a text is worth aligning ---
export { decodeText } from './text/decode.js'
export type { DecodeTextOptions } from './text/decode.js'
export { checkDocument } from './text/check-document.js'
export type { CheckDocumentOptions, DocumentCheck } from './text/check-document.js'
// --- end Inputs ---

// --- Segmentation (src/segment) ---
export { segmentSentences } from './segment/index.js'
export type { SegmentOptions, LineBreakMode } from './segment/index.js'
export { defaultSegmentationRules } from './segment/builtin.js'
export type { SegmentRule, LanguageRules, LanguageMap, SegmentationRules } from './segment/rules.js'
export { parseSrx, toSrx } from './segment/srx.js'
export type { ParseSrxOptions, ToSrxOptions } from './segment/srx.js'
// --- end Segmentation ---

// --- Alignment (src/align) ---
export { alignSentences, alignDocuments, toTranslationUnits, learnLexicon, parseDictionary, lacksEvidence } from './align/index.js'
export type {
  AlignOptions,
  FixedBead,
  AlignDocumentsOptions,
  Bead,
  SentenceAlignment,
  AlignmentModel,
  AlignmentVerdict,
  AlignedPair,
  DocumentAlignment,
  ToTranslationUnitsOptions,
  LexiconEntry,
  LearnLexiconOptions,
} from './align/index.js'
export { readDictionary, parseDictd, dictionaryDefaults } from './align/dictionary.js'
export type { DictionaryOptions } from './align/dictionary.js'
// --- end Alignment ---

// --- Documents (src/documents) ---
export { readDocument } from './documents/read-document.js'
export type { ReadDocumentOptions, ReadDocument } from './documents/read-document.js'
export { alignFiles, toFileUnits } from './documents/align-files.js'
export type { AlignFilesOptions, FileAlignment, FilePair } from './documents/align-files.js'
export { DocumentError, isDocumentError } from './documents/document-error.js'
export type { DocumentErrorCode, DocumentErrorOptions } from './documents/document-error.js'
export type { DocumentBlock, BlockKind } from './documents/blocks.js'
export type { DocumentFormat } from './documents/detect-format.js'
export type { ZipLimits } from './documents/zip.js'
// --- end Documents ---

// --- Memory (src/tm, src/storage) ---
export { TranslationMemory } from './tm/translation-memory.js'
export type {
  TranslationMemoryOptions,
  FuzzyOptions,
  LookupOptions,
  ConcordanceOptions,
  LookupMatch,
  FuzzyMatch,
  ConcordanceMatch,
} from './tm/translation-memory.js'
export type { SearchSide } from './tm/search-side.js'
export type { MatchPart } from './tm/unit-parts.js'
export type { ConcordanceMatchMode } from './tm/word-forms.js'
export { normalizeForMatching } from './tm/normalize.js'
export { needsReview } from './tm/needs-review.js'
export type { NormalizeOptions } from './tm/normalize.js'
export type { DiffPart } from './tm/match-diff.js'
export type { TextSpan } from './tm/concordance.js'
export { MemoryStorage } from './storage/memory.js'
export { matchingKeyVersion } from './storage/types.js'
export type {
  TmStorage,
  MatchSide,
  MatchingText,
  UnitKeys,
  StorageEntry,
  StoredUnit,
  WriteBatch,
  CandidateUnit,
  PartKeys,
  PartCandidateUnit,
  StoredPart,
  FuzzyCandidateQuery,
  ConcordanceCandidateQuery,
} from './storage/types.js'
// --- end Memory ---

// --- Formats (src/formats) ---
export { toXliff, writeXliff, writeXliffFile, parseXliff, readXliff } from './formats/xliff.js'
export type { XliffVersion, XliffOptions, XliffDocument, XliffHeader, StreamReadOptions } from './formats/xliff.js'
export { toTmx, writeTmx, writeTmxFile, parseTmx, readTmx } from './formats/tmx.js'
export type { TmxOptions, TmxHeader, TmxDocument, TmxReadOptions } from './formats/tmx.js'
export { fromXliffResources, toXliffResources } from './formats/xliff-resources.js'
export type { XliffResource, XliffResources, XliffResourcesOptions } from './formats/xliff-resources.js'
export type { ReadOptions, SkippedItem, UnitSource, ReadInput } from './formats/common.js'
export type { XmlLimits } from './formats/xml.js'
// --- end Formats ---

// --- Review page (src/report) ---
export { renderReviewPage } from './report/review-page.js'
export type { ReviewPageInput, ReviewPageOptions } from './report/review-page.js'
export { summarizeAlignment } from './report/summary.js'
export type { AlignmentSummary, ReviewBead } from './report/summary.js'
// The corrections file the editing review page exports (mizan align --report), applied with alignSentences' fixed beads.
export { applyCorrections, parseCorrections } from './review/corrections.js'
export type { Corrections, CorrectionsSide } from './review/corrections.js'
// --- end Review page ---
