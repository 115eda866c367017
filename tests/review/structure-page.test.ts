/**
 * Documents' structure reaches both review pages, without a browser: on the feature pair written in Markdown
 * (tests/documents/make-documents.ts; no office software needed), `renderReviewPage` labels each unit's headings,
 * list items, table cells and footnote and puts the inline codes as markers in the right units with paired ids;
 * `mizan align --report` passes the blocks to the page, and `mizan review` puts the structure into the document
 * its page loads. Plain text gets none of it.
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parse, type DefaultTreeAdapterMap } from 'parse5'
import { beforeAll, describe, expect, it } from 'vitest'
import { alignFiles, renderReviewPage } from 'mizan'
import type { ReviewDocument } from '../../src/review/model.js'
import { BIN, ensureBuilt, mizan, tempFolder } from '../cli/harness.js'
import { featureMarkdown } from '../documents/make-documents.js'

type Element = DefaultTreeAdapterMap['element']
type Node = DefaultTreeAdapterMap['childNode']

function elements(node: { childNodes?: Node[] }, match: (element: Element) => boolean, found: Element[] = []): Element[] {
  for (const child of node.childNodes ?? []) {
    if (!('tagName' in child)) continue
    if (match(child)) found.push(child)
    elements(child as { childNodes?: Node[] }, match, found)
  }
  return found
}
const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value
const hasClass = (element: Element, name: string) => (attr(element, 'class') ?? '').split(' ').includes(name)
function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value
  return ((node as { childNodes?: Node[] }).childNodes ?? []).map(text).join('')
}

/** Each bead's row in short: per side, each sentence as `{label} text with [markers]` (the sentence number left out). */
function rows(html: string): Array<{ source: string[]; target: string[] }> {
  return elements(parse(html), (element) => element.tagName === 'tr' && (attr(element, 'id') ?? '').startsWith('bead-')).map((row) => {
    const side = (name: string) =>
      elements(row, (element) => element.tagName === 'td' && hasClass(element, name))
        .flatMap((cell) => elements(cell, (element) => element.tagName === 'p'))
        .map((p) =>
          p.childNodes
            .map((child) => {
              if (!('tagName' in child)) return text(child)
              if (hasClass(child, 'n')) return ''
              const label = attr(child, 'data-label')!
              // Labels and markers are drawn from data-label: they hold no text of their own.
              expect(text(child)).toBe('')
              expect(attr(child, 'aria-label')).toMatch(/\w/)
              return hasClass(child, 'block-label') ? `{${label}}` : `[${label}]`
            })
            .join('')
            .trim(),
        )
    return { source: side('source'), target: side('target') }
  })
}

const expected = [
  { source: ['{H1}تقرير القمة'], target: ['{H1}Summit report'] },
  { source: ['افتتحت القمة [b1]صباح الجمعة[/b1] في مدينة [i2]سمرقند[/i2] القديمة.'], target: ['The summit opened on [b1]Friday morning[/b1] in the old city of [i2]Samarkand[/i2].'] },
  { source: ['ونشرت [link1]المنظمة[/link1] البيان الختامي.[fn2]'], target: ['The [link1]organization[/link1] published the final statement.[fn2]'] },
  { source: ['{H2}نتائج القمة'], target: ['{H2}Summit results'] },
  { source: ['{•}وقع الطرفان اتفاقية للتجارة.'], target: ['{•}The two sides signed a trade agreement.'] },
  { source: ['{•}اتفقا على تعزيز النقل.'], target: ['{•}They agreed to strengthen transport.'] },
  { source: ['{table r1 c1}البلد'], target: ['{table r1 c1}Country'] },
  { source: ['{table r1 c2}العاصمة'], target: ['{table r1 c2}Capital'] },
  { source: ['{table r2 c1}الصين'], target: ['{table r2 c1}China'] },
  { source: ['{table r2 c2}بكين'], target: ['{table r2 c2}Beijing'] },
  { source: ['{table r3 c1}طاجيكستان'], target: ['{table r3 c1}Tajikistan'] },
  { source: ['{table r3 c2}دوشنبه'], target: ['{table r3 c2}Dushanbe'] },
  { source: ['{footnote}صدر البيان باللغتين.'], target: ['{footnote}The statement was issued in both languages.'] },
]

describe('renderReviewPage on documents', () => {
  it('labels each unit\'s block and marks its inline codes, paired across the bead', async () => {
    const alignment = await alignFiles(featureMarkdown.ar, featureMarkdown.en, { sourceLang: 'ar', targetLang: 'en', sourceFile: 'ar.md', targetFile: 'en.md' })
    expect(rows(renderReviewPage(alignment))).toEqual(expected)
  })

  it('shows plain sentences when no blocks are given', async () => {
    const { sourceBlocks: _source, targetBlocks: _target, ...plain } = await alignFiles(featureMarkdown.ar, featureMarkdown.en, { sourceLang: 'ar', targetLang: 'en', sourceFile: 'ar.md', targetFile: 'en.md' })
    const html = renderReviewPage(plain)
    expect(html).not.toMatch(/class="(block-label|code )/)
    expect(rows(html)[8]).toEqual({ source: ['الصين'], target: ['China'] })
  })
})

describe('the CLI hands the structure to the review pages', () => {
  let dir: string
  beforeAll(() => {
    ensureBuilt()
    dir = tempFolder('mizan-structure-cli-')
    writeFileSync(join(dir, 'ar.md'), featureMarkdown.ar)
    writeFileSync(join(dir, 'en.md'), featureMarkdown.en)
  })

  it('mizan align --report shows the documents\' blocks and codes', async () => {
    const run = await mizan(dir, ['align', 'ar.md', 'en.md', '--report', 'review.html'])
    expect(run.code).toBe(0)
    expect(rows(readFileSync(join(dir, 'review.html'), 'utf8'))).toEqual(expected)
  })

  it('mizan review loads a document with the structure of both sides', async () => {
    const child = spawn(process.execPath, [BIN, 'review', 'ar.md', 'en.md', '--into', 'tm.xlf', '--no-open', '--json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    const started = await new Promise<{ url: string }>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)))
      child.once('exit', (code) => reject(new Error(`mizan review exited with ${code}: ${stderr}`)))
    })
    const url = new URL(started.url)
    const state = (await (await fetch(`${url.origin}/api/state`, { headers: { 'x-mizan-token': url.searchParams.get('token')! } })).json()) as { document: ReviewDocument }
    child.kill('SIGINT')
    await exited
    const structure = state.document.structure!
    expect(structure.source!.blocks.map((block) => block.kind)).toEqual(['heading', 'paragraph', 'heading', 'listItem', 'listItem', ...Array(6).fill('tableCell'), 'footnote'])
    expect(structure.target!.blocks[9]).toMatchObject({ kind: 'tableCell', row: 3, column: 1 })
    expect(structure.target!.text.slice(structure.target!.blocks[9]!.start, structure.target!.blocks[9]!.end)).toBe('Tajikistan')
    expect(structure.source!.codes.map((code) => code.data)).toEqual(['<b>', '</b>', '<i>', '</i>', '<a href="https://example.org/sco">', '</a>', '<footnote/>'])
  }, 60_000)
})
