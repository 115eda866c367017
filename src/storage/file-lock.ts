/**
 * A lock file that makes the saves of one memory file take turns, across processes.
 *
 * A save of `tm.xlf` first creates `tm.xlf.lock` holding the saver's pid, host name, time and a random token,
 * and removes it when the save ends, however it ends. The lock is created complete in one step: its content is
 * written to a temporary file which is then hard-linked to the lock's name; `link(2)` fails with `EEXIST` when
 * the name exists, so exactly one process wins, and nobody ever reads a half-written lock. (This is the recipe
 * of the `open(2)` man page for `O_EXCL` where it is unreliable; on a file system without hard links, an
 * `O_EXCL` create, `wx`, is used instead.)
 *
 * A lock whose holder ran on this host and is no longer running is stale (the saver was killed) and is taken
 * over. Two processes may find the same stale lock, so the taker first takes a guard (`tm.xlf.lock.takeover`,
 * created like the lock), then checks that the lock is still the stale one (the same token) and removes it:
 * every remover needs the guard, so the check and the removal cannot be overtaken. A lock from another host cannot be checked: it is waited for,
 * and when the wait ends the error names the lock and its holder, so a person can remove it.
 *
 * @module
 */
import { link, open, readdir, readFile, rename, unlink } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { StorageError } from '../errors.js'

/**
 * What a lock file says about its holder.
 *
 * @internal
 */
export interface LockHolder {
  /** The holder's process id. */
  pid: number
  /** The holder's host name (`os.hostname()`). */
  host: string
  /** When the lock was taken, ISO 8601. */
  time: string
  /** Random, so a lock can be told apart from a later one of the same process. */
  token: string
}

/**
 * Options of {@link acquireFileLock}.
 *
 * @internal
 */
export interface FileLockOptions {
  /**
   * How long to wait for a lock held by a running process (or one on another host), in milliseconds.
   * @defaultValue 30000 (as SQLite's busy timeout)
   */
  timeoutMs?: number
}

const defaults = { timeoutMs: 30_000 }

/** Waits between attempts grow from the first to the last, so a short save is noticed soon and a long one is not polled hard. */
const FIRST_WAIT_MS = 2
const LAST_WAIT_MS = 100

/**
 * The lock file of `path`, absolute.
 *
 * @param path - the memory file
 * @returns its lock file's path
 * @example
 * ```ts
 * lockPathOf('/work/tm.xlf') // '/work/tm.xlf.lock'
 * ```
 * @internal
 */
export function lockPathOf(path: string): string {
  return `${resolve(path)}.lock`
}

/**
 * Takes the save lock of `path`, waiting while another running process holds it and taking over a stale one.
 *
 * @param path - the file whose saves the lock serialises (the lock is `path + '.lock'`)
 * @param options - how long to wait
 * @returns a function that releases the lock (idempotent; call it in `finally`)
 * @throws {@link StorageError} `'STORAGE_LOCKED'` naming the lock file and its holder when the wait ends; the
 *   file system's own error when the lock cannot be written (folder missing or read-only), for the caller to word
 * @example
 * ```ts
 * const release = await acquireFileLock('tm.xlf')
 * try {
 *   // check and write tm.xlf
 * } finally {
 *   await release()
 * }
 * ```
 * @internal
 */
export async function acquireFileLock(path: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs
  const lockPath = lockPathOf(path)
  const mine: LockHolder = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: randomBytes(8).toString('hex') }
  const deadline = Date.now() + timeoutMs
  let wait = FIRST_WAIT_MS
  for (;;) {
    mine.time = new Date().toISOString()
    if (await createLock(lockPath, mine)) break
    const holder = await readHolder(lockPath)
    if (holder === 'gone') continue
    // A stale lock that cannot be moved (another user's, in a sticky folder) is waited for like a live one.
    if (holder !== 'unreadable' && isStale(holder) && (await takeOverStale(lockPath, holder)) !== 'busy') continue
    if (Date.now() >= deadline) throw lockedError(path, lockPath, holder)
    await sleep(Math.min(wait, Math.max(0, deadline - Date.now())))
    wait = Math.min(LAST_WAIT_MS, wait * 2)
  }
  let released = false
  return async () => {
    if (released) return
    released = true
    // Remove only our own lock: if it was taken over (we were wrongly judged dead), it is no longer ours.
    const holder = await readHolder(lockPath)
    if (holder !== 'gone' && holder !== 'unreadable' && holder.token === mine.token) await unlink(lockPath).catch(() => undefined)
  }
}

/** Creates the lock complete, or returns false when it exists. */
async function createLock(lockPath: string, holder: LockHolder): Promise<boolean> {
  const content = `${JSON.stringify(holder)}\n`
  const temporary = lockTemporary(lockPath)
  try {
    const handle = await open(temporary, 'wx')
    try {
      await handle.writeFile(content)
    } finally {
      await handle.close()
    }
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
  try {
    await link(temporary, lockPath)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createExclusive(lockPath, content)
    throw error
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
}

/** Without hard links: `O_EXCL`. A reader may then see the lock before its content; it waits for it (unreadable). */
async function createExclusive(lockPath: string, content: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx')
    try {
      await handle.writeFile(content)
    } finally {
      await handle.close()
    }
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** The lock's holder; 'gone' when there is no lock, 'unreadable' when it is not a lock we wrote (or not yet written). */
async function readHolder(lockPath: string): Promise<LockHolder | 'gone' | 'unreadable'> {
  let text: string
  try {
    text = await readFile(lockPath, 'utf8')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable'
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>
    if (Number.isInteger(parsed.pid) && typeof parsed.host === 'string' && typeof parsed.time === 'string' && typeof parsed.token === 'string') return parsed as LockHolder
  } catch {
    // Not JSON: someone else's file, or a lock being written without hard links.
  }
  return 'unreadable'
}

/** A lock is stale when its holder ran here and is gone. A lock from another host may be live: never stale. */
function isStale(holder: LockHolder): boolean {
  return holder.host === hostname() && !isRunning(holder.pid)
}

/**
 * Whether a process of this host runs: signal 0 checks without signalling (`kill(2)`), and EPERM means it runs as
 * another user.
 *
 * @param pid - the process id
 * @returns whether it runs
 * @example
 * ```ts
 * isRunning(process.pid) // true
 * ```
 * @internal
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A temporary name beside the lock, `.tm.xlf.lock.tmp-<pid>-<random>`: the pid lets {@link removeStaleLock} remove
 * one left by a killed process, and the name is not one of the memory's own temporary files (`.tm.xlf.tmp-`).
 */
function lockTemporary(lockPath: string): string {
  return join(dirname(lockPath), `${lockTemporaryPrefix(lockPath)}${process.pid}-${randomBytes(4).toString('hex')}`)
}

function lockTemporaryPrefix(lockPath: string): string {
  return `.${basename(lockPath)}.tmp-`
}

/**
 * Removes the save lock of `path` when its holder is gone (a save killed on this host), and the lock's own
 * temporary files left by killed processes. A lock of a running process, or of another host, is left alone.
 *
 * @param path - the memory file
 * @returns whether a stale lock was removed
 * @example
 * ```ts
 * await removeStaleLock('tm.xlf') // true after a save was killed
 * ```
 * @internal
 */
export async function removeStaleLock(path: string): Promise<boolean> {
  const lockPath = lockPathOf(path)
  const prefix = lockTemporaryPrefix(lockPath)
  const names = await readdir(dirname(lockPath)).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(name.slice(prefix.length).split('-')[0])
    if (Number.isInteger(pid) && (pid === process.pid || isRunning(pid))) continue
    await unlink(join(dirname(lockPath), name)).catch(() => undefined)
  }
  const holder = await readHolder(lockPath)
  if (holder === 'gone' || holder === 'unreadable' || !isStale(holder)) return false
  return (await takeOverStale(lockPath, holder)) === 'removed'
}

/**
 * Removes the stale lock `stale` while holding the takeover guard (`tm.xlf.lock.takeover`, created like a lock), so
 * that no other taker can remove a lock meanwhile: under the guard the lock can only still be the stale one (its
 * holder is gone and every other remover needs the guard) or be gone. Moving the lock aside without a guard, as
 * {@link removeStale} does, frees the name for an instant even when what it moved had become a live lock, and a
 * third process could take the lock while the live holder still held it. A guard left by a taker killed in the
 * middle is itself stale, and is moved aside with {@link removeStale}.
 *
 * @returns 'removed'; 'changed' when the lock is no longer the stale one (look again); 'busy' to wait (another
 *   taker holds the guard, or the lock cannot be removed, e.g. another user's in a sticky folder)
 * @example
 * ```ts
 * const holder = JSON.parse(readFileSync('tm.xlf.lock', 'utf8'))
 * await takeOverStale('tm.xlf.lock', holder) // 'removed' when holder's process is gone
 * ```
 * @internal
 */
export async function takeOverStale(lockPath: string, stale: LockHolder): Promise<'removed' | 'changed' | 'busy'> {
  const guardPath = `${lockPath}.takeover`
  const guard: LockHolder = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: randomBytes(8).toString('hex') }
  if (!(await createLock(guardPath, guard))) {
    const other = await readHolder(guardPath)
    if (other !== 'gone' && other !== 'unreadable' && isStale(other)) await removeStale(guardPath, other)
    return 'busy'
  }
  try {
    const now = await readHolder(lockPath)
    if (now === 'gone' || now === 'unreadable' || now.token !== stale.token) return 'changed'
    await unlink(lockPath)
    return 'removed'
  } catch {
    return 'busy'
  } finally {
    await unlink(guardPath).catch(() => undefined)
  }
}

/**
 * Removes a stale lock, unless another process replaced it since `stale` was read (see the module notes): the
 * lock is renamed aside first, and linked back when what was renamed is not the stale lock.
 *
 * @param lockPath - the lock file
 * @param stale - the holder read from it, judged gone
 * @returns whether the lock could be moved aside (false when it was gone already, or cannot be renamed)
 * @example
 * ```ts
 * await removeStale('/work/tm.xlf.lock', holder) // leaves a lock taken meanwhile in place
 * ```
 * @internal
 */
export async function removeStale(lockPath: string, stale: LockHolder): Promise<boolean> {
  const aside = lockTemporary(lockPath)
  try {
    await rename(lockPath, aside)
  } catch (error) {
    // ENOENT: someone else moved it first, look again. Otherwise (EPERM, EACCES) it cannot be taken over.
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
  }
  const moved = await readHolder(aside)
  if (moved !== 'gone' && moved !== 'unreadable' && moved.token !== stale.token) {
    // A live lock taken after we read the stale one: put it back (link fails if yet another lock exists).
    await link(aside, lockPath).catch(() => undefined)
  }
  await unlink(aside).catch(() => undefined)
  return true
}

function lockedError(path: string, lockPath: string, holder: LockHolder | 'unreadable'): StorageError {
  const who = holder === 'unreadable' ? 'an unknown holder' : `process ${holder.pid} on ${holder.host} since ${holder.time}`
  return new StorageError(
    `cannot save ${path}: another save holds its lock ${lockPath} (${who}); wait for it, or remove the lock file if that process is gone`,
    { code: 'STORAGE_LOCKED' },
  )
}
