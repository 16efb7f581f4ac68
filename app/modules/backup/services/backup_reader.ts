import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tar from 'tar'
import { fileDigest, MANIFEST_FILE } from '#modules/backup/services/backup_writer'
import type { BackupManifest } from '#modules/backup/services/manifest'

export class BackupRefused extends Error {}

/**
 * Unpacks a backup file into a private temporary folder and checks every file against the
 * manifest's SHA-256 before anything is restored: a flipped byte refuses the whole backup.
 */
export async function openBackup(file: string) {
  const dir = await mkdtemp(join(tmpdir(), 'advance-ledger-restore-'))
  try {
    // not strict: a damaged header skips its entry, which the manifest check then reports missing
    await tar.x({ file, cwd: dir, filter: (path) => !path.includes('..') })
    const manifest = parseManifest(await readFile(join(dir, MANIFEST_FILE), 'utf8'))
    for (const [name, expected] of Object.entries(manifest.files)) {
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new BackupRefused(`unexpected file name ${name}`)
      const actual = await fileDigest(join(dir, name)).catch(() => null)
      if (!actual) throw new BackupRefused(`${name} is missing from the backup`)
      if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes)
        throw new BackupRefused(`${name} does not match its SHA-256 in the manifest`)
    }
    return { dir, manifest, close: () => removeDir(dir) }
  } catch (error) {
    await removeDir(dir)
    if (error instanceof BackupRefused) throw error
    throw new BackupRefused(`not a readable backup: ${(error as Error).message}`)
  }
}

function parseManifest(text: string): BackupManifest {
  const manifest = JSON.parse(text) as BackupManifest
  if (manifest.manifestVersion !== 1 || !['pg_dump', 'copy'].includes(manifest.format))
    throw new BackupRefused('unknown manifest version or format')
  return manifest
}

function removeDir(dir: string) {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 })
}
