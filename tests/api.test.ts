// The public API is what src/index.ts lists by hand: this test fails when a name appears or disappears
// without this list being updated on purpose. Issue #16 made the matching arithmetic (lengthBounds, minOverlap,
// prefixCount, ...), the rule-set pieces and abbreviation lists, the defaults consts and writeChunks internal:
// tests and benches import those from their src paths.
import { describe, expect, it } from 'vitest'
import * as mizan from 'mizan'
import * as sqlite from 'mizan/sqlite'
import * as postgres from 'mizan/postgres'

const publicNames = [
  // Errors and their guards
  'FormatError', 'OptionsError', 'StorageError', 'TmError', 'isFormatError', 'isOptionsError', 'isStorageError', 'isTmError',
  'InputError', 'isInputError',
  // Inputs
  'decodeText', 'checkDocument',
  // Segmentation
  'segmentSentences', 'defaultSegmentationRules', 'parseSrx', 'toSrx',
  // Alignment
  'alignSentences', 'alignDocuments', 'toTranslationUnits', 'learnLexicon', 'parseDictionary', 'lacksEvidence',
  'readDictionary', 'parseDictd', 'dictionaryDefaults',
  // Documents
  'readDocument', 'alignFiles', 'toFileUnits', 'DocumentError', 'isDocumentError',
  // Memory
  'TranslationMemory', 'MemoryStorage', 'normalizeForMatching', 'matchingKeyVersion', 'needsReview', 'needsReviewSubState',
  // Formats
  'toXliff', 'writeXliff', 'writeXliffFile', 'parseXliff', 'readXliff',
  'toTmx', 'writeTmx', 'writeTmxFile', 'parseTmx', 'readTmx',
  'toXliffResources', 'fromXliffResources',
  // Review page
  'renderReviewPage', 'summarizeAlignment', 'parseCorrections', 'applyCorrections',
]

describe('mizan', () => {
  it('exports exactly the public names, by hand', () => {
    expect(Object.keys(mizan).sort()).toEqual([...publicNames].sort())
  })

  it('exports the names ARCHITECTURE.md fixes', () => {
    for (const name of ['segmentSentences', 'alignSentences', 'alignDocuments', 'normalizeForMatching', 'TranslationMemory', 'toXliff', 'parseXliff', 'toTmx', 'parseTmx']) {
      expect(typeof (mizan as Record<string, unknown>)[name], name).toBe('function')
    }
  })
})

describe('mizan/sqlite and mizan/postgres', () => {
  it('export their storage classes and openStore, nothing else', () => {
    expect(Object.keys(sqlite).sort()).toEqual(['SqliteStorage', 'openStore'])
    expect(Object.keys(postgres).sort()).toEqual(['PostgresStorage', 'openStore'])
  })
})
