import iconv from 'iconv-lite'
import { detectEncoding } from '#kernel/tabular/index'
import { parseCamt053 } from '#modules/banking/parsers/camt053'
import { parseMt940 } from '#modules/banking/parsers/mt940'
import { parseTabularStatement } from '#modules/banking/parsers/tabular_statement'
import { TABULAR_PROFILES, type TabularProfile } from '#modules/banking/parsers/tabular_profiles'
import type { ParsedStatement } from '#modules/banking/parsers/bank_line_draft'

export const STATEMENT_PROFILES = [...TABULAR_PROFILES, 'camt053', 'mt940'] as const
export type StatementProfile = (typeof STATEMENT_PROFILES)[number]

/** The text of a text file (camt.053, MT940): UTF-8 when it is valid UTF-8, else GB18030. */
function decodeText(file: Buffer): string {
  return iconv.decode(file, detectEncoding(file.subarray(0, 64 * 1024), 'auto'))
}

/** The profile a file's first bytes say it is, when the caller named none. */
export function sniffProfile(file: Buffer): StatementProfile {
  if (file.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return 'cn_bank'
  const head = decodeText(file.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (head.startsWith('<')) return 'camt053'
  if (/^(\{1:|:20:)/.test(head)) return 'mt940'
  if (head.includes('支付宝')) return 'alipay'
  if (head.includes('微信支付') || head.includes('微信昵称')) return 'wechat'
  return 'cn_bank'
}

/** Reads a statement file in the named (or sniffed) profile. Throws StatementUnreadable. */
export async function parseStatement(
  file: Buffer,
  profile?: StatementProfile
): Promise<ParsedStatement> {
  const chosen = profile ?? sniffProfile(file)
  if (chosen === 'camt053') return parseCamt053(decodeText(file))
  if (chosen === 'mt940') return parseMt940(decodeText(file))
  return parseTabularStatement(file, chosen as TabularProfile)
}
