import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { TabularEncoding, TabularFormat } from './types.js'

export type TabularSource = string | Buffer | Readable

/**
 * Reads the first bytes of a source without losing them: returns them and a stream that replays
 * them before the rest, so format and encoding can be sniffed on a stream of any size.
 */
export async function peekSource(source: TabularSource, bytes = 64 * 1024) {
  if (Buffer.isBuffer(source)) {
    return { head: source.subarray(0, bytes), stream: Readable.from([source]) }
  }
  const input = typeof source === 'string' ? createReadStream(source) : source
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  const chunks: Buffer[] = []
  let length = 0
  let done = false
  while (length < bytes) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value)
    chunks.push(chunk)
    length += chunk.length
  }
  const head = Buffer.concat(chunks)
  async function* replay() {
    yield head
    if (done) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value)
    }
  }
  return { head: head.subarray(0, bytes), stream: Readable.from(replay(), { objectMode: false }) }
}

export function sniffFormat(head: Buffer): TabularFormat {
  return head.length >= 4 && head.readUInt32BE(0) === 0x504b0304 ? 'xlsx' : 'csv'
}

/**
 * The CSV's encoding. Chinese exports come as UTF-8 with a BOM (Excel "CSV UTF-8"), UTF-8 without
 * one, or GBK (Excel's default "CSV" on a zh-CN Windows, most bank downloads). GB18030 decodes all
 * GBK text, so a sample that is not valid UTF-8 is read as GB18030.
 */
export function detectEncoding(head: Buffer, wanted: TabularEncoding = 'auto'): string {
  if (wanted === 'gbk') return 'gb18030'
  if (wanted !== 'auto') return wanted
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le'
  try {
    // stream: true lets a character cut at the sample's end pass; anything else invalid throws
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return 'utf8'
  } catch {
    return 'gb18030'
  }
}
