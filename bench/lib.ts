/**
 * Shared helpers for the benchmarks: machine facts, timing statistics and markdown tables.
 * Every benchmark prints the machine, N, median and p95 beside its baseline from the same run.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { haveData, type DataSetName } from '../tests/helpers/data.js'

/** One line naming the machine the figures were measured on. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  return `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`
}

/** The q-quantile (0..1) of a list of numbers, by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

/** Median and p95 of a list of durations. */
export function summarize(values: readonly number[]): { median: number; p95: number; mean: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)
  return { median: quantile(values, 0.5), p95: quantile(values, 0.95), mean }
}

/** Times `fn` once, in milliseconds. */
export function timeMs(fn: () => void): number {
  const start = performance.now()
  fn()
  return performance.now() - start
}

/** Times an async `fn` once, in milliseconds. */
export async function timeMsAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** Heap in use after a full collection (needs `node --expose-gc`; otherwise heap as it stands). */
export function heapUsedMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
  return process.memoryUsage().heapUsed / 2 ** 20
}

/** Samples RSS and heap while work runs, to report the peak. Call stop() for the peaks in MB. */
export function trackPeakMemory(intervalMs = 20): { stop: () => { rssMb: number; heapMb: number } } {
  let rss = process.memoryUsage().rss
  let heap = process.memoryUsage().heapUsed
  const timer = setInterval(() => {
    const usage = process.memoryUsage()
    rss = Math.max(rss, usage.rss)
    heap = Math.max(heap, usage.heapUsed)
  }, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      const usage = process.memoryUsage()
      return { rssMb: Math.max(rss, usage.rss) / 2 ** 20, heapMb: Math.max(heap, usage.heapUsed) / 2 ** 20 }
    },
  }
}

/** A markdown table from a header row and data rows. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.map(String).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** Formats a number with a fixed count of decimals. */
export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value)
}

/**
 * Stops the benchmark (exit 0) when an outside data set it measures on is missing, after the data helper's one
 * loud line naming the set and where it comes from; on CI (CI=true) a missing set throws instead.
 */
export function requireData(...names: DataSetName[]): void {
  const missing = names.filter((name) => !haveData(name))
  if (missing.length > 0) {
    console.log(`bench: not run, it measures on ${missing.join(' and ')} (see README.md "Data")`)
    process.exit(0)
  }
}

/** The value after `name` on the command line (`--units 2000`), or `fallback` when `name` is not given. */
export function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1]! : fallback
}

/**
 * The fields of `/proc/PID/stat` after the command name, which may hold spaces (proc(5)): index 0 is field 3, the
 * state, so utime and stime (fields 14 and 15, in ticks of 1/100 s) are indexes 11 and 12.
 */
export function procStatFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/**
 * CPU time (ms) of a PostgreSQL cluster's server processes so far: the postmaster with its reaped children
 * (fields utime, stime, cutime, cstime of /proc/<pid>/stat) plus its live children (backends, checkpointer,
 * autovacuum...). Linux only: throws where /proc or the cluster's postmaster.pid cannot be read.
 */
export function postgresServerCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  const own = procStatFields(postmaster)
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const child = procStatFields(Number(entry))
      if (Number(child[1]) === postmaster) ticks += Number(child[11]) + Number(child[12])
    } catch {
      // the process ended while we looked
    }
  }
  return ticks * 10 // USER_HZ is 100
}
