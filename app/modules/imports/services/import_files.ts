import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'

/**
 * Uploaded files are kept by content (tmp/imports/<sha256>): a job re-reads its file for the dry
 * run, the commit and the error report, and the same bytes are stored once.
 */
export async function storeImportFile(source: string | Buffer) {
  const bytes = typeof source === 'string' ? await readFile(source) : source
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const dir = app.tmpPath('imports')
  await mkdir(dir, { recursive: true })
  const path = `${dir}/${sha256}`
  await writeFile(path, bytes)
  return { sha256, path, size: bytes.length }
}
