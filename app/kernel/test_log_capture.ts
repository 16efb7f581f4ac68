/**
 * In tests the app logs here, not to the terminal: the run's output stays test names and results.
 * The last lines are kept so a failing test can show what was logged while it ran
 * (tests/bootstrap.ts clears them at each test's start and prints them when it fails).
 */
const KEEP = 200
const lines: string[] = []

export const testLogCapture = {
  /** a pino destination */
  stream: {
    write(line: string) {
      lines.push(line)
      if (lines.length > KEEP) lines.shift()
    },
  },
  clear() {
    lines.length = 0
  },
  /** the captured lines, one per log call: "LEVEL message {fields}" */
  lines(): string[] {
    return lines.map((line) => {
      try {
        const { level, msg, time, pid, hostname, name, ...fields } = JSON.parse(line)
        const rest = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : ''
        return `${LEVELS[level] ?? level} ${msg ?? ''}${rest}`
      } catch {
        return line.trimEnd()
      }
    })
  },
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
}
