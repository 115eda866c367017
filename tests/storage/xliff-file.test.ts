import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, chmodSync, statSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { removeStaleTemporaries, temporaryPrefix, writeFileAtomic } from '../../src/storage/xliff-file.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { FormatError, OptionsError, StorageError, isFormatError } from '../../src/errors.js'
import { growOwnPairs } from '../helpers/own-pairs.js'

const repoRoot = resolve(import.meta.dirname, '../..')
/**
 * Units in the large memory of the crash test: a ~7 MB file whose save takes about a second here, long enough to
 * be caught in the middle by a 2 ms poll. (Building it, through the memory's indexes, costs more than saving it.)
 */
const LARGE = 10_000
/** Units for the uninterrupted save, which only checks that the file is complete. */
const MEDIUM = 2_000

/**
 * The child process of the crash tests, written to a temporary folder (it imports the memory from src by URL):
 * opens the memory file argv[2], adds argv[3] units built from the pairs of the TSV file argv[4] (numbered, so each
 * is distinct), prints "ready", saves, and prints "saved". The parent kills it with SIGKILL in the middle of the
 * save.
 */
function childScript(): string {
  const file = join(folder(), 'save-large-memory.mts')
  writeFileSync(
    file,
    `import { readFileSync } from 'node:fs'
import { TranslationMemory } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'src', 'tm', 'translation-memory.ts')).href)}
const [path, countText, tsvPath] = process.argv.slice(2)
const pairs = readFileSync(tsvPath, 'utf8').split('\\n').filter((line) => line.includes('\\t')).map((line) => line.split('\\t'))
const tm = await TranslationMemory.open(path)
await tm.addAll(Array.from({ length: Number(countText) }, (_, index) => {
  const [source, target] = pairs[index % pairs.length]
  return { id: 'pair-' + index, source: source + ' (' + index + ')', target: target + ' (' + index + ')' }
}))
process.stdout.write('ready\\n')
await tm.save()
process.stdout.write('saved\\n')
`,
  )
  return file
}

/**
 * A TSV of Arabic-English lines for the memories of the crash tests: our fixture pairs (tests/fixtures/pairs), four
 * joined per line, so that a unit is about as long as a sentence of a formal document (some 350 characters).
 */
function pairsFile(): string {
  const pairs = growOwnPairs(undefined, 4 * 2_000)
  const lines: string[] = []
  for (let index = 0; index < pairs.length; index += 4) {
    const group = pairs.slice(index, index + 4)
    lines.push(`${group.map((pair) => pair.source).join(' ')}\t${group.map((pair) => pair.target).join(' ')}`)
  }
  const file = join(folder(), 'pairs.tsv')
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'mizan-xliff-file-'))
}

describe('writeFileAtomic', () => {
  it('writes a string and leaves no temporary file behind', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    const bytes = await writeFileAtomic(file, 'مرحبا <b>&</b>\n')
    expect(readFileSync(file, 'utf8')).toBe('مرحبا <b>&</b>\n')
    expect(bytes).toBe(Buffer.byteLength('مرحبا <b>&</b>\n'))
    expect(readdirSync(dir)).toEqual(['tm.xlf'])
  })

  it('writes sync and async chunks in order, reporting bytes as it goes', async () => {
    const dir = folder()
    const file = join(dir, 'big.xlf')
    const line = 'أكد الرئيس الصيني شي جين بينج. The Chinese president said.\n'
    async function* chunks(): AsyncGenerator<string> {
      for (let i = 0; i < 40_000; i++) yield line
    }
    const seen: number[] = []
    const bytes = await writeFileAtomic(file, chunks(), (count) => seen.push(count))
    expect(bytes).toBe(Buffer.byteLength(line) * 40_000)
    expect(statSync(file).size).toBe(bytes)
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.at(-1)).toBe(bytes)
    await writeFileAtomic(file, ['a', 'b', 'c'])
    expect(readFileSync(file, 'utf8')).toBe('abc')
  })

  it('replaces an existing file and keeps its permissions', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    writeFileSync(file, 'old')
    chmodSync(file, 0o600)
    await writeFileAtomic(file, 'new')
    expect(readFileSync(file, 'utf8')).toBe('new')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('keeps the old file and removes the temporary file when the content fails mid-way', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    writeFileSync(file, 'old content')
    async function* failing(): AsyncGenerator<string> {
      yield 'x'.repeat(3 << 20)
      throw new Error('writer broke')
    }
    const error = await writeFileAtomic(file, failing()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StorageError)
    expect((error as StorageError).message).toMatch(/cannot write .*tm\.xlf: writer broke/)
    expect(readFileSync(file, 'utf8')).toBe('old content')
    expect(readdirSync(dir)).toEqual(['tm.xlf'])
  })

  it('throws a StorageError naming the file when the directory does not exist', async () => {
    const file = join(folder(), 'missing', 'tm.xlf')
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow(StorageError)
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow(/cannot write .*missing\/tm\.xlf: no such file or directory/)
  })

  it('throws a StorageError when the target is a directory, leaving it alone', async () => {
    const dir = folder()
    mkdirSync(join(dir, 'tm.xlf'))
    await expect(writeFileAtomic(join(dir, 'tm.xlf'), 'x')).rejects.toThrow(StorageError)
    expect(readdirSync(dir)).toEqual(['tm.xlf'])
    expect(statSync(join(dir, 'tm.xlf')).isDirectory()).toBe(true)
  })
})

describe('removeStaleTemporaries', () => {
  it('removes temporaries of dead processes and keeps those of live ones and other files', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    const prefix = temporaryPrefix(file)
    // pid 2^22+1 is above Linux's pid_max default ceiling, so it is never a live process.
    writeFileSync(join(dir, `${prefix}4194305-abcd`), 'partial')
    writeFileSync(join(dir, `${prefix}${process.ppid}-abcd`), 'a live writer')
    writeFileSync(join(dir, 'other.xlf'), 'keep')
    const removed = await removeStaleTemporaries(file)
    expect(removed).toEqual([`${prefix}4194305-abcd`])
    expect(readdirSync(dir).sort()).toEqual([`${prefix}${process.ppid}-abcd`, 'other.xlf'].sort())
  })
})

describe('TranslationMemory.open and save', () => {
  it('starts empty when the file is absent, creates it on save, and reads back every field', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    const tm = await TranslationMemory.open(file)
    expect(await tm.size()).toBe(0)
    expect(existsSync(file)).toBe(false)
    await tm.add({ id: 'u1', source: 'أكّد الرئيس أنّ العلاقات قويّة، أليس كذلك؟', target: 'The president said relations are strong, did he not?', state: 'reviewed', alignment: { score: 0.93, shape: '1-1' }, context: { previous: 'مرحبا.' }, origin: { document: 'ar.txt', sourceSentences: [1], targetSentences: [1] } })
    await tm.add({ id: 'u2', source: '٣ اتفاقيات <b>&</b>', target: '3 agreements <b>&</b>' })
    const bytes = await tm.save()
    expect(statSync(file).size).toBe(bytes)
    const xml = readFileSync(file, 'utf8')
    expect(xml).toMatch(/<xliff [^>]*version="2\.1"/)
    expect(xml).toMatch(/<xliff [^>]*srcLang="ar"/)
    expect(xml).toMatch(/<xliff [^>]*trgLang="en"/)

    const again = await TranslationMemory.open(file)
    expect(again.sourceLang).toBe('ar')
    expect(again.targetLang).toBe('en')
    const before: unknown[] = []
    for await (const unit of tm.units()) before.push(unit)
    const after: unknown[] = []
    for await (const unit of again.units()) after.push(unit)
    expect(after).toEqual(before)
    expect((await again.lookup('أكد الرئيس أن العلاقات قوية، أليس كذلك؟'))[0]?.unit.id).toBe('u1')
  })

  it('takes the languages of a new file from its options, and of an existing file from the file', async () => {
    const dir = folder()
    const file = join(dir, 'fa.xlf')
    const tm = await TranslationMemory.open(file, { sourceLang: 'en', targetLang: 'ar' })
    await tm.add({ source: 'Thank you', target: 'شكرا' })
    await tm.save()
    const again = await TranslationMemory.open(file, { sourceLang: 'fr', targetLang: 'de' })
    expect([again.sourceLang, again.targetLang]).toEqual(['en', 'ar'])
  })

  it('reads an XLIFF 1.2 file and saves it as XLIFF 2.1', async () => {
    const dir = folder()
    const file = join(dir, 'old.xlf')
    writeFileSync(file, '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="ar" target-language="en" datatype="plaintext"><body><trans-unit id="a"><source>نعم</source><target>Yes</target></trans-unit></body></file></xliff>\n')
    const tm = await TranslationMemory.open(file)
    expect(await tm.size()).toBe(1)
    await tm.save()
    expect(readFileSync(file, 'utf8')).toContain('version="2.1"')
    expect((await (await TranslationMemory.open(file)).get('a'))?.target).toBe('Yes')
  })

  it('rejects a malformed file with a FormatError naming the file and line', async () => {
    const dir = folder()
    const file = join(dir, 'bad.xlf')
    writeFileSync(file, '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar">\n<file id="f1">\n<unit id="1"><segment><source>نص</segment></unit>\n</file></xliff>\n')
    const error = await TranslationMemory.open(file).catch((caught: unknown) => caught)
    expect(isFormatError(error)).toBe(true)
    expect((error as FormatError).line).toBe(4)
    expect((error as Error).message).toContain('bad.xlf')
  })

  it('rejects a directory with a StorageError', async () => {
    await expect(TranslationMemory.open(folder())).rejects.toThrow(/it is a directory, expected an XLIFF file/)
  })

  it('asks for a path when the memory did not come from a file', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await expect(tm.save()).rejects.toThrow(OptionsError)
    const file = join(folder(), 'new.xlf')
    await tm.add({ source: 'لا', target: 'No' })
    await tm.save(file)
    expect(await (await TranslationMemory.open(file)).size()).toBe(1)
  })

  it('keeps the old file whole when the saving process is killed mid-save', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    const small = await TranslationMemory.open(file)
    await small.addAll([
      { id: 'a', source: 'صباح الخير.', target: 'Good morning.' },
      { id: 'b', source: 'مساء الخير.', target: 'Good evening.' },
      { id: 'c', source: 'تصبح على خير.', target: 'Good night.' },
    ])
    await small.save()
    const old = readFileSync(file)

    const child = spawn(process.execPath, ['--import', 'tsx', childScript(), file, String(LARGE), pairsFile()], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<NodeJS.Signals | null>((resolvePromise) => child.on('exit', (_code, signal) => resolvePromise(signal)))
    await new Promise<void>((resolvePromise, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
        if (stdout.includes('ready')) resolvePromise()
      })
      child.on('exit', () => reject(new Error(`child ended before saving: ${stderr}`)))
    })
    // Kill once the temporary file holds data: the save is under way and the rename has not happened.
    const prefix = temporaryPrefix(file)
    let partial = 0
    for (let tries = 0; tries < 20_000 && partial === 0; tries++) {
      const temporary = readdirSync(dir).find((name) => name.startsWith(prefix))
      if (temporary !== undefined) partial = statOrZero(join(dir, temporary))
      if (partial === 0) await new Promise((resolvePromise) => setTimeout(resolvePromise, 2))
    }
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    expect(partial).toBeGreaterThan(0)
    expect(stdout).not.toContain('saved')

    expect(readFileSync(file).equals(old)).toBe(true)
    expect(readdirSync(dir).some((name) => name.startsWith(prefix))).toBe(true)
    const reopened = await TranslationMemory.open(file)
    expect(await reopened.size()).toBe(3)
    expect(readdirSync(dir)).toEqual(['tm.xlf'])
  })

  it('writes the whole memory when the save is not interrupted', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    const child = spawn(process.execPath, ['--import', 'tsx', childScript(), file, String(MEDIUM), pairsFile()], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    const code = await new Promise<number | null>((resolvePromise) => child.on('exit', (exitCode) => resolvePromise(exitCode)))
    expect(code).toBe(0)
    expect(stdout).toContain('saved')
    expect(readFileSync(file, 'utf8').match(/<unit /g)).toHaveLength(MEDIUM)
    expect(readdirSync(dir)).toEqual(['tm.xlf'])
  })
})

function statOrZero(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
