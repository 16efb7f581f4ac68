import { Edge } from 'edge.js'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { groupThousands } from '#kernel/money/money'

/**
 * The phone pages of our own (statement confirmation, mobile approval, balance lookup): Edge
 * templates under resources/views/mobile, escaped by default, one stylesheet inlined (no CDN, no
 * script needed to read or answer).
 */
const edge = Edge.create({ cache: process.env.NODE_ENV === 'production' })
edge.mount(new URL('../resources/views/', import.meta.url))
edge.global('amount', groupThousands)
edge.global('companyName', () => company.name)
edge.global('localTime', (value: Date | string | null) =>
  value
    ? DateTime.fromJSDate(new Date(value)).setZone(company.timezone).toFormat('yyyy-MM-dd HH:mm')
    : ''
)

export function renderPage(template: string, state: Record<string, unknown>): Promise<string> {
  return edge.render(`mobile/${template}`, state)
}

/** Replaces `{name}` in a label. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match)
}
