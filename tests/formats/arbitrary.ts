/**
 * fast-check arbitraries for translation units in the canonical form the readers return: Arabic (diacritics,
 * tatweel, Arabic-Indic digits, Arabic punctuation, bidi marks), Latin, emoji, markup characters and inline codes.
 * Canonical means: adjacent strings merged, content arrays only when they hold codes, `isolated` exactly on the
 * codes whose partner is not in the same segment, and multi-segment units whose first segment shares the unit's state.
 */
import fc from 'fast-check'
import type { InlineCode, InlineContent, TranslationUnit, UnitNote, UnitSegment, UnitState } from '../../src/types.js'

const pieces = [
  'أكد', 'الرئيس', 'مُحَمَّد', 'كتـــاب', '٣٤٥', '۱۲', '،', '؛', '؟', '۔', '\u200f', '\u200e', '\u202b', '\u202c', 'ﻻ',
  'the', 'Mizan', 'café', 'e\u0301', '😀', '👩🏽‍💻', '&', '<', '>', '"', "'", ']]>', '<b>', '&amp;', ' ', '  ', '\n', '\t', '\r\n', '\r', '.', '!', 'x-y',
]
/** Text made of the pieces above. */
export const textArbitrary = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''))
const nonEmptyText = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''))
const dataArbitrary = fc.option(fc.constantFrom('<b>', '</b>', '{0}', '<img src="a&b.png"/>', '%s', 'ﻻ<br/>'), { nil: undefined })

type Step = { text: string } | { code: 'ph' | 'open' | 'close' | 'markOpen' | 'markClose'; pick: number; data: string | undefined }
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: nonEmptyText.map((text) => ({ text })) },
  { weight: 2, arbitrary: fc.record({ code: fc.constantFrom('ph', 'open', 'close', 'markOpen', 'markClose') as fc.Arbitrary<'ph' | 'open' | 'close' | 'markOpen' | 'markClose'>, pick: fc.nat(), data: dataArbitrary }) },
)

/** Builds canonical inline content from steps; `next` numbers code ids across a unit side. */
function buildContent(steps: Step[], next: { id: number }): InlineContent {
  const content: InlineContent = []
  const openCodes: InlineCode[] = []
  const openMarks: string[] = []
  const push = (item: string | InlineCode): void => {
    const last = content.length - 1
    if (typeof item === 'string' && last >= 0 && typeof content[last] === 'string') content[last] = (content[last] as string) + item
    else content.push(item)
  }
  const code = (kind: InlineCode['kind'], id: string, data: string | undefined): InlineCode => (data === undefined ? { kind, id } : { kind, id, data })
  for (const step of steps) {
    if ('text' in step) {
      push(step.text)
      continue
    }
    switch (step.code) {
      case 'ph':
        push(code('standalone', `c${++next.id}`, step.data))
        break
      case 'open': {
        const open = code('open', `c${++next.id}`, step.data)
        openCodes.push(open)
        push(open)
        break
      }
      case 'close': {
        if (openCodes.length === 0) {
          push({ ...code('close', `c${++next.id}`, step.data), isolated: true })
          break
        }
        const [open] = openCodes.splice(step.pick % openCodes.length, 1)
        push(code('close', open!.id, step.data))
        break
      }
      case 'markOpen': {
        const id = `m${++next.id}`
        openMarks.push(id)
        push({ kind: 'markStart', id })
        break
      }
      case 'markClose':
        if (openMarks.length > 0) push({ kind: 'markEnd', id: openMarks.splice(step.pick % openMarks.length, 1)[0]! })
        break
    }
  }
  for (const id of openMarks.reverse()) push({ kind: 'markEnd', id })
  for (const open of openCodes) open.isolated = true
  return content
}

const contentSteps = fc.array(stepArbitrary, { maxLength: 7 })
const states: Array<UnitState | undefined> = [undefined, 'initial', 'translated', 'reviewed', 'final']
const stateArbitrary = fc.constantFrom(...states)
const subStateArbitrary = fc.option(fc.constantFrom('my:check', 'needs-review-translation', 'x-custom', 'signed-off', 'plain words'), { nil: undefined })
const secondsDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z'))
const anyDate = fc.oneof(secondsDate, fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()))

const idArbitrary = fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/), fc.constantFrom('وحدة-١', 'u 1', 'a/b#c', 'x&y', '٣'))

interface SideSpec {
  source: Step[]
  target: Step[]
}

function side(steps: SideSpec, next: { source: { id: number }; target: { id: number } }): { source: InlineContent; target: InlineContent } {
  return { source: buildContent(steps.source, next.source), target: buildContent(steps.target, next.target) }
}

const plain = (content: InlineContent): string => content.filter((item): item is string => typeof item === 'string').join('')
const hasCodes = (content: InlineContent): boolean => content.some((item) => typeof item !== 'string')

/** A canonical unit. */
export const unitArbitrary: fc.Arbitrary<TranslationUnit> = fc
  .record({
    id: idArbitrary,
    single: fc.record({ source: contentSteps, target: contentSteps }),
    untranslated: fc.boolean(),
    segments: fc.option(fc.array(fc.record({ source: contentSteps, target: contentSteps, id: fc.option(fc.stringMatching(/^s[0-9]{1,3}$/), { nil: undefined }), state: stateArbitrary, ignorable: fc.boolean() }), { minLength: 2, maxLength: 4 }), { nil: undefined }),
    state: stateArbitrary,
    subState: subStateArbitrary,
    notes: fc.option(fc.array(fc.record({ text: textArbitrary, from: fc.option(fc.constantFrom('reviewer', 'م. علي'), { nil: undefined }), category: fc.option(fc.constantFrom('terminology', 'سياق'), { nil: undefined }), priority: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }), appliesTo: fc.option(fc.constantFrom('source' as const, 'target' as const), { nil: undefined }) }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    context: fc.option(fc.record({ previous: fc.option(textArbitrary, { nil: undefined }), next: fc.option(textArbitrary, { nil: undefined }) }), { nil: undefined }),
    origin: fc.option(fc.record({ document: fc.option(fc.constantFrom('news/ar-1.txt', 'وثيقة.txt'), { nil: undefined }), sourceSentences: fc.option(fc.array(fc.nat(500), { maxLength: 3 }), { nil: undefined }), targetSentences: fc.option(fc.array(fc.nat(500), { maxLength: 3 }), { nil: undefined }) }), { nil: undefined }),
    alignment: fc.option(fc.record({ score: fc.integer({ min: 0, max: 1000 }).map((value) => value / 1000), shape: fc.constantFrom('1-1', '1-2', '2-1', '1-6', '2-2', '0-1') }), { nil: undefined }),
    metadata: fc.option(fc.dictionary(fc.constantFrom('domain', 'client', 'x-mizan-state', 'مجال', 'a b', 'k=v'), textArbitrary, { minKeys: 1 }), { nil: undefined }),
    createdAt: fc.option(anyDate, { nil: undefined }),
    changedAt: fc.option(secondsDate, { nil: undefined }),
  })
  .map((spec) => {
    const unit: TranslationUnit = { id: spec.id, source: '', target: '' }
    const next = { source: { id: 0 }, target: { id: 0 } }
    if (spec.segments) {
      const segments: UnitSegment[] = []
      spec.segments.forEach((segmentSpec, index) => {
        const built = side(segmentSpec, next)
        // Ignorables: not first, never two in a row, with some text, and the target copies the source (white space between sentences).
        const ignorable = segmentSpec.ignorable && index > 0 && !segments[segments.length - 1]!.ignorable && plain(built.source) !== '' && !hasCodes(built.source)
        const source = built.source
        const target = spec.untranslated ? [] : ignorable ? source : built.target
        const segment: UnitSegment = { source: plain(source), target: plain(target) }
        if (segmentSpec.id !== undefined && !ignorable) segment.id = `${segmentSpec.id}-${index}`
        if (hasCodes(source)) segment.sourceContent = source
        if (hasCodes(target)) segment.targetContent = target
        if (ignorable) segment.ignorable = true
        else if (segments.some((other) => !other.ignorable) && segmentSpec.state !== undefined && segmentSpec.state !== spec.state) segment.state = segmentSpec.state
        segments.push(segment)
      })
      unit.segments = segments
      unit.source = segments.map((segment) => segment.source).join('')
      unit.target = segments.map((segment) => segment.target).join('')
      const join = (key: 'source' | 'target'): InlineContent => {
        const all: InlineContent = []
        for (const segment of segments) {
          const content = (key === 'source' ? segment.sourceContent : segment.targetContent) ?? (segment[key] === '' ? [] : [segment[key]])
          for (const item of content) {
            const last = all.length - 1
            if (typeof item === 'string' && last >= 0 && typeof all[last] === 'string') all[last] = (all[last] as string) + item
            else all.push(item)
          }
        }
        return all
      }
      if (hasCodes(join('source'))) unit.sourceContent = join('source')
      if (hasCodes(join('target'))) unit.targetContent = join('target')
    } else {
      const built = side(spec.single, next)
      const target = spec.untranslated ? [] : built.target
      unit.source = plain(built.source)
      unit.target = plain(target)
      if (hasCodes(built.source)) unit.sourceContent = built.source
      if (hasCodes(target)) unit.targetContent = target
    }
    if (spec.state !== undefined) unit.state = spec.state
    if (spec.subState !== undefined) unit.subState = spec.subState
    if (spec.notes) unit.notes = spec.notes.map((note) => Object.fromEntries(Object.entries(note).filter(([, value]) => value !== undefined)) as unknown as UnitNote)
    if (spec.context && (spec.context.previous !== undefined || spec.context.next !== undefined)) unit.context = Object.fromEntries(Object.entries(spec.context).filter(([, value]) => value !== undefined))
    if (spec.origin && Object.values(spec.origin).some((value) => value !== undefined)) unit.origin = Object.fromEntries(Object.entries(spec.origin).filter(([, value]) => value !== undefined))
    if (spec.alignment) unit.alignment = spec.alignment
    if (spec.metadata) unit.metadata = spec.metadata
    if (spec.createdAt !== undefined) unit.createdAt = spec.createdAt
    if (spec.changedAt !== undefined) unit.changedAt = spec.changedAt
    return unit
  })

/** A list of units with unique ids. */
export const unitsArbitrary = fc.uniqueArray(unitArbitrary, { selector: (unit) => unit.id, minLength: 1, maxLength: 5 })
