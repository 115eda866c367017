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
// --- end Segmentation ---

// --- Alignment (src/align) ---
// --- end Alignment ---

// --- Memory (src/tm, src/storage) ---
// --- end Memory ---

// --- Formats (src/formats) ---
// --- end Formats ---
