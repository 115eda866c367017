/**
 * The alignment review page: one self-contained HTML file a reviewer opens before trusting an alignment.
 * The verdict first (are the documents translations of each other?), then the pairs side by side (right-to-left
 * text in `dir="rtl"` cells), each bead's shape and confidence, doubtful beads and omissions marked with a word
 * and an icon (never colour alone), a filter that shows them first or alone, and a summary.
 *
 * Self-contained on purpose: no network (a Content-Security-Policy forbids it), no web fonts (system font
 * stacks that carry Arabic on Linux, macOS and Windows), inline CSS and a few lines of inline script.
 *
 * @module
 */
import { lacksEvidence, type AlignmentVerdict } from '../align/align-sentences.js'
import type { DocumentBlock } from '../documents/blocks.js'
import { OptionsError } from '../errors.js'
import { toDocumentStructure } from '../review/document-structure.js'
import { showBead, viewSide, type ShownSentence } from '../review/structure-view.js'
import { DEFAULT_DOUBTFUL_BELOW, beadShape, isOmission, summarizeAlignment, type ReviewBead } from './summary.js'

/**
 * What the review page shows: both sentence lists and the beads that pair them.
 * `alignDocuments` returns this shape (extra fields are ignored).
 *
 * @example
 * ```ts
 * import { renderReviewPage, type ReviewPageInput } from 'mizan'
 * const input: ReviewPageInput = {
 *   sourceSentences: [{ text: 'مرحبا.' }],
 *   targetSentences: [{ text: 'Hello.' }],
 *   beads: [{ source: [0], target: [0], score: 0.98 }],
 * }
 * const html = renderReviewPage(input)
 * ```
 * @group Alignment
 */
export interface ReviewPageInput {
  /** Source language (BCP-47), e.g. `'ar'`; {@link ReviewPageOptions.sourceLang} wins over it. */
  readonly sourceLang?: string
  /** Target language (BCP-47), e.g. `'en'`; {@link ReviewPageOptions.targetLang} wins over it. */
  readonly targetLang?: string
  /** The source sentences, in document order. */
  readonly sourceSentences: readonly { readonly text: string }[]
  /** The target sentences, in document order. */
  readonly targetSentences: readonly { readonly text: string }[]
  /** The beads, in document order. */
  readonly beads: readonly ReviewBead[]
  /** The aligner's verdict on the pair (what `alignDocuments` returns), shown at the top; none when absent. */
  readonly verdict?: Readonly<AlignmentVerdict>
  /**
   * The source document's blocks, when it was read from a document (what `alignFiles` returns): each sentence
   * then shows its block (a heading and its level, a table cell's row and column, a list item's marker, a
   * footnote, a caption) and its inline codes as small markers. The sentences must be the blocks' sentences.
   */
  readonly sourceBlocks?: readonly DocumentBlock[]
  /** The target document's blocks, likewise. */
  readonly targetBlocks?: readonly DocumentBlock[]
}

/**
 * Options of {@link renderReviewPage}.
 *
 * @example
 * ```ts
 * import { alignDocuments, renderReviewPage } from 'mizan'
 * const html = renderReviewPage(alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' }), {
 *   title: 'Samarkand talks',
 *   sourceName: 'ar.txt',
 *   targetName: 'en.txt',
 * })
 * ```
 * @group Alignment
 */
export interface ReviewPageOptions {
  /**
   * Language of the source sentences: it sets their cells' `lang` and direction (`rtl` for Arabic).
   * @defaultValue `input.sourceLang`, else `'ar'`
   */
  sourceLang?: string
  /**
   * Language of the target sentences.
   * @defaultValue `input.targetLang`, else `'en'`
   */
  targetLang?: string
  /**
   * The page title.
   * @defaultValue `'Alignment review'`
   */
  title?: string
  /**
   * Name of the source document (a file name), shown in the header.
   * @defaultValue none
   */
  sourceName?: string
  /**
   * Name of the target document, shown in the header.
   * @defaultValue none
   */
  targetName?: string
  /**
   * Beads with a confidence below this are marked doubtful.
   * @defaultValue `0.5`
   */
  doubtfulBelow?: number
  /**
   * A timestamp printed in the footer (pass one for reproducible pages).
   * @defaultValue none
   */
  generatedAt?: string
}

const defaults = { title: 'Alignment review', doubtfulBelow: DEFAULT_DOUBTFUL_BELOW, sourceLang: 'ar', targetLang: 'en' } as const

/** Primary language subtags written right to left (ISO 639), and script subtags that are RTL (ISO 15924). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha-arab', 'he', 'iw', 'ks', 'ku-arab', 'pa-arab', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi'])
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr'])

/**
 * Whether a language tag is written right to left: an RTL language (`ar`, `fa`, `he`, `ur`...) unless a Latin
 * script subtag says otherwise, or any tag with an RTL script subtag (`az-Arab`).
 *
 * @param lang - a BCP-47 tag
 * @returns true for right-to-left
 * @example
 * ```ts
 * isRightToLeft('ar-EG') // true
 * isRightToLeft('en') // false
 * ```
 * @internal
 */
export function isRightToLeft(lang: string): boolean {
  const parts = lang.toLowerCase().split(/[-_]/)
  const script = parts.find((part, index) => index > 0 && part.length === 4 && /^[a-z]{4}$/.test(part))
  if (script !== undefined) return RTL_SCRIPTS.has(script)
  return RTL_LANGUAGES.has(parts[0] ?? '')
}

/** Escapes text for HTML element content and double-quoted attributes. @internal */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

function checkInput(input: ReviewPageInput): void {
  if (typeof input !== 'object' || input === null) throw new OptionsError('input', input, 'an alignment result with sourceSentences, targetSentences and beads', 'INVALID_INPUT')
  for (const key of ['sourceSentences', 'targetSentences', 'beads'] as const) {
    if (!Array.isArray(input[key])) throw new OptionsError(`input.${key}`, input[key], 'an array', 'INVALID_INPUT')
  }
  const verdict = input.verdict
  if (verdict !== undefined && !(typeof verdict === 'object' && verdict !== null && verdict.kind in VERDICTS && verdict.coverage >= 0 && verdict.coverage <= 1)) {
    throw new OptionsError('input.verdict', verdict, "a verdict with kind 'parallel', 'partly parallel' or 'not parallel' and a coverage from 0 to 1", 'INVALID_INPUT')
  }
  input.beads.forEach((bead, index) => {
    if (!(typeof bead.score === 'number' && bead.score >= 0 && bead.score <= 1)) {
      throw new OptionsError(`input.beads[${index}].score`, bead.score, 'a number from 0 to 1', 'INVALID_INPUT')
    }
    for (const [side, list] of [['source', input.sourceSentences], ['target', input.targetSentences]] as const) {
      for (const sentence of bead[side]) {
        if (!Number.isInteger(sentence) || sentence < 0 || sentence >= list.length) {
          throw new OptionsError(`input.beads[${index}].${side}`, sentence, `a sentence index from 0 to ${list.length - 1}`, 'INVALID_INPUT')
        }
      }
    }
  })
}

function sentenceCell(lang: string, sentences: readonly { readonly text: string }[], indexes: readonly number[], side: 'source' | 'target', shown: readonly ShownSentence[]): string {
  const dir = isRightToLeft(lang) ? 'rtl' : 'ltr'
  if (indexes.length === 0) return `<td class="text ${side} empty" dir="${dir}" lang="${escapeHtml(lang)}"><span class="none">(no sentence)</span></td>`
  const body = indexes
    .map((index, position) => {
      const { block, parts } = shown[position] ?? { parts: [sentences[index]!.text] }
      const number = `<span class="n" title="sentence ${index + 1}">${index + 1}</span> `
      if (block === undefined && parts.every((part) => typeof part === 'string')) return `<p>${number}${escapeHtml(sentences[index]!.text)}</p>`
      // Labels and markers show their words through CSS (data-label): they are not text, so copying a sentence
      // copies the sentence alone; screen readers read their aria-label.
      const label = block === undefined ? '' : `<span class="block-label" role="img" aria-label="${escapeHtml(block.description)}" data-label="${escapeHtml(block.text)}"></span>`
      const text = parts
        .map((part) =>
          typeof part === 'string'
            ? escapeHtml(part)
            : `<span class="code ${part.kind}" role="img" aria-label="${escapeHtml(part.description)}" data-label="${escapeHtml(part.label)}" data-code-id="${escapeHtml(part.id)}"${part.href === undefined ? '' : ` title="${escapeHtml(part.href)}"`}></span>`,
        )
        .join('')
      const kind = block === undefined ? '' : ` class="block ${block.kind}" data-block="${block.kind}"${block.level === undefined ? '' : ` data-level="${block.level}"`}`
      return `<p${kind}>${number}${label}${text}</p>`
    })
    .join('')
  return `<td class="text ${side}" dir="${dir}" lang="${escapeHtml(lang)}">${body}</td>`
}

/** A colour for a confidence: red below the threshold, amber near it, green above. */
function scoreClass(score: number, doubtfulBelow: number): string {
  if (score < doubtfulBelow) return 'low'
  if (score < Math.min(1, doubtfulBelow + 0.25)) return 'mid'
  return 'high'
}

const STYLE = `
:root { color-scheme: light; --line: #d8dce3; --muted: #5b6472; --low: #c62828; --mid: #b26a00; --high: #2e7d32; --doubt: #fff4f2; --omit: #f3f4f6; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; color: #1d2330; background: #f6f7f9; }
header { padding: 18px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 20px; }
.files { color: var(--muted); font-size: 13px; }
.summary { display: flex; flex-wrap: wrap; gap: 8px 22px; margin: 12px 0 6px; padding: 0; list-style: none; }
.summary li { font-size: 13px; color: var(--muted); }
.summary b { color: #1d2330; font-size: 16px; }
.shapes span { display: inline-block; margin: 0 6px 0 0; padding: 0 6px; border: 1px solid var(--line); border-radius: 10px; background: #fafbfc; }
.controls { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 8px 24px; background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 1; font-size: 14px; }
.controls output { color: var(--muted); }
table { width: 100%; border-collapse: collapse; table-layout: fixed; background: #fff; }
th, td { border-bottom: 1px solid var(--line); padding: 8px 10px; vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); text-align: start; background: #fafbfc; }
col.num { width: 4.5em; } col.shape { width: 4.5em; } col.score { width: 8.5em; }
td.text p { margin: 0 0 4px; }
td.text p:last-child { margin: 0; }
td.text[dir="rtl"] { text-align: right; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New", "Geeza Pro", "Arabic Typesetting", "Traditional Arabic", "Segoe UI", "DejaVu Sans", sans-serif; font-size: 17px; line-height: 1.8; }
th.source-head[dir="rtl"] { text-align: right; }
.n { display: inline-block; min-width: 1.8em; padding: 0 4px; margin: 0 4px; border-radius: 4px; background: #eef1f5; color: var(--muted); font: 11px/1.6 ui-monospace, "DejaVu Sans Mono", monospace; text-align: center; unicode-bidi: isolate; direction: ltr; }
.none { color: var(--muted); font-style: italic; }
.shape-cell { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; }
.bar { height: 6px; margin-top: 4px; border-radius: 3px; background: #eceff3; overflow: hidden; }
.bar i { display: block; height: 100%; }
.low .bar i { background: var(--low); } .mid .bar i { background: var(--mid); } .high .bar i { background: var(--high); }
.low .value { color: var(--low); font-weight: 600; } .mid .value { color: var(--mid); } .high .value { color: var(--high); }
tr.doubtful { background: var(--doubt); }
tr.omission { background: var(--omit); }
.flag { display: inline-block; margin-top: 4px; font-size: 12px; color: var(--low); font-weight: 600; }
.omission-flag { color: var(--muted); }
.verdict { display: flex; gap: 10px; align-items: baseline; margin: 10px 0 4px; padding: 8px 12px; border: 1px solid var(--line); border-inline-start: 6px solid; border-radius: 6px; font-size: 15px; }
.verdict .icon { font-size: 18px; font-weight: 700; }
.verdict.parallel { border-inline-start-color: var(--high); background: #f1f8f2; }
.verdict.partly { border-inline-start-color: var(--mid); background: #fff8ec; }
.verdict.not { border-inline-start-color: var(--low); background: #fdeeee; }
footer { padding: 12px 24px; color: var(--muted); font-size: 12px; }
/* Labels and markers: boxes isolated from the text's bidi runs (their own direction is left to right), not text. */
.block-label, .code { display: inline-block; unicode-bidi: isolate; direction: ltr; user-select: none; -webkit-user-select: none; vertical-align: baseline; font: 600 10.5px/1.5 ui-monospace, "DejaVu Sans Mono", monospace; }
.block-label::before, .code::before { content: attr(data-label); }
.block-label { margin: 0 5px; padding: 0 5px; border-radius: 3px; background: #e3e8f4; color: #2c3e66; }
.code { margin: 0 1px; padding: 0 4px; border: 1px solid #9aa5b8; border-radius: 8px; background: #f4f6fa; color: #3b4658; }
p.block.heading { font-weight: 700; font-size: 1.12em; }
p.block.heading[data-level="1"] { font-size: 1.25em; }
p.block.listItem[data-level="2"] { padding-inline-start: 1.2em; } p.block.listItem[data-level="3"] { padding-inline-start: 2.4em; }
p.block.footnote, p.block.caption { font-size: .92em; color: #3b4658; }
p.block.tableCell .block-label { background: #e6f0e6; color: #24502a; }
@media print { .controls { display: none; } body { background: #fff; } }
`

/** Icon, class and wording of each verdict; the icon and the word carry it, the colour only repeats them. */
const VERDICTS = {
  parallel: { icon: '✓', className: 'parallel', says: 'the documents look like translations of each other' },
  'partly parallel': { icon: '◐', className: 'partly', says: 'parts of the documents translate each other; check the doubtful beads and omissions' },
  'not parallel': { icon: '✗', className: 'not', says: 'the documents do not look like translations of each other' },
} as const

/** The verdict line at the top of the page. */
function verdictBanner(verdict: Readonly<AlignmentVerdict>): string {
  const look = lacksEvidence(verdict)
    ? { ...VERDICTS['partly parallel'], says: 'the sentences fit by length, but few numbers, names or dictionary words confirm they are translations; check them before trusting them' }
    : VERDICTS[verdict.kind]
  const coverage = Math.round(verdict.coverage * 100)
  return `<p class="verdict ${look.className}" id="verdict" data-verdict="${escapeHtml(verdict.kind)}"><span class="icon" aria-hidden="true">${look.icon}</span><span><b>${escapeHtml(verdict.kind)}</b>: ${coverage}% of the text in confident beads; ${look.says}.</span></p>`
}

/**
 * The filter script: "doubtful and omissions first" puts the rows to review (doubtful beads and omissions) first,
 * lowest confidence first; "only doubtful and omissions" hides the rest.
 * Rows keep their document position in `data-index`, so turning the sort off restores document order.
 */
const SCRIPT = `
(function () {
  var body = document.getElementById('beads');
  var rows = Array.prototype.slice.call(body.rows);
  var first = document.getElementById('doubtful-first');
  var only = document.getElementById('only-doubtful');
  var shown = document.getElementById('shown');
  function update() {
    var order = rows.slice();
    if (first.checked) order.sort(function (a, b) {
      return (b.dataset.review === 'true') - (a.dataset.review === 'true') || a.dataset.score - b.dataset.score || a.dataset.index - b.dataset.index;
    });
    var visible = 0;
    order.forEach(function (row) {
      row.hidden = only.checked && row.dataset.review !== 'true';
      if (!row.hidden) visible++;
      body.appendChild(row);
    });
    shown.textContent = visible + ' of ' + rows.length + ' beads shown';
  }
  first.addEventListener('change', update);
  only.addEventListener('change', update);
  update();
})();
`

/**
 * Renders the alignment review page: a complete, self-contained HTML document (a string) showing the aligned
 * pairs side by side, right-to-left languages in `dir="rtl"` cells, each bead's shape and confidence, the doubtful
 * beads marked, a filter to show them first or alone, and a summary (counts by shape, mean confidence).
 *
 * A pure function: the same input and options give the same string (pass `generatedAt` for a timestamp).
 *
 * @param input - the alignment: both sentence lists and the beads (what `alignDocuments` returns)
 * @param options - languages, title, document names, the doubtful threshold
 * @returns the HTML document
 * @throws {@link OptionsError} when a bead points outside the sentence lists, a score is outside 0..1, the verdict is not one,
 *   `doubtfulBelow` is not a number from 0 to 1, or a language is not a language tag
 * @example
 * ```ts
 * import { alignDocuments, renderReviewPage } from 'mizan'
 * import { writeFileSync } from 'node:fs'
 * const result = alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' })
 * writeFileSync('review.html', renderReviewPage(result, { sourceName: 'ar.txt', targetName: 'en.txt' }))
 * ```
 * @group Alignment
 */
export function renderReviewPage(input: ReviewPageInput, options: ReviewPageOptions = {}): string {
  checkInput(input)
  const sourceLang = options.sourceLang ?? input.sourceLang ?? defaults.sourceLang
  const targetLang = options.targetLang ?? input.targetLang ?? defaults.targetLang
  for (const [name, value] of [['sourceLang', sourceLang], ['targetLang', targetLang]] as const) {
    if (typeof value !== 'string' || !/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(value)) throw new OptionsError(name, value, 'a BCP-47 language tag such as "ar"')
  }
  const title = options.title ?? defaults.title
  const doubtfulBelow = options.doubtfulBelow ?? defaults.doubtfulBelow
  const summary = summarizeAlignment(input.beads, doubtfulBelow)
  const sourceDir = isRightToLeft(sourceLang) ? 'rtl' : 'ltr'
  const targetDir = isRightToLeft(targetLang) ? 'rtl' : 'ltr'
  const texts = { source: input.sourceSentences.map((sentence) => sentence.text), target: input.targetSentences.map((sentence) => sentence.text) }
  const views = {
    source: input.sourceBlocks === undefined ? undefined : viewSide(toDocumentStructure(input.sourceBlocks), texts.source),
    target: input.targetBlocks === undefined ? undefined : viewSide(toDocumentStructure(input.targetBlocks), texts.target),
  }

  const rows = input.beads.map((bead, index) => {
    const shape = beadShape(bead)
    // An omission has no confidence to show: its score is not about a translation. It is marked as what it is.
    const omission = isOmission(bead)
    const doubtful = !omission && bead.score < doubtfulBelow
    const percent = Math.round(bead.score * 100)
    const kind = omission ? 'omission' : doubtful ? 'doubtful' : 'pair'
    // Plain texts show plain sentences; documents, each sentence's block and its codes.
    const shown = views.source === undefined && views.target === undefined ? { source: [], target: [] } : showBead(bead, texts, views)
    const score = omission
      ? '<td class="score omitted"><span class="flag omission-flag"><span aria-hidden="true">∅</span> omission</span></td>'
      : [
          `<td class="score ${scoreClass(bead.score, doubtfulBelow)}"><span class="value">${bead.score.toFixed(2)}</span>`,
          `<div class="bar" role="meter" aria-valuemin="0" aria-valuemax="1" aria-valuenow="${bead.score}"><i style="width:${percent}%"></i></div>`,
          doubtful ? '<span class="flag"><span aria-hidden="true">⚠</span> doubtful</span>' : '',
          '</td>',
        ].join('')
    return [
      `<tr id="bead-${index + 1}" data-index="${index}" data-score="${bead.score}" data-shape="${shape}" data-kind="${kind}" data-doubtful="${doubtful}" data-review="${doubtful || omission}"${kind === 'pair' ? '' : ` class="${kind}"`}>`,
      `<td class="num">${index + 1}</td>`,
      `<td class="shape-cell">${shape}</td>`,
      score,
      sentenceCell(sourceLang, input.sourceSentences, bead.source, 'source', shown.source),
      sentenceCell(targetLang, input.targetSentences, bead.target, 'target', shown.target),
      '</tr>',
    ].join('')
  })

  const shapes = Object.entries(summary.shapes)
    .map(([shape, count]) => `<span data-shape="${shape}">${shape} × ${count}</span>`)
    .join('')
  const files = [options.sourceName, options.targetName].filter((name): name is string => name !== undefined)
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="mizan">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${files.length > 0 ? `<div class="files">${files.map((name) => `<bdi>${escapeHtml(name)}</bdi>`).join(' ↔ ')}</div>` : ''}
${input.verdict === undefined ? '' : verdictBanner(input.verdict)}
<ul class="summary" id="summary">
<li><b id="bead-count">${summary.beads}</b> beads</li>
<li><b>${input.sourceSentences.length}</b> ${escapeHtml(sourceLang)} sentences</li>
<li><b>${input.targetSentences.length}</b> ${escapeHtml(targetLang)} sentences</li>
<li>mean confidence <b id="mean-score">${summary.meanScore.toFixed(2)}</b></li>
<li>lowest <b>${summary.minScore.toFixed(2)}</b></li>
<li><b id="doubtful-count">${summary.doubtful}</b> doubtful (below ${doubtfulBelow})</li>
<li><b id="omission-count">${summary.omissions}</b> omissions</li>
<li class="shapes">shapes ${shapes}</li>
</ul>
</header>
<div class="controls">
<label><input type="checkbox" id="doubtful-first"> doubtful and omissions first</label>
<label><input type="checkbox" id="only-doubtful"> only doubtful and omissions</label>
<output id="shown"></output>
</div>
<table>
<colgroup><col class="num"><col class="shape"><col class="score"><col><col></colgroup>
<thead><tr><th>#</th><th>shape</th><th>confidence</th><th class="source-head" dir="${sourceDir}" lang="${escapeHtml(sourceLang)}">${escapeHtml(sourceLang)}</th><th dir="${targetDir}" lang="${escapeHtml(targetLang)}">${escapeHtml(targetLang)}</th></tr></thead>
<tbody id="beads">
${rows.join('\n')}
</tbody>
</table>
<footer>Made by mizan${options.generatedAt === undefined ? '' : ` on ${escapeHtml(options.generatedAt)}`}. Confidence is the aligner's, 0..1: the chance that the sentences translate each other. Beads below ${doubtfulBelow} are doubtful (⚠), beads with an empty side are omissions (∅); both are worth a look first.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`
}
