/**
 * Mutations of an XML document for the fuzz tests: characters, elements and attributes inserted, deleted,
 * duplicated or changed, text edited inside `<seg>`, `<source>`, `<target>`, `<prop>` and `<context>`, numbers in
 * mizan's extras moved, and prologs put before the document. The TMX and XLIFF 1.2 fuzz test draws them with
 * mizan's own props, context types and segment maps ({@link mutation}); the XLIFF 2 and streaming one with its own
 * vocabulary; both apply them with {@link mutate}.
 */
import fc from 'fast-check'

/** One damage to a document; the numbers pick places, taken modulo what the document has. */
export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'prepend'; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'element'; pick: number; action: 'delete' | 'duplicate' | 'unwrap' }
  | { kind: 'add-element'; at: number; element: string }
  | { kind: 'attribute'; pick: number; action: 'change' | 'drop' | 'duplicate'; value: string }
  | { kind: 'add-attribute'; pick: number; attribute: string }
  | { kind: 'text'; pick: number; at: number; insert: string; remove: number }
  | { kind: 'number'; pick: number; delta: number }

/** Characters and fragments inserted at random places. */
const characters = ['a', ' ', 'ب', '😀', '<', '>', '&', '"', "'", '&amp;', '&#x1F600;', '&#xD83D;', '&lt;', '\r', '\n', ']]>', '<!-- c -->', '<?pi?>', '<![CDATA[x]]>', '=', '/', '\u200f']

/** Elements inserted after a tag: inline codes of both formats, mizan's props and contexts, notes. */
const elements = [
  '<ph x="1"/>', '<ph x="7">{0}</ph>', '<bpt i="1" x="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>', '<bpt i="9"/>', '<it pos="begin" x="2"/>', '<it pos="end" x="2"/>', '<hi x="3">و</hi>', '<ut>u</ut>', '<ph type="x-mizan-mark-start" x="m1"/>',
  '<note>ن</note>', '<prop type="x-mizan-state">final</prop>', '<prop type="x-mizan-state">done</prop>', '<prop type="x-mizan-subState">x-y</prop>', '<prop type="x-mizan-segments">[[null,1,0,1,0,null,null,0]]</prop>',
  '<prop type="x-mizan-segments">[[null,1,0,1,0,null,null,0],[null,1,0,1,0,null,null,0]]</prop>', '<prop type="x-mizan-note.0">{"from":"a"}</prop>', '<prop type="x-mizan-note.3">{"priority":"high"}</prop>', '<prop type="x-mizan-note.0">{"text":"other"}</prop>', '<prop type="x-mizan-note.0">{"from":"\\ud83d"}</prop>', '<prop type="x-mizan-segments">[["\\u0001",1,0,1,0,null,null,0]]</prop>',
  '<prop type="x-mizan-created">2020-01-01T00:00:00.5Z</prop>', '<prop type="x-mizan-changed">yesterday</prop>', '<prop type="x-mizan-alignment-shape">1-1</prop>', '<prop type="x-mizan-alignment-score">-0</prop>', '<prop type="domain">law</prop>',
  '<x id="1"/>', '<bx id="2"/>', '<ex id="2"/>', '<bpt id="3">&lt;i&gt;</bpt>', '<ept id="3">&lt;/i&gt;</ept>', '<it id="4" pos="open">&lt;u&gt;</it>', '<g id="5">غ</g>', '<mrk mtype="term">م</mrk>', '<mrk mtype="seg" mid="s9">x</mrk>', '<mrk mtype="x-a b" mid="a b">c</mrk>',
  '<note priority="3">n</note>', '<note priority="high" from="me">n</note>', '<note annotates="target">n</note>',
  '<context-group name="x-mizan:u" purpose="information"><context context-type="x-target-marks">m1 m2</context></context-group>',
  '<context-group name="x-mizan:u" purpose="information"><context context-type="x-segment-state.5">final</context><context context-type="x-note-category.4">c</context></context-group>',
  '<context-group name="x-mizan:u" purpose="information"><context context-type="x-state">done</context><context context-type="x-alignment-shape">1-1</context></context-group>',
  '<context-group name="other" purpose="information"><context context-type="database">d</context></context-group>',
]

/** Values an attribute is changed to. */
const values = ['', '1', '0', '2', 'x y', 'begin', 'end', 'open', 'close', '-1', 'NaN', 'high', '11', '3', 'final', 'new', 'translated', 'x-mine', 'yes', 'no', 'seg', 'term', 'ar', 'en', 'EN', '*all*', '1.4', '20260101T000000Z', 's1', 'm1', '٣', 'a&amp;b', 'x-mizan-segments', 'x-mizan-state', 'x-mizan-mark-start', 'x-mizan-mark-end', 'x-target-marks', 'x-segment-state.0', 'x-state', 'x-mizan:u']
const attributes = ['x="4"', 'i="1"', 'pos="begin"', 'type="bold"', 'foo="bar"', 'xml:lang="fr"', 'ctype="bold"', 'rid="1"', 'mid="s1"', 'id="1"', 'state="final"', 'approved="yes"', 'priority="1"', 'crc="1"', 'assoc="p"', 'equiv-text="e"']

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...characters) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('element' as const), pick: fc.nat(), action: fc.constantFrom('delete' as const, 'duplicate' as const, 'unwrap' as const) }),
  fc.record({ kind: fc.constant('add-element' as const), at: fc.nat(), element: fc.constantFrom(...elements) }),
  fc.record({ kind: fc.constant('attribute' as const), pick: fc.nat(), action: fc.constantFrom('change' as const, 'drop' as const), value: fc.constantFrom(...values) }),
  fc.record({ kind: fc.constant('add-attribute' as const), pick: fc.nat(), attribute: fc.constantFrom(...attributes) }),
  fc.record({ kind: fc.constant('text' as const), pick: fc.nat(), at: fc.nat(), insert: fc.constantFrom('', 'x', ' جملة.', '😀', '&amp;', 'A. B.'), remove: fc.nat(3) }),
  fc.record({ kind: fc.constant('number' as const), pick: fc.nat(), delta: fc.constantFrom(-2, -1, 1, 2, 100) }),
)

/** The places of every match of a global regex. */
function places(xml: string, pattern: RegExp): RegExpExecArray[] {
  return [...xml.matchAll(pattern)]
}

/**
 * Applies one mutation; a mutation with nothing to act on leaves the text as it is. Elements named in `kept`
 * (e.g. the root) are never deleted, duplicated or unwrapped.
 */
export function mutate(xml: string, m: Mutation, kept: readonly string[] = ['tmx', 'xliff', 'body', 'file', 'header']): string {
  switch (m.kind) {
    case 'insert': {
      const at = m.at % (xml.length + 1)
      return xml.slice(0, at) + m.text + xml.slice(at)
    }
    case 'prepend':
      return m.text + xml
    case 'delete': {
      const at = m.at % (xml.length + 1)
      return xml.slice(0, at) + xml.slice(at + m.length)
    }
    case 'duplicate': {
      const at = m.at % (xml.length + 1)
      return xml.slice(0, at + m.length) + xml.slice(at)
    }
    case 'element': {
      // An element with its content (start tag to the first end tag of the same name after it), or an empty one.
      const starts = places(xml, /<([A-Za-z][\w:.-]*)(?:\s[^<>]*)?(\/?)>/g).filter((match) => !kept.includes(match[1]!))
      if (starts.length === 0) return xml
      const start = starts[m.pick % starts.length]!
      const from = start.index
      const startEnd = from + start[0].length
      let end = startEnd
      let inner = ''
      if (start[2] !== '/') {
        const close = xml.indexOf(`</${start[1]}>`, startEnd)
        if (close === -1) return xml
        inner = xml.slice(startEnd, close)
        end = close + start[1]!.length + 3
      }
      const whole = xml.slice(from, end)
      if (m.action === 'delete') return xml.slice(0, from) + xml.slice(end)
      if (m.action === 'duplicate') return xml.slice(0, end) + whole + xml.slice(end)
      return xml.slice(0, from) + inner + xml.slice(end)
    }
    case 'add-element': {
      const ends = places(xml, />/g)
      if (ends.length === 0) return xml
      const at = ends[m.at % ends.length]!.index + 1
      return xml.slice(0, at) + m.element + xml.slice(at)
    }
    case 'attribute': {
      const found = places(xml, /\s([\w:.-]+)="([^"]*)"/g)
      if (found.length === 0) return xml
      const match = found[m.pick % found.length]!
      const end = match.index + match[0].length
      if (m.action === 'drop') return xml.slice(0, match.index) + xml.slice(end)
      if (m.action === 'duplicate') return xml.slice(0, end) + match[0] + xml.slice(end)
      return `${xml.slice(0, match.index)} ${match[1]}="${m.value}"${xml.slice(end)}`
    }
    case 'add-attribute': {
      const tags = places(xml, /<[A-Za-z][\w:.-]*/g)
      if (tags.length === 0) return xml
      const match = tags[m.pick % tags.length]!
      const at = match.index + match[0].length
      return `${xml.slice(0, at)} ${m.attribute}${xml.slice(at)}`
    }
    case 'text': {
      // Text inside <seg>, <source>, <target> (or their inline children), or inside mizan's props and contexts.
      const found = places(xml, /<(seg|source|target|prop|context)\b[^>]*>([^<]*)/g)
      if (found.length === 0) return xml
      const match = found[m.pick % found.length]!
      const textStart = match.index + match[0].length - match[2]!.length
      const at = textStart + (m.at % (match[2]!.length + 1))
      return xml.slice(0, at) + m.insert + xml.slice(Math.min(at + m.remove, textStart + match[2]!.length))
    }
    case 'number': {
      // A number in a segment map, a note prop, a sentence index list or a score.
      const found = places(xml, /(?<=(?:x-mizan-|x-)(?:segments|note\.\d+|origin-\w+-sentences|alignment-score)">[^<]*?)\d+/g)
      if (found.length === 0) return xml
      const match = found[m.pick % found.length]!
      return xml.slice(0, match.index) + String(Number(match[0]) + m.delta) + xml.slice(match.index + match[0].length)
    }
  }
}

