import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

/**
 * The real server (bin/server.ts) as a child process on 127.0.0.1, against the suite's database:
 * what `npm start` runs, so the crash test can kill -9 it and start it again.
 */
export class ServerProcess {
  private child: ChildProcess | null = null
  output = ''

  constructor(readonly port: number) {}

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  async start(timeoutMs = 90_000) {
    this.child = spawn(
      process.execPath,
      ['--import=ts-node-maintained/register/esm', '--enable-source-maps', 'bin/server.ts'],
      {
        env: {
          ...process.env,
          PORT: String(this.port),
          HOST: '127.0.0.1',
          NODE_ENV: 'production',
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    )
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000)
    }
    this.child.stdout!.on('data', keep)
    this.child.stderr!.on('data', keep)
    const started = Date.now()
    while (Date.now() - started < timeoutMs) {
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.output}`)
      const healthy = await fetch(`${this.url}/health`)
        .then((r) => r.status === 200)
        .catch(() => false)
      if (healthy) return
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    throw new Error(`server did not start in ${timeoutMs} ms: ${this.output}`)
  }

  /** kill -9: no shutdown hook runs, open transactions die with their connections. */
  async kill(signal: NodeJS.Signals = 'SIGKILL') {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    child.kill(signal)
    await exited
    this.child = null
  }
}
