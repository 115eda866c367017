import { describe, expect, it } from 'vitest'
import { createProgress, type ProgressStream } from '../../src/cli/progress.js'

function fakeStream(isTTY: boolean): ProgressStream & { text: string } {
  const stream = { isTTY, columns: 60, text: '', write(chunk: string) { stream.text += chunk; return true } }
  return stream
}

describe('createProgress', () => {
  it('draws nothing when the stream is not a TTY', () => {
    const stream = fakeStream(false)
    const progress = createProgress({ label: 'import', total: 10, stream })
    for (let i = 0; i < 10; i++) progress.tick()
    progress.done()
    expect(stream.text).toBe('')
  })

  it('draws a bar with percent and counts on a TTY, then clears its line', () => {
    const stream = fakeStream(true)
    let clock = 0
    const progress = createProgress({ label: 'import', total: 200, unit: 'units', stream, now: () => clock })
    progress.update(50)
    expect(stream.text).toMatch(/^\rimport \[█+░+\]  25% 50 units \/ 200 units\u001b\[K$/)
    clock += 100
    progress.update(200)
    expect(stream.text).toContain('100% 200 units / 200 units')
    progress.done()
    expect(stream.text.endsWith('\r\u001b[K')).toBe(true)
  })

  it('redraws at most once per interval', () => {
    const stream = fakeStream(true)
    let clock = 0
    const progress = createProgress({ label: 'x', total: 1000, stream, now: () => clock, interval: 80 })
    for (let i = 0; i < 1000; i++) progress.tick()
    expect(stream.text.split('\r').length - 1).toBe(1)
    clock = 80
    progress.tick()
    expect(stream.text.split('\r').length - 1).toBe(2)
  })

  it('shows a count when the total is unknown, and bytes in KiB/MiB', () => {
    const stream = fakeStream(true)
    let clock = 0
    const progress = createProgress({ label: 'read', unit: 'B', stream, now: () => (clock += 100) })
    progress.update(3 * 2 ** 20)
    expect(stream.text).toContain('read 3.0 MiB')
  })

  it('keeps the line within the terminal width', () => {
    const stream = fakeStream(true)
    createProgress({ label: 'a very long label '.repeat(10), total: 10, stream }).update(5)
    const line = stream.text.replace(/^\r/, '').replace(/\u001b\[K$/, '')
    expect([...line].length).toBeLessThan(60)
  })
})
