// The user story of issue #14, "sentences inside beads", through the CLI: two Arabic sentences aligned with one
// English sentence (a 2-1 bead) go into one unit; `mizan lookup` of the second Arabic sentence used to answer
// "no exact match" and `mizan search` found it at 45%. Now both find it as a part match, and say so. The
// documents are sentences written for this test.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, mizan, mizanJson, tempFolder } from './harness.js'

let dir = ''
const second = 'وحضرها خمسة عشر رئيسا.'

beforeAll(async () => {
  ensureBuilt()
  dir = tempFolder('mizan-parts-')
  writeFileSync(join(dir, 'ar.txt'), `انعقدت القمة في سمرقند يوم الخميس. ${second} وناقش القادة التجارة والأمن في المنطقة خلال اجتماع طويل.\n`)
  writeFileSync(join(dir, 'en.txt'), 'The summit was held in Samarkand on Thursday and was attended by fifteen presidents. The leaders discussed trade and security in the region during a long meeting.\n')
  const aligned = await mizan(dir, ['align', 'ar.txt', 'en.txt', '--into', 'tm.xlf', '--min-confidence', '0'])
  expect(aligned.code).toBe(0)
})

describe('mizan lookup and search of a sentence inside a 2-1 bead', () => {
  it('lookup finds the sentence and marks the match as part 2 of 2 of its unit', async () => {
    const { code, stdout } = await mizan(dir, ['lookup', 'tm.xlf', second])
    expect(code).toBe(0)
    expect(stdout.split('\n')[0]).toBe('1 exact match on the source side (ar)')
    expect(stdout).toMatch(/^100%\s+exact\s+part 2 of 2 of unit u-[0-9a-f]+/m)
    // The matched sentence is shown, then the unit's whole translation.
    expect(stdout).toContain(`  ${second}\n  The summit was held in Samarkand on Thursday and was attended by fifteen presidents.`)
    const whole = await mizan(dir, ['lookup', 'tm.xlf', second, '--no-parts'])
    expect(whole.code).toBe(1)
    expect(whole.stdout.trim()).toBe('no exact match on the source side (ar)')
  })

  it('search scores the sentence at 100% as a part match, 45% or less as a whole unit', async () => {
    const found = await mizanJson(dir, ['search', 'tm.xlf', second])
    expect(found.code).toBe(0)
    expect(found.json.matches).toHaveLength(1)
    expect(found.json.matches[0]).toMatchObject({ percent: 100, part: { side: 'source', index: 1, count: 2 } })
    const plain = await mizan(dir, ['search', 'tm.xlf', second, '--min', '30', '--no-parts'])
    expect(plain.stdout).not.toContain('part ')
    expect(Number(/^\s*(\d+)%/m.exec(plain.stdout)?.[1])).toBeLessThanOrEqual(45)
  })
})
