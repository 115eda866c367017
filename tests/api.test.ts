// The public API is what src/index.ts lists by hand: this test fails when a name appears or disappears
// without this list being updated on purpose.
import { describe, expect, it } from 'vitest'
import * as mizan from 'mizan'
import * as sqlite from 'mizan/sqlite'
import * as postgres from 'mizan/postgres'

const publicNames = [
  'FormatError', 'MemoryStorage', 'OptionsError', 'StorageError', 'TmError', 'TranslationMemory',
  'alignDefaults', 'alignDocuments', 'alignDocumentsDefaults', 'alignSentences',
  'arabicAbbreviations', 'arabicDateContinuations', 'arabicEraMarkers', 'arabicRules',
  'defaultCodePenalty', 'defaultSegmentationRules',
  'englishAbbreviations', 'englishNumberAbbreviations', 'englishRules', 'englishSentenceStarters', 'englishTitleAbbreviations',
  'exclamationNames', 'fromXliffResources', 'genericRules',
  'isFormatError', 'isOptionsError', 'isStorageError', 'isTmError', 'isWordToken',
  'learnLexicon', 'learnLexiconDefaults', 'lengthBounds', 'matchingKeyVersion', 'maxEditDistance', 'minOverlap',
  'normalizeForMatching', 'parseDictionary', 'parseSrx', 'parseTmx', 'parseXliff', 'prefixCount',
  'readTmx', 'readXliff', 'renderReviewPage', 'scoreTokens', 'segmentSentences', 'summarizeAlignment',
  'toSrx', 'toTmx', 'toTranslationUnits', 'toXliff', 'toXliffResources', 'tokenEditDistance', 'tokenizeKey',
  'writeChunks', 'writeTmx', 'writeTmxFile', 'writeXliff', 'writeXliffFile',
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
  it('export their storage classes', () => {
    expect(typeof sqlite.SqliteStorage).toBe('function')
    expect(typeof postgres.PostgresStorage).toBe('function')
    expect(typeof sqlite.openStore).toBe('function')
  })
})
