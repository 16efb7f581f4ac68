import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { appendFileSync, chownSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { arch, platform } from 'node:os'
import { fileURLToPath } from 'node:url'
import { freePort, startEmbeddedPostgres } from './embedded_postgres.js'

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** A primary and a streaming replica of it, both embedded PostgreSQL 17 servers under tmp/. */
export interface ReplicaPair {
  primaryUrl: string
  replicaUrl: string
  stopReplica(): Promise<void>
  startReplica(): Promise<void>
  stop(): Promise<void>
}

/**
 * For the read-replica tests: a primary is created and cleanly stopped, its data directory copied
 * (a stopped server's files are a consistent base backup — the embedded binaries have no
 * pg_basebackup), the copy told it is a standby of the primary (standby.signal, primary_conninfo),
 * then both start. initdb's pg_hba already lets 127.0.0.1 connect for replication.
 */
export async function startReplicaPair(dir: string, database: string): Promise<ReplicaPair> {
  const primaryDir = `${dir}/primary`
  const replicaDir = `${APP_ROOT}${dir}/replica`
  await rm(`${APP_ROOT}${dir}`, { recursive: true, force: true })
  const primaryPort = await freePort()
  const first = await startEmbeddedPostgres({
    dir: primaryDir,
    port: primaryPort,
    database,
    quiet: true,
  })
  await first.stop()
  const copied = spawnSync('cp', ['-a', `${APP_ROOT}${primaryDir}`, replicaDir])
  if (copied.status !== 0) throw new Error(`copying the base backup failed: ${copied.stderr}`)
  standbyOf(replicaDir, primaryPort)
  const primary = await startEmbeddedPostgres({
    dir: primaryDir,
    port: primaryPort,
    database,
    quiet: true,
  })
  const replicaPort = await freePort()
  let replica: ChildProcess | undefined
  const startReplica = async () => {
    replica = await startStandby(replicaDir, replicaPort)
  }
  const stopReplica = async () => {
    const child = replica
    replica = undefined
    if (!child || child.exitCode !== null) return
    await new Promise((resolve) => {
      child.once('exit', resolve)
      child.kill('SIGINT')
    })
  }
  await startReplica()
  return {
    primaryUrl: primary.url,
    replicaUrl: `postgres://postgres:postgres@127.0.0.1:${replicaPort}/${database}`,
    startReplica,
    stopReplica,
    stop: async () => {
      await stopReplica()
      await primary.stop()
    },
  }
}

function standbyOf(replicaDir: string, primaryPort: number) {
  const owner = postgresUser()
  writeFileSync(`${replicaDir}/standby.signal`, '')
  appendFileSync(
    `${replicaDir}/postgresql.auto.conf`,
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=postgres'\n`
  )
  if (owner) {
    chownSync(`${replicaDir}/standby.signal`, owner.uid, owner.gid)
    chownSync(`${replicaDir}/postgresql.auto.conf`, owner.uid, owner.gid)
  }
}

/** The standby's postgres, as user postgres when we are root; ready once it accepts reads. */
async function startStandby(dataDir: string, port: number): Promise<ChildProcess> {
  const binaries = await import(`@embedded-postgres/${platform()}-${arch()}`)
  const owner = postgresUser()
  // the primary runs with max_connections=200 (embedded_postgres.ts): a standby needs as many
  const args = ['-D', dataDir, '-p', String(port), '-c', 'max_connections=200']
  const child = spawn(binaries.postgres, args, {
    ...(owner ?? {}),
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`standby did not start:\n${output}`)), 60_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000)
      if (output.includes('ready to accept read-only connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', () => {
      clearTimeout(timer)
      reject(new Error(`standby exited:\n${output}`))
    })
  })
  return child
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null
  const uid = spawnSync('id', ['-u', 'postgres']).stdout.toString().trim()
  const gid = spawnSync('id', ['-g', 'postgres']).stdout.toString().trim()
  return { uid: Number(uid), gid: Number(gid) }
}
