/**
 * `mizan serve MEMORY`: serves a memory over HTTP (see src/serve/ and docs/serve.md) until Ctrl-C (SIGINT) or
 * SIGTERM, which stop taking requests, let those under way finish and the last save land, then close the memory.
 *
 * Reading is open unless `--read-token` is given; writing always needs the write token, printed at start unless
 * `--write-token` (or `MIZAN_WRITE_TOKEN`) gives it. The server listens on 127.0.0.1; another `--host` is allowed
 * with a warning, since then anyone who can reach the port can read the memory. With `--workers N` on a database
 * memory this process becomes the primary of N worker processes, each running this command (serve-workers.ts).
 *
 * @module
 * @internal
 */
import { untilStopped } from '../until-stopped.js'
import { Option, type Command } from 'commander'
import { isServeWorker, leaveCluster, serveWithWorkers, workerStopped, type WorkerReady } from './serve-workers.js'
import { isLoopback } from '../../serve/guards.js'
import { startServeServer } from '../../serve/server.js'
import { UserError, type CliIo } from '../io.js'
import { isStoreSpec, openMemory } from '../memory.js'
import { formatByteSize, integerIn, parseByteSize } from '../options.js'

interface ServeFlags {
  port: number
  host: string
  readToken?: string
  writeToken?: string
  cors?: string
  maxBody: number
  maxQuery: number
  maxCandidates: number
  timeLimit: number
  logText?: boolean
  sourceLang?: string
  targetLang?: string
  workers: number
}

/** Adds the `serve` command. @internal */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('serve a memory over HTTP: the tmserver/amaGama API that CAT tools and Weblate ask, and /v1')
    .argument('<memory>', 'an XLIFF memory file, sqlite:tm.db or postgres://...')
    .option('--port <n>', 'the port (0: a free one)', integerIn(0, 65535), 8080)
    .option('--host <address>', 'the address to listen on; anything but loopback is reachable by others', '127.0.0.1')
    .option('--read-token <token>', 'reading needs this token (default: reading is open)')
    .addOption(new Option('--write-token <token>', 'the token writes need (default: a random one, printed)').env('MIZAN_WRITE_TOKEN'))
    .option('--cors <origin>', 'the one browser origin allowed to call the server (default: none)')
    .addOption(new Option('--max-body <size>', 'the largest request body (uploads included)').argParser(parseByteSize).default(16 * 1024 * 1024, formatByteSize(16 * 1024 * 1024)))
    .option('--max-query <n>', 'the longest query text, in characters', integerIn(1, 100_000), 2000)
    .option('--max-candidates <n>', 'the most matches a search returns', integerIn(1, 10_000), 50)
    .option('--time-limit <ms>', 'the time a request may take, in milliseconds', integerIn(1, 3_600_000), 10_000)
    .option('--log-text', 'put request URLs (and so the text searched for) in the access log')
    .option('--source-lang <tag>', 'language of the source, for a new database memory (default ar)')
    .option('--target-lang <tag>', 'language of the target, for a new database memory (default en)')
    .option('--workers <n>', 'processes answering requests on the same port (SQLite and PostgreSQL memories)', integerIn(1, 256), 1)
    .addHelpText(
      'after',
      `
Example:
  mizan serve tm.xlf --port 8080
  mizan serve sqlite:tm.db --workers 2    # two processes on one port (one per core)
  curl 'http://127.0.0.1:8080/tmserver/ar/en/unit/<text>'

The access log goes to stderr as JSON lines. Ctrl-C stops the server after the last save.`,
    )
    .action(async (spec: string, flags: ServeFlags) => {
      if (flags.cors !== undefined && !/^https?:\/\/[^/\s]+$/.test(flags.cors)) throw new UserError(`--cors must be an origin such as https://tm.example.org (scheme and host, no path), got ${JSON.stringify(flags.cors)}`)
      if (flags.readToken === '' || flags.writeToken === '') throw new UserError('tokens must not be empty')
      const worker = isServeWorker()
      // A worker listens for the primary's stop from the start: a stop sent while it opens the memory is kept.
      const workerStop = worker ? workerStopped() : undefined
      if (flags.workers > 1 && !isStoreSpec(spec)) throw new UserError(`--workers ${flags.workers} needs a sqlite: or postgres:// memory: an XLIFF file memory is held by one process, and several would overwrite each other's saves`)
      if (!isLoopback(flags.host) && !worker) io.err.write(`mizan: warning: listening on ${flags.host}: anyone who can reach this address can ${flags.readToken === undefined ? 'read the memory (give --read-token to close reading)' : 'try the tokens'}; use TLS in front of it on an open network\n`)
      if (flags.workers > 1 && !worker) return serveWithWorkers(flags.workers, flags.writeToken, io)
      const languages = { ...(flags.sourceLang === undefined ? {} : { sourceLang: flags.sourceLang }), ...(flags.targetLang === undefined ? {} : { targetLang: flags.targetLang }) }
      const memory = await openMemory(spec, { create: false, ...languages })
      // Writes into an XLIFF file memory are saved one after another (each save writes the whole file atomically).
      let saving: Promise<void> = Promise.resolve()
      const afterWrite = (): Promise<void> => (saving = saving.catch(() => undefined).then(() => memory.save()))
      let server
      try {
        server = await startServeServer({
          tm: memory.tm,
          host: flags.host,
          port: flags.port,
          ...(flags.readToken === undefined ? {} : { readToken: flags.readToken }),
          ...(flags.writeToken === undefined ? {} : { writeToken: flags.writeToken }),
          ...(flags.cors === undefined ? {} : { cors: flags.cors }),
          maxBodyBytes: flags.maxBody,
          maxQueryLength: flags.maxQuery,
          maxCandidates: flags.maxCandidates,
          timeLimitMs: flags.timeLimit,
          logText: flags.logText === true,
          log: (line) => io.err.write(line),
          // Tells the processes of --workers apart (the same header, with its pid, from each).
          ...(worker ? { worker: String(process.pid) } : {}),
          afterWrite,
          // The program's --version (our package.json), for the OpenAPI document.
          version: program.version() ?? '0.0.0',
        })
      } catch (error) {
        await memory.close()
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UserError(`cannot listen on ${flags.host}:${flags.port} (${code})`)
        throw error
      }
      const units = await memory.tm.size()
      const banner = `mizan serve: ${units} units (${memory.tm.sourceLang}→${memory.tm.targetLang} and back) from ${memory.name} on ${server.url}`
      if (worker) {
        // The primary prints the banner and the token once, for all workers.
        process.send?.({ type: 'mizan-serve-ready', banner } satisfies WorkerReady)
      } else {
        io.out(banner)
        if (flags.writeToken === undefined) io.out(`write token: ${server.writeToken}`)
        io.out('Press Ctrl-C to stop.')
      }
      await (workerStop ?? untilStopped())
      try {
        await server.close()
        await saving
      } finally {
        await memory.close()
        if (worker) leaveCluster()
      }
      if (!worker) io.out('stopped')
    })
}
