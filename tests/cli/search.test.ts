// Tests the search commands as a user meets them in issue #14: with no --side the query's script picks the
// side and the output says which; a space before ? is no difference for lookup; a memory file of our own
// (sentences written for this test, about water desalination).
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { ensureBuilt, mizan, mizanJson, tempFolder } from './harness.js'

let dir = ''

beforeAll(async () => {
  ensureBuilt()
  dir = tempFolder('mizan-search-')
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
  await tm.addAll([
    { id: 'crisis', source: 'تواجه المنطقة أزمة مياه حادة بسبب الطلب المتزايد؟', target: 'The region faces a severe water crisis because of growing demand?' },
    { id: 'plant', source: 'افتتحت محطة لتحلية المياه في المدينة', target: 'A water desalination plant opened in the city' },
    { id: 'cost', source: 'تكلفة التحلية مرتفعة والمياه شحيحة والمياه الجوفية تنضب', target: 'Desalination is costly, water is scarce and groundwater water runs out' },
  ])
  await tm.save(join(dir, 'tm.xlf'))
})

describe('mizan lookup, search, concordance without --side', () => {
  it('searches an English query on the English side and say so', async () => {
    const found = await mizanJson(dir, ['search', 'tm.xlf', 'The region faces a water crisis because of growing demand?'])
    expect(found.code).toBe(0)
    expect(found.json.side).toBe('target')
    expect(found.json.matches[0].unit.id).toBe('crisis')
    const plain = await mizan(dir, ['concordance', 'tm.xlf', 'water crisis'])
    expect(plain.code).toBe(0)
    expect(plain.stdout.split('\n')[0]).toBe('1 unit on the target side (en)')
    expect(plain.stdout).toContain('[[water crisis]]')
  })

  it('searches an Arabic query on the Arabic side and say so', async () => {
    const found = await mizan(dir, ['lookup', 'tm.xlf', 'تواجه المنطقة أزمة مياه حادة بسبب الطلب المتزايد ?'])
    expect(found.code).toBe(0)
    expect(found.stdout.split('\n')[0]).toBe('1 exact match on the source side (ar)')
    expect(found.stdout).toMatch(/^99%\s+normalized\s+crisis/m)
    const none = await mizan(dir, ['concordance', 'tm.xlf', 'بطريق'])
    expect(none.code).toBe(1)
    expect(none.stdout.trim()).toBe('no unit contains those words on the source side (ar)')
  })

  it('still obeys --side, and says the side it searched when nothing is found', async () => {
    const forced = await mizan(dir, ['search', 'tm.xlf', 'water crisis in the region', '--side', 'source'])
    expect(forced.code).toBe(1)
    expect(forced.stdout.trim()).toBe('no match of 70% or more on the source side (ar)')
    const auto = await mizanJson(dir, ['lookup', 'tm.xlf', 'a water desalination plant opened in the city', '--side', 'auto'])
    expect(auto.json).toMatchObject({ side: 'target', matches: [{ kind: 'normalized', unit: { id: 'plant' } }] })
  })
})

describe('mizan concordance word forms and occurrences', () => {
  it('finds المياه, والمياه and مياه forms of مياه and marks every occurrence', async () => {
    const { code, stdout } = await mizan(dir, ['concordance', 'tm.xlf', 'مياه'])
    expect(code).toBe(0)
    expect(stdout.split('\n')[0]).toBe('3 units on the source side (ar)')
    expect(stdout).toContain('[[والمياه]] شحيحة [[والمياه]] الجوفية')
    expect(stdout).toContain('لتحلية [[المياه]] في')
    const exact = await mizanJson(dir, ['concordance', 'tm.xlf', 'مياه', '--match', 'exact'])
    expect(exact.json.matches.map((match: { unit: { id: string } }) => match.unit.id)).toEqual(['crisis'])
  })

  it('finds every word a prefix* begins, and English forms', async () => {
    const prefixed = await mizanJson(dir, ['concordance', 'tm.xlf', 'desalinat*'])
    expect(prefixed.json.side).toBe('target')
    expect(prefixed.json.matches.map((match: { unit: { id: string } }) => match.unit.id).sort()).toEqual(['cost', 'plant'])
    const forms = await mizan(dir, ['concordance', 'tm.xlf', 'desalinate'])
    expect(forms.stdout).toContain('A water [[desalination]] plant')
    expect(forms.stdout).toContain('[[Desalination]] is costly')
  })
})
