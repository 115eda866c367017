/**
 * Document files for `mizan align`: when either input is a .docx, .odt, .html, .md or .pdf (told by content,
 * the name deciding only Markdown), both are read into blocks by the library and aligned block by block; two
 * plain-text inputs (and standard input) stay on the text path.
 *
 * @module
 * @internal
 */
import { detectBytesFormat } from '../documents/detect-format.js'
import { readDocument, type ReadDocument } from '../documents/read-document.js'
import { inputLimit, inputName, isStandardInput, readInput } from './input.js'

/** Two documents read into blocks, and their joined texts (what the sentence offsets point into). @internal */
export interface DocumentInputs {
  source: ReadDocument
  target: ReadDocument
  sourceText: string
  targetText: string
}

/** Joins blocks as alignFiles does: a blank line between two blocks. */
function joined(document: ReadDocument): string {
  return document.blocks.map((block) => block.text).join('\n\n')
}

/**
 * Reads the two inputs as documents when either is one; undefined when both are plain text or one is standard
 * input (read once, as text, by the caller).
 *
 * @param source - the source path as the user named it
 * @param target - the target path
 * @param bytes - both inputs' bytes, when the caller has read them (each input is read once)
 * @returns the documents, or undefined for the text path
 * @throws {@link DocumentError} for a file that cannot be read (corrupt, encrypted, an old .doc...)
 * @example
 * ```ts
 * const documents = await readDocumentInputs('ar.docx', 'en.odt') // { source: { format: 'docx', blocks }, ... }
 * ```
 * @internal
 */
export async function readDocumentInputs(source: string, target: string, bytes?: { source: Buffer; target: Buffer }): Promise<DocumentInputs | undefined> {
  if (isStandardInput(source) || isStandardInput(target)) return undefined
  // The caller's bytes when it has read the inputs already: a FIFO cannot be read twice.
  const sourceBytes = bytes?.source ?? readInput(source)
  const targetBytes = bytes?.target ?? readInput(target)
  if (detectBytesFormat(sourceBytes, source) === 'text' && detectBytesFormat(targetBytes, target) === 'text') return undefined
  const options = { maxBytes: inputLimit() }
  const [sourceDocument, targetDocument] = await Promise.all([
    readDocument(sourceBytes, { ...options, file: inputName(source) }),
    readDocument(targetBytes, { ...options, file: inputName(target) }),
  ])
  return { source: sourceDocument, target: targetDocument, sourceText: joined(sourceDocument), targetText: joined(targetDocument) }
}
