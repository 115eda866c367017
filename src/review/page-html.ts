/**
 * The editor page's HTML: one self-contained document holding its style and its bundled script (built from
 * src/review/page/ by tsup), both carrying the CSP nonce of the request. No network beyond its own server.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { StaticReviewData } from './static-data.js'

/** Keeps a script or style from closing its element early: `</script` inside a string becomes `<\/script`. */
function embed(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1')
}

/** The page's style: system fonts that carry Arabic, em-based sizes so it reads at 200% zoom. @internal */
const style = `
:root { color-scheme: light; --ok: #1b6e2e; --bad: #a4161a; --warn: #8a5a00; --line: #ccd; font: 16px/1.5 system-ui, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; display: flex; flex-direction: column; height: 100vh; overflow-y: auto; }
header { padding: .5em 1em; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: .4em 1em; align-items: center; }
header h1 { font-size: 1.1em; margin: 0; }
#progress { font-weight: 600; }
#status { min-height: 1.5em; }
#status.error { color: var(--bad); font-weight: 600; }
button { font: inherit; padding: .15em .6em; }
kbd { font-family: ui-monospace, monospace; border: 1px solid #999; border-radius: 3px; padding: 0 .25em; }
#keys { font-size: .85em; padding: .2em 1em; border-bottom: 1px solid var(--line); }
#keys summary { cursor: pointer; }
#viewport { flex: 1 0 auto; height: 0; min-height: max(12em, 35vh); overflow-y: auto; position: relative; outline: none; }
#viewport:focus-visible { box-shadow: inset 0 0 0 3px #4a7bd0; }
#spacer { position: relative; }
.row { position: absolute; left: 0; right: 0; display: grid; grid-template-columns: 8.5em 1fr 1fr; border-bottom: 1px solid var(--line); overflow: hidden; cursor: pointer; }
.row[aria-selected="true"] { background: #eef3ff; box-shadow: inset 4px 0 0 #4a7bd0; }
.row .label { padding: .3em .5em; font-size: .85em; }
.row .cell { align-self: start; padding: .3em .6em; overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; }
.row .cell.source { font-size: 1.1em; }
.row .cell:empty::before { content: "— nothing —"; color: #666; font-style: italic; }
.kind-doubtful { color: var(--warn); font-weight: 600; }
.kind-omission { color: var(--bad); font-weight: 600; }
.kind-rejected { color: var(--bad); }
.kind-confirmed { color: var(--ok); font-weight: 600; }
.kind-edited { color: var(--warn); }
.num { color: #667; font-size: .8em; margin-inline-end: .3em; }
#detail { flex: none; border-top: 2px solid var(--line); max-height: 32vh; overflow-y: auto; padding: .4em 1em; display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
#detail h2 { font-size: 1em; margin: .2em 0; grid-column: 1 / -1; }
#detail .sentence { border: 1px solid var(--line); border-radius: 4px; padding: .3em .5em; margin: .3em 0; }
#detail .sentence .text { white-space: pre-wrap; }
#detail .tools { display: flex; flex-wrap: wrap; gap: .3em; margin-top: .3em; font-size: .85em; }
#detail .split-bead { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: .6em; align-items: center; }
.block-label, .code { display: inline-block; unicode-bidi: isolate; direction: ltr; user-select: none; -webkit-user-select: none; font: 600 .68rem/1.5 ui-monospace, "DejaVu Sans Mono", monospace; }
.block-label::before, .code::before { content: attr(data-label); }
.block-label { margin: 0 .3em; padding: 0 .3em; border-radius: 3px; background: #e3e8f4; color: #2c3e66; }
.block.tableCell .block-label { background: #e6f0e6; color: #24502a; }
.block.heading { font-weight: 700; }
.code { margin: 0 1px; padding: 0 .3em; border: 1px solid #9aa5b8; border-radius: .8em; background: #f4f6fa; color: #3b4658; }
`

/**
 * Renders the editor page around its bundled script.
 *
 * @param script - the bundled page script (IIFE)
 * @param nonce - the CSP nonce of this response
 * @param title - the page title (e.g. the two file names)
 * @returns the HTML
 * @example
 * ```ts
 * import { renderEditorPage } from './page-html.js'
 * const html = renderEditorPage(script, nonce, 'ar.txt ↔ en.txt')
 * ```
 * @internal
 */
export function renderEditorPage(script: string, nonce: string, title = 'mizan review'): string {
  return page(embed(script, 'script'), embed(style, 'style'), { nonce }, title)
}

/** The `'sha256-…'` CSP source of an inline element's text. */
function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/**
 * Renders the static editor page (`mizan align --report`): the same page and script, with the document embedded
 * as JSON, the verdict at the top, and "Export corrections" in place of saving. The file has no server to send a
 * CSP header, so a `<meta>` one allows exactly its own script and style, by their SHA-256 hashes (a nonce in a file
 * that never changes would be no secret), and no network at all (`connect-src 'none'`). `worker-src blob:` lets the
 * page start its re-alignment worker from its own script's text (realign-worker.ts); nothing is fetched.
 *
 * @param script - the bundled page script (IIFE)
 * @param data - the embedded document (see static-data.ts)
 * @returns the HTML
 * @example
 * ```ts
 * import { renderStaticEditorPage } from './page-html.js'
 * writeFileSync('review.html', renderStaticEditorPage(script, toStaticReviewData(input)))
 * ```
 * @internal
 */
export function renderStaticEditorPage(script: string, data: StaticReviewData): string {
  const scriptText = embed(script, 'script')
  const styleText = embed(style, 'style')
  const csp = `default-src 'none'; script-src ${hashSource(scriptText)}; style-src ${hashSource(styleText)}; img-src data:; worker-src blob:; connect-src 'none'; form-action 'none'; base-uri 'none'`
  // In JSON, "<" only occurs inside strings, where \u003c means the same: nothing in the texts can close the element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c')
  // In words and with an icon, as the read-only page says it (never colour alone).
  const icon = data.verdict === undefined ? '' : ({ parallel: '✓', 'partly parallel': '◐' } as Record<string, string>)[data.verdict.kind] ?? '✗'
  const bare = data.verdict?.bare ? '; the sentences fit by length, but few numbers, names or dictionary words confirm they are translations' : ''
  const verdict = data.verdict === undefined ? '' : `${icon} Verdict: ${escape(data.verdict.kind)} (${Math.round(data.verdict.coverage * 100)}% of the text in confident beads${bare})`
  return page(scriptText, styleText, { csp, json, verdict }, `${data.names.source} ↔ ${data.names.target}`)
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
}

/** The page around its script and style, both already embedded (see {@link embed}). */
function page(scriptText: string, styleText: string, mode: { nonce: string } | { csp: string; json: string; verdict: string }, title: string): string {
  const escaped = escape(title)
  const offline = !('nonce' in mode)
  const attribute = offline ? '' : ` nonce="${mode.nonce}"`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">${offline ? `\n<meta http-equiv="Content-Security-Policy" content="${mode.csp}">` : ''}
<link rel="icon" href="data:,">
<title>${escaped}</title>
<style${attribute}>${styleText}</style>
</head>
<body>
<header>
  <h1>Alignment review: <bdi>${escaped}</bdi></h1>
${offline && mode.verdict !== '' ? `  <strong id="verdict">${mode.verdict}</strong>\n` : ''}  <span id="progress" role="status">loading…</span>
  <label><input type="checkbox" id="filter"> doubtful only (<kbd>f</kbd>)</label>
  <span>
    <button id="merge-next" title="m">Merge ↓</button> <button id="merge-previous" title="Shift+M">Merge ↑</button>
    <button id="split" title="s">Split bead</button> <button id="approve" title="a">✓ Approve</button> <button id="approve-all" title="Shift+A">✓ Approve all open</button> <button id="reject" title="r">✗ Reject</button>
    <button id="undo" title="u, Ctrl+Z">Undo</button> <button id="redo" title="Ctrl+Shift+Z">Redo</button>
    <button id="realign" title="g">Re-align the rest</button> <button id="save" title="w">${offline ? 'Export corrections' : 'Save now'}</button>
  </span>
  <span id="status" role="alert"></span>
</header>
<details id="keys" open><summary>Keys</summary>
<kbd>j</kbd>/<kbd>k</kbd> next/previous doubtful · <kbd>↓</kbd>/<kbd>↑</kbd> next/previous bead · <kbd>Home</kbd>/<kbd>End</kbd> first/last · <kbd>m</kbd> merge with next · <kbd>Shift+M</kbd> merge with previous ·
<kbd>s</kbd> split bead (at the breaks chosen below) · <kbd>a</kbd> approve · <kbd>Shift+A</kbd> approve all open beads · <kbd>r</kbd> reject · <kbd>o</kbd> reopen · <kbd>u</kbd> or <kbd>Ctrl+Z</kbd> undo ·
<kbd>Ctrl+Shift+Z</kbd> redo · <kbd>g</kbd> re-align around confirmed beads · <kbd>f</kbd> doubtful only · <kbd>w</kbd> ${offline ? 'export corrections (for <code>mizan import FILE</code> or <code>mizan align --corrections FILE</code>)' : 'save now'}. Everything is also a button.
</details>
<div id="viewport" tabindex="0" role="listbox" aria-label="Beads"><div id="spacer"></div></div>
<section id="detail" aria-label="Selected bead"></section>
${offline ? `<script type="application/json" id="mizan-data">${mode.json}</script>\n` : ''}<script${attribute}>${scriptText}</script>
</body>
</html>
`
}
