/**
 * A throwaway PostgreSQL 15 cluster for tests and benchmarks: `initdb` into a temp folder, `pg_ctl start` on a free
 * port, and `stop()` removes it all. PostgreSQL refuses to run as root, so when we are root the cluster belongs to
 * the `postgres` system user and every server command runs through `runuser`.
 *
 * Tests call {@link startPostgres} in `beforeAll` and `stop()` in `afterAll`. A missing binary or `pg_trgm`
 * skips loudly locally and fails on CI (see {@link haveTool}).
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { haveTool } from './tools.js'

/** Where Debian puts the PostgreSQL 15 server binaries. */
export const postgresBin = process.env.MIZAN_PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** A running throwaway cluster. */
export interface PostgresCluster {
  /** A connection string for the `postgres` database, e.g. `postgres://postgres@127.0.0.1:54321/postgres`. */
  url: string
  /** The TCP port it listens on. */
  port: number
  /** The data folder. */
  dataDir: string
  /** Creates a fresh empty database and returns its connection string (one per test file keeps them apart). */
  createDatabase(name: string): string
  /** Drops a database if it exists. */
  dropDatabase(name: string): void
  /** The connection string of a database (existing or not). */
  databaseUrl(name: string): string
  /** Stops the server (fast shutdown) and deletes the data folder (kept with `keepIn`). Safe to call twice. */
  stop(): void
}

/** Options for {@link startPostgres}. */
export interface StartPostgresOptions {
  /**
   * Trade durability for speed (fsync, synchronous_commit and full_page_writes off). Fine for tests, where the
   * cluster dies with the run; a benchmark that wants server-realistic figures passes `false`.
   * @defaultValue true
   */
  fast?: boolean
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>
  /**
   * Keep the cluster in this folder (created when missing) instead of a temp folder: a folder holding a cluster
   * from an earlier run is started again as it is (bench/storage.ts `--pg-cache`), and `stop()` stops the server
   * but keeps the folder. Must be an absolute path the `postgres` user can reach when we run as root.
   * @defaultValue a fresh temp folder, deleted by `stop()`
   */
  keepIn?: string
}

/** Whether the PostgreSQL binaries and the pg_trgm extension are installed (checked loudly via haveTool). */
export function havePostgres(): boolean {
  return haveTool('PostgreSQL 15 server binaries and pg_trgm (Debian postgresql-15, postgresql-contrib)', () => {
    if (!existsSync(join(postgresBin, 'initdb')) || !existsSync(join(postgresBin, 'pg_ctl'))) return false
    return existsSync('/usr/share/postgresql/15/extension/pg_trgm.control')
  })
}

/** A TCP port nobody listens on right now (the kernel's pick). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a throwaway cluster with trust authentication on 127.0.0.1 and a Unix socket inside its own folder.
 *
 * @param options - speed/durability trade and extra settings
 * @returns the running cluster; call `stop()` when done
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const asRoot = userInfo().uid === 0
  const kept = options.keepIn
  if (kept !== undefined) mkdirSync(kept, { recursive: true })
  const root = kept ?? mkdtempSync(join(tmpdir(), 'mizan-pg-'))
  const dataDir = join(root, 'data')
  const logFile = join(root, 'server.log')
  const existing = kept !== undefined && existsSync(join(dataDir, 'PG_VERSION'))
  if (asRoot) {
    const pgUser = lookupPostgresIds()
    chownSync(root, pgUser.uid, pgUser.gid)
  }
  chmodSync(root, 0o700)
  // Runs a server binary as the cluster owner: ourselves, or `postgres` when we are root.
  const run = (binary: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(postgresBin, binary), ...args], { stdio: 'pipe', cwd: root })
      : execFileSync(join(postgresBin, binary), args, { stdio: 'pipe', cwd: root })

  if (!existing) run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'])
  const port = await freePort()
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: root,
    max_connections: '60',
    shared_buffers: '256MB',
    ...(options.fast !== false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  }
  const conf = Object.entries(settings).map(([name, value]) => `${name} = '${value}'`).join('\n')
  writeFileSync(join(dataDir, 'postgresql.auto.conf'), `${conf}\n`)
  if (asRoot) {
    const pgUser = lookupPostgresIds()
    chownSync(join(dataDir, 'postgresql.auto.conf'), pgUser.uid, pgUser.gid)
  }
  try {
    run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'])
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no log)'
    if (kept === undefined) rmSync(root, { recursive: true, force: true })
    throw new Error(`startPostgres: pg_ctl start failed:\n${log}`, { cause: error })
  }
  let stopped = false
  const databaseUrl = (name: string): string => `postgres://postgres@127.0.0.1:${port}/${name}`
  // Runs one statement on a database named by us (checked, since it is spliced into the SQL).
  const databaseStatement = (statement: string, name: string): void => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`startPostgres: bad database name ${name}`)
    run('psql', ['-h', root, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-q', '-c', `${statement} ${name}`])
  }
  return {
    url: databaseUrl('postgres'),
    port,
    dataDir,
    createDatabase(name: string): string {
      databaseStatement('CREATE DATABASE', name)
      return databaseUrl(name)
    },
    dropDatabase(name: string): void {
      databaseStatement('DROP DATABASE IF EXISTS', name)
    },
    databaseUrl,
    stop(): void {
      if (stopped) return
      stopped = true
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'])
      } finally {
        if (kept === undefined) rmSync(root, { recursive: true, force: true })
      }
    },
  }
}

/** The uid and gid of the `postgres` system user, from /etc/passwd. */
function lookupPostgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'))
  if (!line) throw new Error('startPostgres: we run as root but there is no postgres system user to own the cluster')
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}
