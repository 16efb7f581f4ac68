import type { HeaderColumn, MappingProfile, TabularHeader } from './types.js'

/**
 * A header as compared: NFKC (full-width letters and brackets become ASCII), lower case, without
 * spaces, underscores, hyphens, a required-marker `*` or a trailing colon. So `客户编码*`,
 * `Customer Code`, `customer_code` and `customerCode` compare as the field they name.
 */
export function normaliseHeader(text: string) {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-*:：]+/g, '')
}

/** the header without a trailing unit in brackets: `金额(元)` → `金额` */
function withoutUnit(normalised: string) {
  return normalised.replace(/\([^()]*\)$/, '')
}

export class HeaderMatcher {
  private lookup = new Map<string, string>()

  constructor(
    readonly profile: MappingProfile,
    private overrides: Readonly<Record<string, string>> = {}
  ) {
    for (const spec of profile.fields) {
      for (const alias of [spec.field, ...spec.aliases]) {
        const key = normaliseHeader(alias)
        if (!this.lookup.has(key)) this.lookup.set(key, spec.field)
      }
    }
  }

  /** a column the remembered mapping says to leave out (mapped to '') */
  isIgnored(header: string) {
    return (this.overrides[header] ?? this.overrides[header.trim()]) === ''
  }

  /** the field a header text names, or null */
  fieldOf(header: string): string | null {
    if (!header.trim()) return null
    const override = this.overrides[header] ?? this.overrides[header.trim()]
    if (override !== undefined) return override || null
    const key = normaliseHeader(header)
    return this.lookup.get(key) ?? this.lookup.get(withoutUnit(key)) ?? null
  }
}

interface Candidate {
  headers: string[]
  fields: Array<string | null>
  matched: number
}

function candidate(matcher: HeaderMatcher, headers: string[]): Candidate {
  const fields = headers.map((h) => matcher.fieldOf(h))
  return { headers, fields, matched: new Set(fields.filter(Boolean)).size }
}

/**
 * Headers of a two-row header (a bank export's `金额` merged over `借方 | 贷方`, `交易日期` merged
 * down over both rows): a child cell is read alone or after its parent (the parent carried right
 * over the merged blanks); a blank child takes the parent above it.
 */
function twoRowHeaders(matcher: HeaderMatcher, parent: string[], child: string[]): string[] {
  const width = Math.max(parent.length, child.length)
  const headers: string[] = []
  let carried = ''
  for (let i = 0; i < width; i++) {
    const above = (parent[i] ?? '').trim()
    if (above) carried = above
    const own = (child[i] ?? '').trim()
    if (!own) headers.push(above)
    else if (!matcher.fieldOf(own) && carried && matcher.fieldOf(carried + own)) {
      headers.push(carried + own)
    } else if (carried && !matcher.fieldOf(own) && matcher.fieldOf(`${carried}/${own}`)) {
      headers.push(`${carried}/${own}`)
    } else headers.push(own)
  }
  return headers
}

/**
 * Picks the header among the first rows: the row (or pair of rows) naming the most fields; ties go
 * to the earliest. Returns null when no row names a field.
 */
export function findHeader(
  matcher: HeaderMatcher,
  rows: ReadonlyArray<{ rowNumber: number; cells: string[] }>
): { position: number; header: TabularHeader } | null {
  let best: { position: number; found: Candidate } | null = null
  for (let i = 0; i < rows.length; i++) {
    let found = candidate(
      matcher,
      rows[i].cells.map((c) => c.trim())
    )
    if (i > 0) {
      const paired = candidate(matcher, twoRowHeaders(matcher, rows[i - 1].cells, rows[i].cells))
      if (paired.matched > found.matched) found = paired
    }
    if (found.matched > 0 && (!best || found.matched > best.found.matched)) {
      best = { position: i, found }
    }
  }
  if (!best) return null
  return {
    position: best.position,
    header: describe(matcher, rows[best.position].rowNumber, best.found),
  }
}

function describe(matcher: HeaderMatcher, rowNumber: number, found: Candidate): TabularHeader {
  const columns: HeaderColumn[] = []
  const fieldIndex: Record<string, number> = {}
  const unknown: string[] = []
  const duplicates: string[] = []
  found.headers.forEach((header, index) => {
    let field = found.fields[index]
    if (field && field in fieldIndex) {
      duplicates.push(field)
      field = null
    } else if (field) fieldIndex[field] = index
    else if (header && !matcher.isIgnored(header)) unknown.push(header)
    columns.push({ index, header, field })
  })
  const missing = matcher.profile.fields
    .filter((spec) => spec.required && !(spec.field in fieldIndex))
    .map((spec) => spec.field)
  return { rowNumber, columns, fieldIndex, unknown, missing, duplicates }
}
