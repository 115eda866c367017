/**
 * The sentence aligner: {@link alignSentences} over sentence lists, {@link alignDocuments} over texts, lexicons
 * ({@link learnLexicon}, {@link parseDictionary}), and {@link toTranslationUnits} to feed a memory.
 * Design and sources: docs/alignment.md.
 *
 * @module
 */
export { alignSentences, lacksEvidence } from './align-sentences.js'
export type { Bead, SentenceAlignment, AlignmentModel, AlignmentVerdict } from './align-sentences.js'
export { alignDocuments, alignDocumentsDefaults, toTranslationUnits } from './align-documents.js'
export type { AlignDocumentsOptions, AlignedPair, DocumentAlignment, ToTranslationUnitsOptions } from './align-documents.js'
export { defaults } from './options.js'
export type { AlignOptions } from './options.js'
export type { FixedBead } from './fixed.js'
export { learnLexicon, learnLexiconDefaults, parseDictionary } from './lexicon.js'
export type { LexiconEntry, LearnLexiconOptions } from './lexicon.js'
