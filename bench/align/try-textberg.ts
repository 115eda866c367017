import { resolve } from 'node:path'
import { alignSentences } from '../../src/align/align-sentences.js'
import { galeChurch } from './gale-church-baseline.js'
import { readTextberg } from './textberg.js'
import { Scorer, type Pair } from './score.js'
const set = process.argv[2] ?? 'dev'
const names = set === 'dev' ? ['dev'] : ['test0','test1','test2','test3','test4','test5','test6']
const docs = readTextberg(resolve(import.meta.dirname, '../../../shared/data/align/textberg_defr'), names)
const ours = new Scorer(); const gc = new Scorer(); const gc1 = new Scorer()
for (const d of docs) {
  const r = alignSentences(d.source, d.target, { sourceLang: 'de', targetLang: 'fr', learnFromDocument: process.argv[3] !== 'nolearn' })
  ours.add(d.gold, r.beads.map((b) => [b.source, b.target] as Pair))
  gc.add(d.gold, galeChurch(d.source, d.target, true))
  gc1.add(d.gold, galeChurch(d.source, d.target, false))
  if (process.argv[4]) console.log(d.name, r.model)
}
console.log('ours', JSON.stringify(ours.result()))
console.log('gc ratio', JSON.stringify(gc.result()))
console.log('gc c=1', JSON.stringify(gc1.result()))
