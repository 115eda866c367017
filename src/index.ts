/**
 * mizan: an Arabic–English translation memory. Segment, align, store, fuzzy-search, and export XLIFF and TMX.
 *
 * Every public name is listed here by hand (no `export *`), so the API is what this file says.
 *
 * @packageDocumentation
 */

// Errors
export { TmError, FormatError, StorageError, OptionsError, isTmError, isFormatError, isStorageError, isOptionsError } from './errors.js'
export type { TmErrorCode, TmErrorOptions, FormatErrorOptions } from './errors.js'

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
  UnitContext,
  TranslationUnit,
  NewTranslationUnit,
  Logger,
} from './types.js'

// --- Segmentation (src/segment) ---
export { segmentSentences } from './segment/index.js'
export type { SegmentOptions, LineBreakMode } from './segment/index.js'
export { defaultSegmentationRules, genericRules } from './segment/builtin.js'
export { arabicRules } from './segment/arabic.js'
export { englishRules } from './segment/english.js'
export {
  englishTitleAbbreviations,
  englishNumberAbbreviations,
  englishAbbreviations,
  englishSentenceStarters,
  exclamationNames,
  arabicAbbreviations,
  arabicEraMarkers,
  arabicDateContinuations,
} from './segment/abbreviations.js'
export type { SegmentRule, LanguageRules, LanguageMap, SegmentationRules } from './segment/rules.js'
// --- end Segmentation ---

// --- Alignment (src/align) ---
// --- end Alignment ---

// --- Memory (src/tm, src/storage) ---
// --- end Memory ---

// --- Formats (src/formats) ---
// --- end Formats ---
