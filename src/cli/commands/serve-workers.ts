/**
 * `mizan serve --workers N`: the primary process of a `node:cluster`. It forks N workers, each of which runs
 * `mizan serve` with the same arguments, opens the memory itself and listens on the same port (the cluster's
 * primary holds the listening socket and hands connections to the workers in turn). A search is CPU work in one
 * process, so N workers answer up to N searches at once on N cores.
 *
 * What each process keeps for itself, and why that is safe: the write token is made here, once, and given to
 * every worker through `MIZAN_WRITE_TOKEN` (the read token and limits come with the arguments); the time limit and
 * body limits are per request; each worker writes its own access log lines to the shared stderr. The memory is a
 * database (SQLite in WAL mode, or PostgreSQL) that several processes read and write; what one worker's write
 * means for another's caches is in docs/serve.md. An XLIFF file memory is refused: it is held in memory by one
 * process, and several would overwrite each other's saves.
 *
 * @module
 * @internal
 */
import cluster, { type Worker } from 'node:cluster'
import { randomBytes } from 'node:crypto'
import { UserError, type CliIo } from '../io.js'
import { untilStopped } from '../until-stopped.js'

/** What a worker tells the primary once it listens. @internal */
export interface WorkerReady {
  type: 'mizan-serve-ready'
  /** The first line `mizan serve` prints: units, languages, memory and URL. */
  banner: string
}

/** Set in a worker's environment, so the forked `mizan serve` knows it is a worker. @internal */
const workerVariable = 'MIZAN_SERVE_WORKER'

/**
 * Whether this process is a worker forked by {@link serveWithWorkers}.
 *
 * @returns true in a worker
 * @example
 * ```ts
 * if (isServeWorker()) process.send?.({ type: 'mizan-serve-ready', banner })
 * ```
 * @internal
 */
export function isServeWorker(): boolean {
  return cluster.isWorker && process.env[workerVariable] === '1'
}

/**
 * In a worker: resolves at the first SIGINT or SIGTERM and ignores the ones after it. The primary forwards its
 * stop to each worker as SIGTERM, and a Ctrl-C in a terminal also sends SIGINT to every process of the group, so
 * a worker usually gets two signals for one stop; the second must not cut its shutdown short. (A worker whose
 * primary is gone is ended by `node:cluster` itself, when its channel to the primary closes.) Call it before the
 * memory is opened, so a stop during the start is not lost.
 *
 * @returns a promise that resolves when the worker is asked to stop
 * @example
 * ```ts
 * const stopped = workerStopped()
 * // ... open the memory, start the server ...
 * await stopped
 * await server.close()
 * ```
 * @internal
 */
export function workerStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve())
    process.on('SIGTERM', () => resolve())
  })
}

/**
 * In a worker, once the server is closed and the memory too: leaves the cluster, so the process can end (its
 * channel to the primary would keep it alive).
 *
 * @example
 * ```ts
 * await memory.close()
 * leaveCluster()
 * ```
 * @internal
 */
export function leaveCluster(): void {
  cluster.worker?.disconnect()
}

/**
 * Runs the primary: forks `workers` workers of the same command line, prints the banner and the write token
 * once, when every worker listens (or has failed, if at least one listens), forwards SIGINT/SIGTERM to them as SIGTERM, and resolves when every worker
 * has exited. A worker that exits before the stop is reported on stderr and not restarted (a worker failing at
 * start would fail again, in a loop); the others go on serving.
 *
 * @param workers - how many workers (2 or more)
 * @param writeToken - the write token given by the user, if any
 * @param io - where the banner and reports go
 * @throws UserError when every worker exited before the stop (their own messages are on stderr above it)
 * @example
 * ```ts
 * if (flags.workers > 1 && !isServeWorker()) return serveWithWorkers(flags.workers, flags.writeToken, io)
 * ```
 * @internal
 */
export async function serveWithWorkers(workers: number, writeToken: string | undefined, io: CliIo): Promise<void> {
  // One token for all: a client holding the printed token may write through whichever worker answers.
  const token = writeToken ?? randomBytes(16).toString('hex')
  let stopping = false
  let failedAtStart = 0
  let banner: string | undefined
  // Announced when every worker has listened or failed: until then the port would reach only some of them.
  const announce = (): void => {
    if (stopping || banner === undefined || readyWorkers.size + failedAtStart !== workers) return
    io.out(`${banner} (${readyWorkers.size} worker processes)`)
    if (writeToken === undefined) io.out(`write token: ${token}`)
    io.out('Press Ctrl-C to stop.')
  }
  const readyWorkers = new Set<Worker>()
  const running = new Set<Worker>()
  const allExited = new Promise<void>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      running.delete(worker)
      if (!readyWorkers.has(worker)) {
        failedAtStart++
        announce()
      }
      if (!stopping) io.err.write(`mizan serve: worker ${worker.process.pid ?? '?'} exited (${signal ?? `code ${code}`}); ${running.size} of ${workers} still serving\n`)
      if (running.size === 0) resolve()
    })
  })
  cluster.on('message', (worker, message: WorkerReady) => {
    if (message?.type !== 'mizan-serve-ready') return
    readyWorkers.add(worker)
    banner ??= message.banner
    announce()
  })
  // Listening for the stop before forking, so a Ctrl-C at any time after this reaches every worker. A worker
  // still starting (before its own handlers) simply ends at SIGTERM: it has nothing to save yet.
  const stopped = untilStopped().then(() => {
    stopping = true
    for (const worker of running) worker.process.kill('SIGTERM')
  })
  for (let index = 0; index < workers; index++) running.add(cluster.fork({ MIZAN_WRITE_TOKEN: token, [workerVariable]: '1' }))
  await Promise.race([allExited, stopped])
  if (!stopping) throw new UserError(`all ${workers} workers of mizan serve exited (see above)`)
  await allExited
  io.out('stopped')
}
