/**
 * Parses one XML part of an office package (OOXML, ODF) into a tree with the project's XML reader and its
 * limits (no DOCTYPE, no entity expansion, bounded depth), turning a parse failure into a {@link DocumentError}.
 *
 * @module
 */
import { FormatError } from '../errors.js'
import { XmlTreeReader, type XmlElement } from '../formats/xml.js'
import { DocumentError } from './document-error.js'

/**
 * The root element of an XML part, read whole.
 *
 * @param text - the part's text
 * @param part - its name in the package, for messages
 * @param file - the file, for messages
 * @returns the root element with its children
 * @throws {@link DocumentError} `DOCUMENT_CORRUPT` naming the part, line and column when the XML is not well formed
 *   or unsafe (a DOCTYPE)
 * @internal
 */
export function parseXmlPart(text: string, part: string, file: string | undefined): XmlElement {
  let root: XmlElement | undefined
  const reader = new XmlTreeReader(
    {
      isContainer: () => false,
      open: () => {},
      close: () => {},
      element: (element) => {
        root = element
      },
    },
    'xml',
    // The package's own limits bound the part's size; the tree limit would only refuse long documents.
    { maxElementChars: Number.POSITIVE_INFINITY, maxTokenChars: Number.POSITIVE_INFINITY },
    part,
  )
  try {
    reader.feed(text)
    reader.end()
  } catch (error) {
    if (error instanceof FormatError) {
      const where = error.line === undefined ? '' : ` at line ${error.line}, column ${error.column}`
      throw new DocumentError(`the XML part does not parse${where}: ${error.message.replace(/^mizan: [^:]*: /, '')}; the file is damaged`, {
        code: 'DOCUMENT_CORRUPT',
        part,
        cause: error,
        file,
      })
    }
    throw error
  }
  if (!root) throw new DocumentError('the XML part has no root element; the file is damaged', { code: 'DOCUMENT_CORRUPT', part, file })
  return root
}

/** The first child element named `local`, if any. @internal */
export function child(element: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!element) return undefined
  for (const node of element.children) if (typeof node !== 'string' && node.local === local) return node
  return undefined
}

/** An attribute by local name, whatever its prefix (`w:val`, `text:style-name`). @internal */
export function attribute(element: XmlElement | undefined, local: string): string | undefined {
  if (!element) return undefined
  const attributes = element.attributes
  if (attributes[local] !== undefined) return attributes[local]
  for (const key in attributes) if (key.endsWith(`}${local}`)) return attributes[key]
  return undefined
}
