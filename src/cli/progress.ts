/**
 * A progress bar for long CLI work (align, import, export of large files). It draws on stderr, and only when
 * stderr is a terminal: piped or redirected output, and the tests, never see it.
 *
 * @module
 * @internal
 */

/** The few members of a stream the bar needs; `process.stderr` has them. @internal */
export interface ProgressStream {
  isTTY?: boolean
  columns?: number
  write(text: string): unknown
}

/** A running progress bar. @internal */
export interface Progress {
  /** Sets how much is done (same unit as `total`). */
  update(done: number): void
  /** Adds to how much is done. */
  tick(amount?: number): void
  /** Clears the bar's line; call once the work ends (also on failure). */
  done(): void
}

/** Options of {@link createProgress}. @internal */
export interface ProgressOptions {
  /** What is being done, e.g. `'import tm.tmx'`. */
  label: string
  /** The total (bytes, units, sentences); `undefined` when unknown (shows a count instead of a bar). */
  total?: number
  /** The unit name printed after counts. @defaultValue `''` */
  unit?: string
  /** Where to draw. @defaultValue `process.stderr` */
  stream?: ProgressStream
  /** Minimum milliseconds between redraws, so a fast loop does not flood the terminal. @defaultValue `80` */
  interval?: number
  /** The clock, for tests. @defaultValue `Date.now` */
  now?: () => number
}

const SILENT: Progress = { update() {}, tick() {}, done() {} }

function formatCount(value: number, unit: string): string {
  if (unit === 'B') {
    if (value >= 2 ** 20) return `${(value / 2 ** 20).toFixed(1)} MiB`
    if (value >= 2 ** 10) return `${(value / 2 ** 10).toFixed(0)} KiB`
    return `${value} B`
  }
  return unit === '' ? value.toLocaleString('en-US') : `${value.toLocaleString('en-US')} ${unit}`
}

/**
 * Starts a progress bar, or a silent stand-in when the stream is not a TTY.
 *
 * @param options - label, total, unit, stream
 * @returns the bar
 * @example
 * ```ts
 * const progress = createProgress({ label: 'import', total: size, unit: 'B' })
 * for await (const chunk of stream) progress.tick(chunk.length)
 * progress.done()
 * ```
 * @internal
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr
  if (stream.isTTY !== true) return SILENT
  const unit = options.unit ?? ''
  const interval = options.interval ?? 80
  const now = options.now ?? Date.now
  let current = 0
  let last = Number.NEGATIVE_INFINITY
  let drawn = false

  const draw = (force: boolean): void => {
    const time = now()
    if (!force && time - last < interval) return
    last = time
    const width = Math.max(40, Math.min(stream.columns ?? 80, 120))
    let line: string
    if (options.total !== undefined && options.total > 0) {
      const fraction = Math.min(1, current / options.total)
      const text = `${(fraction * 100).toFixed(0).padStart(3)}% ${formatCount(current, unit)} / ${formatCount(options.total, unit)}`
      const barWidth = Math.max(10, width - options.label.length - text.length - 6)
      const filled = Math.round(fraction * barWidth)
      line = `${options.label} [${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${text}`
    } else {
      line = `${options.label} ${formatCount(current, unit)}`
    }
    // \r returns to column 0 and ESC[K clears what a longer previous line left behind.
    stream.write(`\r${line.slice(0, width - 1)}\u001b[K`)
    drawn = true
  }

  return {
    update(done) {
      current = done
      draw(false)
    },
    tick(amount = 1) {
      current += amount
      draw(false)
    },
    done() {
      if (drawn) stream.write('\r\u001b[K')
    },
  }
}
