/**
 * Builds the test documents with real office software, at test time, into a temporary folder (reused by every
 * test file of the run: the folder's name is a hash of the sources). Nothing here is our writer: we write
 * Markdown by hand, pandoc turns it into .docx, .odt and .html, and LibreOffice turns pandoc's .odt into its own
 * .docx and pandoc's .docx into its own .odt, and exports PDFs (one soffice call per output format: it takes
 * seconds to start).
 *
 * Two pairs: `feature` (headings, a numbered list, a two-column table, bold and italic runs, a hyperlink and a
 * footnote) and `corpus` (the article of corpus/xi-rahmon-samarkand, one paragraph per line, with a bold, an
 * italic and a linked phrase at places whose units the gold alignment fixes).
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandRuns, haveTool } from '../helpers/tools.js'

/** The languages of the pairs. */
export type Side = 'ar' | 'en'
/** The two pairs. */
export type PairName = 'feature' | 'corpus'
/** Every file the tests read: who made it, in which format. */
export const producers = ['markdown', 'pandoc-html', 'pandoc-docx', 'pandoc-odt', 'libreoffice-docx', 'libreoffice-odt'] as const
export type Producer = (typeof producers)[number]

const corpusDir = new URL('../../corpus/xi-rahmon-samarkand/', import.meta.url)
/** The corpus article, one paragraph per line, as stored. */
export function corpusLines(side: Side): string[] {
  return readFileSync(new URL(`${side}.txt`, corpusDir), 'utf8').replace(/\n$/, '').split('\n')
}

/** Markdown escape: a backslash before every ASCII punctuation character (CommonMark §2.4, pandoc likewise). */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~"'$^&:;=?@,/%]/g, (c) => `\\${c}`)
}

/** Wraps the first occurrence of `phrase` in `line` (escaped) with Markdown around it. */
function mark(line: string, phrase: string, open: string, close: string): string {
  const at = line.indexOf(phrase)
  if (at < 0) throw new Error(`test source: "${phrase}" is not in the corpus line`)
  return escape(line.slice(0, at)) + open + escape(phrase) + close + escape(line.slice(at + phrase.length))
}

/**
 * Where the corpus pair carries formatting: line index, phrase, kind. The phrases of one kind land in units the
 * gold alignment pairs (ar line 0 with en line 0, ar 3 with en 3, ar 8 with en 7).
 */
export const corpusMarks: Record<Side, Array<{ line: number; phrase: string; kind: 'bold' | 'italic' | 'link' }>> = {
  ar: [
    { line: 0, phrase: 'شي جين بينج', kind: 'bold' },
    { line: 3, phrase: 'طاجيكستان', kind: 'italic' },
    { line: 8, phrase: 'الأمم المتحدة', kind: 'link' },
  ],
  en: [
    { line: 0, phrase: 'Xi Jinping', kind: 'bold' },
    { line: 3, phrase: 'Tajikistan', kind: 'italic' },
    { line: 7, phrase: 'United Nations', kind: 'link' },
  ],
}

function corpusMarkdown(side: Side): string {
  return corpusLines(side)
    .map((line, index) => {
      const found = corpusMarks[side].find((m) => m.line === index)
      if (!found) return escape(line)
      if (found.kind === 'bold') return mark(line, found.phrase, '**', '**')
      if (found.kind === 'italic') return mark(line, found.phrase, '*', '*')
      return mark(line, found.phrase, '[', '](https://www.un.org/)')
    })
    .join('\n\n') + '\n'
}

/** The feature pair, by hand. */
export const featureMarkdown: Record<Side, string> = {
  ar: `# تقرير القمة

افتتحت القمة **صباح الجمعة** في مدينة *سمرقند* القديمة. ونشرت [المنظمة](https://example.org/sco) البيان الختامي.[^1]

## نتائج القمة

1. وقع الطرفان اتفاقية للتجارة.
2. اتفقا على تعزيز النقل.

| البلد | العاصمة |
|---|---|
| الصين | بكين |
| طاجيكستان | دوشنبه |

[^1]: صدر البيان باللغتين.
`,
  en: `# Summit report

The summit opened on **Friday morning** in the old city of *Samarkand*. The [organization](https://example.org/sco) published the final statement.[^1]

## Summit results

1. The two sides signed a trade agreement.
2. They agreed to strengthen transport.

| Country | Capital |
|---|---|
| China | Beijing |
| Tajikistan | Dushanbe |

[^1]: The statement was issued in both languages.
`,
}

/** True when pandoc and soffice both run (on CI their absence fails the run). */
export const haveOfficeTools = haveTool('pandoc (Debian pandoc)', () => commandRuns('pandoc')) && haveTool('soffice (Debian libreoffice-writer-nogui)', () => commandRuns('soffice'))

const extensions: Record<Producer, string> = {
  markdown: 'md',
  'pandoc-html': 'html',
  'pandoc-docx': 'docx',
  'pandoc-odt': 'odt',
  'libreoffice-docx': 'lo.docx',
  'libreoffice-odt': 'lo.odt',
}

let made: string | undefined

/**
 * Makes every document (once per run) and returns the folder; `documentPath(pair, side, producer)` names a file.
 * Pandoc reads Markdown without `smart` (it would turn quotes into curly ones: the text must stay as written).
 */
export function makeDocuments(): string {
  if (made) return made
  const sources = { feature: featureMarkdown, corpus: { ar: corpusMarkdown('ar'), en: corpusMarkdown('en') } }
  const hash = createHash('sha256').update(JSON.stringify(sources)).update(readFileSync(new URL(import.meta.url))).digest('hex').slice(0, 16)
  const dir = join(tmpdir(), `mizan-documents-${hash}`)
  if (existsSync(join(dir, 'done'))) return (made = dir)
  // Test files run in parallel workers: one makes the documents, the others wait for it (a lock folder; one
  // older than five minutes is a crashed run's and is taken over).
  const lock = `${dir}.lock`
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      if (existsSync(join(dir, 'done'))) return (made = dir)
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs
      if (since !== undefined && Date.now() - since > 300_000) rmSync(lock, { recursive: true, force: true })
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
  }
  try {
    if (existsSync(join(dir, 'done'))) return (made = dir)
    return (made = build(dir, sources))
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** Runs pandoc and LibreOffice into a work folder, then moves it to `dir`. */
function build(dir: string, sources: Record<PairName, Record<Side, string>>): string {
  const work = `${dir}.${process.pid}`
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const pandocOut: string[] = []
  for (const pair of ['feature', 'corpus'] as const) {
    for (const side of ['ar', 'en'] as const) {
      const base = join(work, `${pair}.${side}`)
      writeFileSync(`${base}.md`, sources[pair][side])
      const lang = ['-M', `lang=${side}`, ...(side === 'ar' ? ['-M', 'dir=rtl'] : [])]
      for (const to of ['docx', 'odt', 'html']) {
        execFileSync('pandoc', ['-f', 'markdown-smart', '-s', ...lang, '-M', `pagetitle=${pair}`, '-o', `${base}.${to}`, `${base}.md`], { stdio: 'pipe' })
      }
      pandocOut.push(base)
    }
  }
  // LibreOffice: pandoc's .odt to .docx and pandoc's .docx to .odt, each written by LibreOffice's own filters.
  const profile = join(work, 'profile')
  const soffice = (to: string, from: string) => {
    const out = join(work, 'lo')
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', out, ...pandocOut.map((base) => `${base}.${from}`)], { stdio: 'pipe', timeout: 180_000 })
    for (const base of pandocOut) {
      const name = base.slice(work.length + 1)
      renameSync(join(out, `${name}.${to}`), join(work, `${name}.lo.${to}`))
    }
  }
  soffice('docx', 'odt')
  soffice('odt', 'docx')
  // PDF (LibreOffice's writer_pdf_Export) of every pandoc .odt, and one with an open password.
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...pandocOut.map((base) => `${base}.odt`)], { stdio: 'pipe', timeout: 180_000 })
  const password = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}'
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', `pdf:writer_pdf_Export:${password}`, '--outdir', join(work, 'locked'), `${pandocOut[0]}.odt`], { stdio: 'pipe', timeout: 180_000 })
  renameSync(join(work, 'locked', 'feature.ar.pdf'), join(work, 'feature.ar.locked.pdf'))
  // An old binary Word 97 file, for the test that a .docx which is really a .doc is refused.
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'doc', '--outdir', work, `${pandocOut[0]}.odt`], { stdio: 'pipe', timeout: 180_000 })
  rmSync(profile, { recursive: true, force: true })
  writeFileSync(join(work, 'done'), '')
  rmSync(dir, { recursive: true, force: true })
  renameSync(work, dir)
  return dir
}

/** The path of a PDF LibreOffice exported from pandoc's .odt (`locked`: the Arabic feature document with a password). */
export function pdfPath(pair: PairName | 'locked', side: Side): string {
  return pair === 'locked' ? join(makeDocuments(), 'feature.ar.locked.pdf') : join(makeDocuments(), `${pair}.${side}.pdf`)
}

/** The path of the Word 97 (.doc) file LibreOffice wrote from the Arabic feature document. */
export function binaryDocPath(): string {
  return join(makeDocuments(), 'feature.ar.doc')
}

/** The path of one made document. */
export function documentPath(pair: PairName, side: Side, producer: Producer): string {
  return join(makeDocuments(), `${pair}.${side}.${extensions[producer]}`)
}
