import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { applyDefaultEnv } from '../../bin/runtime_env.js'
import { freePort } from '../../database/support/embedded_postgres.js'

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The environment of the ace and server children: the bench database, quiet logs, no stores. */
export function childEnv(databaseUrl: string): NodeJS.ProcessEnv {
  process.env.DATABASE_URL = databaseUrl
  applyDefaultEnv({})
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    SESSION_DRIVER: 'memory',
    LIMITER_STORE: 'memory',
  }
}

/** Keeps the last bytes a child printed, to show when it fails. */
function captureOutput(child: ChildProcess) {
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return () => output.trim()
}

/** Runs `node ace …` in the app's folder; resolves with what it printed. */
export function runAce(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', ...args], {
      cwd: APP_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output = captureOutput(child)
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(output())
      else reject(new Error(`node ace ${args[0]} failed (${signal ?? code}):\n${output()}`))
    })
  })
}

export async function startServer(env: NodeJS.ProcessEnv, profileDir?: string) {
  const port = await freePort()
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  const child = spawn(
    process.execPath,
    [...profile, '--import=ts-node-maintained/register/esm', 'bin/server.ts'],
    {
      cwd: APP_ROOT,
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DB_POOL_MAX: '20',
        NODE_ENV: process.env.XP_ENV ?? 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  )
  const output = captureOutput(child)
  let exited = false
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true
      resolve()
    })
  })
  const stop = async () => {
    if (exited) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exit
    clearTimeout(timer)
  }

  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
  while (true) {
    if (exited) throw new Error(`the HTTP server exited during start-up:\n${output()}`)
    try {
      const response = await fetch(`${baseUrl}/health`)
      await response.arrayBuffer()
      if (response.status === 200) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the HTTP server did not answer /health within 90 s:\n${output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { baseUrl, stop, pid: child.pid }
}
