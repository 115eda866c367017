/**
 * A review server in its own process, for the kill-during-save test: a synthetic document of N beads (our own
 * text), saved into the XLIFF memory given, autosaving after every edit. Prints the URL, then serves until killed.
 *
 * Usage: node --import tsx tests/review/serve-child.ts <memory.xlf> <beads>
 */
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { startSession } from '../../src/review/history.js'
import { createReviewDocument } from '../../src/review/model.js'
import { ReviewWriter } from '../../src/review/save-review.js'
import { startReviewServer } from '../../src/review/server.js'

const [path, count] = process.argv.slice(2)
const n = Number(count)
const source = Array.from({ length: n }, (_, i) => `هذه هي الجملة رقم ${i} في التقرير عن القمة.`)
const target = Array.from({ length: n }, (_, i) => `This is sentence number ${i} of the report on the summit.`)
const beads = source.map((_, i) => ({ source: [i], target: [i], score: 0.95 }))
const tm = await TranslationMemory.open(path!, { sourceLang: 'ar', targetLang: 'en' })
const writer = await ReviewWriter.open({ tm, save: async () => void (await tm.save()) }, { document: 'synthetic.txt' })
const server = await startReviewServer({ session: startSession(createReviewDocument(source, target, beads)), writer })
process.stdout.write(`${server.url}\n`)
