/// <reference lib="dom" />
/**
 * The editor page's DOM layer: renders the model and turns keys and clicks into edits sent to the review server.
 * It owns no editing logic: the server applies each edit and answers with the patch, which the page applies to
 * its copy with the same `applyPatch` (so both stay equal). Only the rows on screen are in the DOM (a virtual
 * list of fixed-height rows), so a 50,000-bead document opens as fast as a short one.
 *
 * @module
 * @internal
 */
import type { ReviewBead, ReviewDocument, Side } from '../model.js'
import { applyPatch, type Patch } from '../patch.js'
import type { ReviewEdit } from '../review-edit.js'
import type { StaticReviewData } from '../static-data.js'
import { showBead, viewSide, type CodeMarker, type ShownSentence, type SideView } from '../structure-view.js'
import { isolateRuns } from './isolate.js'
import { offlineBackend } from './offline.js'
import { beadLabel, listedBeads, nextDoubtful, progressLine } from './view-model.js'

const token = new URLSearchParams(location.search).get('token') ?? ''
/** A static page (`mizan align --report`) carries its document and edits it in the page; no server. */
const embedded = document.getElementById('mizan-data')
const offline = embedded === null ? undefined : offlineBackend(JSON.parse(embedded.textContent ?? '') as StaticReviewData)
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T
const viewport = $<HTMLDivElement>('viewport')
const spacer = $<HTMLDivElement>('spacer')
const detail = $<HTMLElement>('detail')
const status = $<HTMLSpanElement>('status')
const filter = $<HTMLInputElement>('filter')

let model: ReviewDocument = { formatVersion: 1, source: [], target: [], beads: [] }
let version = 0
let names = { source: 'source', target: 'target' }
let selected = 0
let listed: number[] = []
let split = { bead: -1, sourceAt: 0, targetAt: 0 }
/** Requests go one at a time, in order: each edit names the version the previous one produced. */
let queue: Promise<unknown> = Promise.resolve()
let canUndo = false
/** Edits sent and not yet answered: while there are any, undo may become possible, so it is sent too. */
let inFlight = 0
let canRedo = false

/** Row height in CSS pixels: a fixed number of em, so rows grow with the font (and zoom). */
function rowHeight(): number {
  return 5.8 * parseFloat(getComputedStyle(document.documentElement).fontSize)
}

function say(message: string, error = false): void {
  status.textContent = message
  status.className = error ? 'error' : ''
}

async function api(path: string, body?: unknown): Promise<Record<string, unknown>> {
  if (offline !== undefined) return offline.request(path, body)
  const init: RequestInit = { headers: { 'x-mizan-token': token, 'content-type': 'application/json' } }
  if (body !== undefined) Object.assign(init, { method: 'POST', body: JSON.stringify(body) })
  const response = await fetch(path, init)
  const answer = (await response.json()) as Record<string, unknown>
  if (!response.ok) throw Object.assign(new Error(String(answer['error'] ?? response.statusText)), { status: response.status })
  return answer
}

async function load(): Promise<void> {
  const state = await api('/api/state')
  model = state['document'] as ReviewDocument
  version = state['version'] as number
  names = state['names'] as typeof names
  canUndo = state['canUndo'] === true
  canRedo = state['canRedo'] === true
  document.title = `mizan review: ${names.source} ↔ ${names.target}`
  refresh()
}

/** Sends an edit or an action; applies the answer's patch, or says why it was refused. */
function send(body: { edit: ReviewEdit } | { action: 'undo' | 'redo' | 'realign' }, describe: string, after?: (patch: Patch) => void): Promise<unknown> {
  inFlight++
  queue = queue.then(async () => {
    try {
      const answer = await api('/api/edit', { version, ...body })
      const patch = answer['patch'] as Patch
      // Changes made in another tab since this page's version come first (the server carried the edit over them).
      for (const earlier of (answer['missed'] as Patch[] | undefined) ?? []) model = applyPatch(model, earlier)
      model = applyPatch(model, patch)
      version = answer['version'] as number
      canUndo = answer['canUndo'] === true
      canRedo = answer['canRedo'] === true
      if (after) after(patch)
      else selected = Math.min(patch.beadStart, model.beads.length - 1)
      const saveError = answer['saveError']
      if (typeof saveError === 'string') say(`${describe}, but the memory could not be saved: ${saveError.replace(/^mizan: /, '')}`, true)
      else say(`${describe} (version ${version}; ${offline === undefined ? 'saving in the background' : 'export the corrections to keep your edits'})`)
      refresh()
    } catch (error) {
      const refused = error as Error & { status?: number }
      if (refused.status === 409) {
        say(`${refused.message.replace(/^mizan: /, '').replace(/; reload$/, '')}; reloaded the document as it is now`, true)
        await load()
      } else say(refused.message.replace(/^mizan: /, ''), true)
    } finally {
      inFlight--
    }
  })
  return queue
}

function edit(edit: ReviewEdit, describe: string, after?: (patch: Patch) => void): void {
  void send({ edit }, describe, after)
}

function select(index: number): void {
  selected = Math.max(0, Math.min(index, model.beads.length - 1))
  refresh()
  const position = listed.indexOf(selected)
  if (position >= 0) {
    const top = position * rowHeight()
    if (top < viewport.scrollTop) viewport.scrollTop = top
    else if (top + rowHeight() > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + rowHeight() - viewport.clientHeight
  }
  renderRows()
}

/** Appends a sentence's text with Latin words and numbers (in Arabic) or Arabic words (in English) in `<bdi>`. */
function appendText(parent: HTMLElement, text: string, rtl: boolean): void {
  for (const run of isolateRuns(text, rtl)) {
    if (!run.isolate) parent.append(run.text)
    else {
      const bdi = document.createElement('bdi')
      bdi.textContent = run.text
      parent.append(bdi)
    }
  }
}

/**
 * Each side's sentences found in its structure, with the sentence list they were found for: a patch keeps a
 * side's list (the same array) unless it splits or joins sentences there, so only those edits find them again.
 */
const views: { source?: { sentences: readonly string[]; view: SideView } | undefined; target?: { sentences: readonly string[]; view: SideView } | undefined } = {}

/** A bead's sentences with their blocks and code markers, for a document read from .docx, .odt, .html...; none for plain text. */
function shownSentences(bead: ReviewBead): { source: ShownSentence[]; target: ShownSentence[] } | undefined {
  const structure = model.structure
  if (structure === undefined) return undefined
  for (const side of ['source', 'target'] as const) {
    const own = structure[side]
    if (own !== undefined && views[side]?.sentences !== model[side]) views[side] = { sentences: model[side], view: viewSide(own, model[side]) }
  }
  return showBead(bead, model, { source: views.source?.view, target: views.target?.view })
}

/** A label or marker: its words drawn by CSS from data-label (not text: copying a sentence copies it alone), read by its aria-label. */
function badge(className: string, label: string, description: string): HTMLSpanElement {
  const span = document.createElement('span')
  span.className = className
  span.setAttribute('role', 'img')
  span.setAttribute('aria-label', description)
  span.dataset['label'] = label
  return span
}

/** Appends a sentence as shown: its block's label, then its text with the code markers at their offsets. */
function appendShown(parent: HTMLElement, shown: ShownSentence | undefined, text: string, rtl: boolean): void {
  if (shown === undefined) return appendText(parent, text, rtl)
  const holder = shown.block === undefined ? parent : document.createElement('span')
  if (shown.block !== undefined) {
    holder.className = `block ${shown.block.kind}`
    if (shown.block.level !== undefined) holder.dataset['level'] = String(shown.block.level)
    holder.append(badge('block-label', shown.block.text, shown.block.description))
    parent.append(holder)
  }
  for (const part of shown.parts) {
    if (typeof part === 'string') appendText(holder, part, rtl)
    else holder.append(codeMarker(part))
  }
}

function codeMarker(code: CodeMarker): HTMLSpanElement {
  const span = badge(`code ${code.kind}`, code.label, code.description)
  span.dataset['codeId'] = code.id
  if (code.href !== undefined) span.title = code.href
  return span
}

function cell(side: Side, indexes: number[], shown?: ShownSentence[]): HTMLDivElement {
  const div = document.createElement('div')
  div.className = `cell ${side}`
  if (side === 'source') {
    div.dir = 'rtl'
    div.lang = 'ar'
  } else div.lang = 'en'
  indexes.forEach((index, position) => {
    const number = document.createElement('span')
    number.className = 'num'
    number.textContent = String(index + 1)
    div.append(number)
    appendShown(div, shown?.[position], model[side][index]!, side === 'source')
    div.append(' ')
  })
  return div
}

/** Renders the rows on screen (and a few either side), nothing else. */
function renderRows(): void {
  const height = rowHeight()
  spacer.style.height = `${listed.length * height}px`
  const first = Math.max(0, Math.floor(viewport.scrollTop / height) - 3)
  const last = Math.min(listed.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / height) + 3)
  const rows: HTMLElement[] = []
  for (let position = first; position < last; position++) {
    const index = listed[position]!
    const bead = model.beads[index]!
    const row = document.createElement('div')
    row.className = 'row'
    row.setAttribute('role', 'option')
    row.setAttribute('aria-selected', String(index === selected))
    row.dataset['bead'] = String(index)
    row.style.top = `${position * height}px`
    row.style.height = `${height}px`
    const label = beadLabel(bead)
    const tag = document.createElement('div')
    tag.className = `label kind-${label.kind}`
    tag.textContent = `${label.icon} ${label.text}`
    const shape = document.createElement('div')
    shape.className = 'num'
    shape.textContent = `#${index + 1} · ${bead.source.length}-${bead.target.length}`
    tag.append(shape)
    const shown = shownSentences(bead)
    row.append(tag, cell('source', bead.source, shown?.source), cell('target', bead.target, shown?.target))
    rows.push(row)
  }
  spacer.replaceChildren(...rows)
}

function button(text: string, title: string, action: () => void): HTMLButtonElement {
  const b = document.createElement('button')
  b.textContent = text
  b.title = title
  b.addEventListener('click', action)
  return b
}

/** The caret's offset in a sentence's text, when the selection is inside it. */
function caretOffset(element: HTMLElement): number | undefined {
  const selection = getSelection()
  if (selection === null || selection.rangeCount === 0 || !element.contains(selection.anchorNode)) return undefined
  const range = document.createRange()
  range.setStart(element, 0)
  range.setEnd(selection.anchorNode!, selection.anchorOffset)
  return range.toString().length
}

/** The selected bead in full, with a tool for every edit of its sentences. */
function renderDetail(): void {
  const bead = model.beads[selected]
  if (bead === undefined) return void detail.replaceChildren()
  if (split.bead !== selected) split = { bead: selected, sourceAt: Math.ceil(bead.source.length / 2), targetAt: Math.ceil(bead.target.length / 2) }
  const heading = document.createElement('h2')
  heading.textContent = `Bead ${selected + 1} of ${model.beads.length}: ${beadLabel(bead).icon} ${beadLabel(bead).text}`
  const shown = shownSentences(bead)
  const columns = (['source', 'target'] as const).map((side) => {
    const column = document.createElement('div')
    column.setAttribute('aria-label', side === 'source' ? names.source : names.target)
    bead[side].forEach((index, position) => {
      const box = document.createElement('div')
      box.className = 'sentence'
      const text = document.createElement('div')
      text.className = 'text'
      if (side === 'source') {
        text.dir = 'rtl'
        text.lang = 'ar'
      } else text.lang = 'en'
      appendShown(text, shown?.[side][position], model[side][index]!, side === 'source')
      const tools = document.createElement('div')
      tools.className = 'tools'
      tools.append(
        button('Split sentence at cursor', 'click in the text first', () => {
          const offset = caretOffset(text)
          if (offset === undefined) say('click in the sentence where it should break, then press Split sentence at cursor', true)
          else edit({ kind: 'split-sentence', side, sentence: index, offset }, `split ${side} sentence ${index + 1}`)
        }),
        button('Join with next sentence', '', () => edit({ kind: 'join-sentences', side, sentence: index }, `joined ${side} sentences ${index + 1} and ${index + 2}`)),
        button('No counterpart', 'this sentence is not translated on the other side', () => edit({ kind: 'detach', side, sentence: index }, `${side} sentence ${index + 1} has no counterpart`)),
      )
      if (position === 0 && selected > 0) tools.append(button('Move to previous bead', '', () => edit({ kind: 'move', bead: selected, side, to: 'previous' }, `moved ${side} sentence ${index + 1} to the previous bead`)))
      if (position === bead[side].length - 1 && selected < model.beads.length - 1) tools.append(button('Move to next bead', '', () => edit({ kind: 'move', bead: selected, side, to: 'next' }, `moved ${side} sentence ${index + 1} to the next bead`)))
      box.append(text, tools)
      column.append(box)
    })
    return column
  })
  const breaks = document.createElement('div')
  breaks.className = 'split-bead'
  breaks.append('Split bead: the first part keeps')
  for (const side of ['source', 'target'] as const) {
    const choice = document.createElement('select')
    choice.id = `split-${side}`
    choice.setAttribute('aria-label', `${side} sentences in the first part`)
    for (let count = 0; count <= bead[side].length; count++) choice.append(new Option(`${count} ${side === 'source' ? names.source : names.target}`, String(count), false, count === split[side === 'source' ? 'sourceAt' : 'targetAt']))
    choice.addEventListener('change', () => (split = { ...split, [side === 'source' ? 'sourceAt' : 'targetAt']: Number(choice.value) }))
    breaks.append(choice)
  }
  breaks.append(button('Split bead (s)', '', splitBead))
  detail.replaceChildren(heading, ...columns, breaks)
}

function refresh(): void {
  listed = listedBeads(model, filter.checked)
  $('progress').textContent = progressLine(model)
  $<HTMLButtonElement>('undo').disabled = !canUndo
  $<HTMLButtonElement>('redo').disabled = !canRedo
  renderRows()
  renderDetail()
}

function splitBead(): void {
  edit({ kind: 'split', bead: selected, sourceAt: split.sourceAt, targetAt: split.targetAt }, `split bead ${selected + 1}`)
}

/** Downloads the corrections file (for `mizan import FILE` or `mizan align --corrections FILE`), once the edits sent are applied. */
function exportCorrections(): void {
  queue = queue.then(() => {
    try {
      const url = URL.createObjectURL(new Blob([offline!.corrections()], { type: 'application/json' }))
      const link = document.createElement('a')
      link.href = url
      link.download = `${names.source.replace(/\.[^.]*$/, '')}.corrections.json`
      link.click()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
      say(`exported the corrections; apply them with mizan import FILE --into tm.xlf (or mizan align ${names.source} ${names.target} --corrections FILE --into tm.xlf)`)
    } catch (error) {
      say((error as Error).message.replace(/^mizan: /, ''), true)
    }
  })
}

const actions: Record<string, () => void> = {
  'merge-next': () => edit({ kind: 'merge', bead: selected, direction: 'next' }, `merged bead ${selected + 1} with the next`),
  'merge-previous': () => edit({ kind: 'merge', bead: selected, direction: 'previous' }, `merged bead ${selected + 1} with the previous`),
  split: splitBead,
  approve: () => {
    // Moves on at once, so a quick second key acts on the next bead (the edit itself is sent in order).
    const bead = selected
    edit({ kind: 'approve', bead }, `approved bead ${bead + 1}`, () => undefined)
    select(bead + 1)
  },
  'approve-all': () => edit({ kind: 'approve-range', from: 0, to: model.beads.length }, 'approved every open bead with both sides (undo takes it back)', () => undefined),
  reject: () => edit({ kind: 'reject', bead: selected }, `rejected bead ${selected + 1}`),
  reopen: () => edit({ kind: 'reopen', bead: selected }, `reopened bead ${selected + 1}`),
  undo: () => (canUndo || inFlight > 0 ? void send({ action: 'undo' }, 'undone') : say('there is nothing to undo', true)),
  redo: () => (canRedo || inFlight > 0 ? void send({ action: 'redo' }, 'redone') : say('there is nothing to redo', true)),
  realign: () => void send({ action: 'realign' }, 're-aligned around the confirmed beads', () => (selected = Math.min(selected, model.beads.length - 1))),
  save: () => {
    if (offline !== undefined) return exportCorrections()
    queue = queue.then(async () => {
      try {
        const answer = await api('/api/save', {})
        say(`saved into the memory (version ${String(answer['version'])})`)
      } catch (error) {
        say((error as Error).message.replace(/^mizan: /, ''), true)
      }
    })
  },
}
for (const [id, action] of Object.entries(actions)) if (id !== 'reopen') $(id).addEventListener('click', action)

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement
  if (target.tagName === 'SELECT' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox')) return
  const key = event.key
  const control = event.ctrlKey || event.metaKey
  let handled = true
  if (control && key.toLowerCase() === 'z') (event.shiftKey ? actions['redo']! : actions['undo']!)()
  else if (control && key.toLowerCase() === 'y') actions['redo']!()
  else if (control || event.altKey) handled = false
  else if (key === 'j') select(nextDoubtful(model, selected, 1))
  else if (key === 'k') select(nextDoubtful(model, selected, -1))
  else if (key === 'Home' || key === 'End') select(key === 'Home' ? 0 : model.beads.length - 1)
  else if (key === 'ArrowDown' || key === 'ArrowUp') {
    const position = listed.indexOf(selected)
    const next = listed[Math.max(0, Math.min(listed.length - 1, position + (key === 'ArrowDown' ? 1 : -1)))]
    if (next !== undefined) select(next)
  } else if (key === 'm') actions['merge-next']!()
  else if (key === 'M') actions['merge-previous']!()
  else if (key === 's') actions['split']!()
  else if (key === 'a') actions['approve']!()
  else if (key === 'A') actions['approve-all']!()
  else if (key === 'r') actions['reject']!()
  else if (key === 'o') actions['reopen']!()
  else if (key === 'u') actions['undo']!()
  else if (key === 'g') actions['realign']!()
  else if (key === 'w') actions['save']!()
  else if (key === 'f') {
    filter.checked = !filter.checked
    refresh()
  } else handled = false
  if (handled) event.preventDefault()
})

filter.addEventListener('change', refresh)
viewport.addEventListener('scroll', renderRows, { passive: true })
viewport.addEventListener('click', (event) => {
  const row = (event.target as HTMLElement).closest<HTMLElement>('.row')
  if (row?.dataset['bead'] !== undefined) select(Number(row.dataset['bead']))
})
addEventListener('resize', renderRows)
// On a short window (or at 200% zoom) the list of keys starts folded, leaving the room to the beads.
if (innerHeight < 40 * parseFloat(getComputedStyle(document.documentElement).fontSize)) $<HTMLDetailsElement>('keys').open = false
load()
  .then(() => viewport.focus())
  .catch((error: unknown) => say(`cannot load the document: ${(error as Error).message}`, true))
