import React, { useCallback, useEffect, useState } from 'react'
import { Box, Button, H3, Text, Loader, Link } from '@adminjs/design-system'
import { send } from './panel_request'
import { Badge, BalanceCards, Card, Projects, SideLists, cell, grouped, head, num } from './c360_parts'
import { ActionPanel, StatementNow } from './c360_forms'

/** Counts beside the balances: what needs attention on this customer. */
const Summary = ({ data, L }) => {
  const last = data.statements[0]
  const overdue = data.projects.flatMap((p) => p.installments).filter((i) => i.overdue).length
  const item = (label, value, tone, testId) => (
    <Box key={label} mb="default">
      <Text style={{ fontSize: 12, color: '#6b7280' }}>{label}</Text>
      <Text data-testid={testId} style={{ fontSize: 22, fontWeight: 600, color: tone }}>{value}</Text>
    </Box>
  )
  return (
    <Box variant="card" p="lg" style={{ background: '#fff', flex: '0 1 260px' }} data-testid="c360-summary">
      {item(L.page.approvals, data.approvals.length, data.approvals.length ? '#8a5a00' : '#111827', 'c360-count-approvals')}
      {item(L.page.alerts, data.alerts.length, data.alerts.length ? '#a31515' : '#111827', 'c360-count-alerts')}
      {item(L.page.overdueInstallments, overdue, overdue ? '#a31515' : '#111827', 'c360-count-overdue')}
      <Text style={{ fontSize: 12, color: '#6b7280' }}>{L.page.statements}</Text>
      {last ? <Badge value={last.status} label={`${last.periodTo} ${L.confirmation[last.status]}`} /> : <Text>—</Text>}
    </Box>
  )
}

const KINDS = ['receipt', 'application', 'refund', 'adjustment', 'reversal']

/** What a movement is about, in one line: its document, bank reference or reason. */
const details = (line, L) =>
  [
    line.documentType ? `${L.document[line.documentType] || line.documentType} ${line.documentNo || ''}` : null,
    line.channel ? L.channel[line.channel] || line.channel : null,
    line.bankReference,
    line.reason,
    line.memo,
  ]
    .filter(Boolean)
    .join(' · ')

const Movements = ({ data, filters, setFilters, L }) => {
  const m = data.movements
  const [draft, setDraft] = useState(filters)
  useEffect(() => setDraft(filters), [filters])
  const pages = Math.max(1, Math.ceil(m.total / m.perPage))
  const currencies = [...new Set([data.customer.defaultCurrency, ...data.balances.map((b) => b.currency)])]
  const control = { height: 34, border: '1px solid #c0c0ca', borderRadius: 4, padding: '0 6px', background: '#fff' }
  return (
    <Card title={L.page.movements} testId="c360-movements">
      <form
        onSubmit={(e) => { e.preventDefault(); setFilters({ ...draft, page: 1 }) }}
        style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 12 }}
      >
        <select name="currency" value={draft.currency || m.currency} onChange={(e) => setDraft({ ...draft, currency: e.target.value })} style={control}>
          {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <label style={{ fontSize: 12 }}>{L.page.from} <input type="date" name="from" value={draft.from || ''} onChange={(e) => setDraft({ ...draft, from: e.target.value })} style={control} /></label>
        <label style={{ fontSize: 12 }}>{L.page.to} <input type="date" name="to" value={draft.to || ''} onChange={(e) => setDraft({ ...draft, to: e.target.value })} style={control} /></label>
        <select name="kind" value={draft.kind || ''} onChange={(e) => setDraft({ ...draft, kind: e.target.value })} style={control}>
          <option value="">{L.page.allKinds}</option>
          {KINDS.map((k) => <option key={k} value={k}>{L.kind[k]}</option>)}
        </select>
        <Button type="submit" size="sm" variant="contained" data-testid="c360-filter">{L.page.apply}</Button>
        <span style={{ marginLeft: 'auto', fontSize: 12, color: '#6b7280' }}>
          {L.page.opening} <b style={{ fontFamily: 'monospace' }}>{grouped(m.openingBalance)}</b> · {L.page.closing}{' '}
          <b style={{ fontFamily: 'monospace' }} data-testid="c360-closing">{grouped(m.closingBalance)}</b> {m.currency}
        </span>
      </form>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="c360-movement-table">
        <thead>
          <tr>
            <th style={head}>{L.page.date}</th>
            <th style={head}>{L.page.journalNo}</th>
            <th style={head}>{L.page.kind}</th>
            <th style={head}>{L.page.details}</th>
            <th style={{ ...head, textAlign: 'right' }}>{L.page.credit}</th>
            <th style={{ ...head, textAlign: 'right' }}>{L.page.debit}</th>
            <th style={{ ...head, textAlign: 'right' }}>{L.page.running}</th>
          </tr>
        </thead>
        <tbody>
          {m.lines.length === 0 && (
            <tr><td colSpan={7} style={{ ...cell, color: '#6b7280' }}>{L.page.none}</td></tr>
          )}
          {m.lines.map((line, i) => (
            <tr key={`${line.journalId}-${i}`} data-testid="c360-movement">
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>{line.entryDate}</td>
              <td style={{ ...cell, whiteSpace: 'nowrap' }}><Link href={`/admin/resources/journals/records/${line.journalId}/show`}>{line.journalNo}</Link></td>
              <td style={cell}><Badge value={line.kind} label={L.kind[line.kind]} /></td>
              <td style={{ ...cell, maxWidth: 520, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={details(line, L)}>{details(line, L)}</td>
              <td style={num}>{/^0(\.0+)?$/.test(line.credit) ? '' : grouped(line.credit)}</td>
              <td style={num}>{/^0(\.0+)?$/.test(line.debit) ? '' : grouped(line.debit)}</td>
              <td style={{ ...num, fontWeight: 600 }} data-testid="c360-running">{grouped(line.runningBalance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Box flex flexDirection="row" alignItems="center" justifyContent="flex-end" mt="default" style={{ gap: 8 }}>
        <Text style={{ fontSize: 12 }} data-testid="c360-page">
          {L.page.pageOf.replace('{page}', m.page).replace('{pages}', pages).replace('{total}', m.total)}
        </Text>
        <Button size="sm" variant="outlined" disabled={m.page <= 1} onClick={() => setFilters({ ...filters, page: m.page - 1 })}>{L.page.prev}</Button>
        <Button size="sm" variant="outlined" disabled={m.page >= pages} onClick={() => setFilters({ ...filters, page: m.page + 1 })} data-testid="c360-next">{L.page.next}</Button>
      </Box>
    </Card>
  )
}

/**
 * Customer 360 (客户全景): a customer's balances, movements, projects, approvals, alerts and
 * statements on one page, with the everyday actions. Data: GET /admin/customers/:id/360.
 */
const Customer360 = ({ record }) => {
  const [data, setData] = useState(null)
  const [error, setError] = useState(null)
  const [filters, setFilters] = useState({ page: 1 })
  const [action, setAction] = useState(null)
  const [done, setDone] = useState(null)
  const load = useCallback(async () => {
    const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''))
    const answer = await send('GET', `/admin/customers/${record.id}/360?${qs}`)
    if (answer.status === 200) setData(answer.data)
    else setError(answer.data.errors ? answer.data.errors.map((e) => e.message).join('; ') : String(answer.status))
  }, [record.id, filters])
  useEffect(() => { load() }, [load])
  if (error) return <Box p="xl"><Text data-testid="c360-error">{error}</Text></Box>
  if (!data) return <Loader />
  const L = data.labels
  const c = data.customer
  const currency = filters.currency || c.defaultCurrency
  const actionButton = (kind, label) =>
    data.can[kind] && (
      <Button size="sm" variant={action === kind ? 'contained' : 'outlined'} onClick={() => { setDone(null); setAction(action === kind ? null : kind) }} data-testid={`c360-action-${kind}`}>
        {L.page[label]}
      </Button>
    )
  return (
    <Box p="lg" data-testid="c360" style={{ background: '#f6f7fb', minHeight: '100%' }}>
      <Box flex flexDirection="row" alignItems="center" justifyContent="space-between" mb="lg" style={{ flexWrap: 'wrap', gap: 12 }}>
        <Box>
          <H3 mb="sm" data-testid="c360-title">{c.code} {c.name} <Badge value={c.status} label={L.status[c.status]} /></H3>
          <Text style={{ fontSize: 12, color: '#6b7280' }}>
            {L.page.salesOwner}: {c.salesOwner || '—'} · {L.page.department}: {c.department || '—'} · {L.page.creditLimit}: {grouped(c.creditLimit)} {c.defaultCurrency}
          </Text>
        </Box>
        <Box flex flexDirection="row" alignItems="center" style={{ gap: 8, flexWrap: 'wrap' }}>
          {actionButton('receipt', 'registerReceipt')}
          {actionButton('application', 'applyAdvance')}
          {actionButton('refund', 'requestRefund')}
          {data.can.statement && <StatementNow customerId={c.id} L={L} />}
        </Box>
      </Box>
      {done && <Box variant="card" p="default" mb="lg" style={{ background: '#e3f6ea' }} data-testid="c360-done">{done.message}</Box>}
      {action && (
        <ActionPanel kind={action} customer={c} currency={currency} projects={data.projects} L={L}
          onCancel={() => setAction(null)}
          onDone={(notice) => { setDone(notice); setAction(null); load() }} />
      )}
      <BalanceCards balances={data.balances} L={L} summary={<Summary data={data} L={L} />} />
      <Movements data={data} filters={filters} setFilters={setFilters} L={L} />
      <Box flex flexDirection="row" style={{ gap: 16, flexWrap: 'wrap' }}>
        <Box style={{ flex: '3 1 600px', minWidth: 0 }}>
          <Projects projects={data.projects} L={L} />
        </Box>
        <Box style={{ flex: '2 1 360px', minWidth: 0 }}>
          <SideLists data={data} L={L} />
        </Box>
      </Box>
    </Box>
  )
}

export default Customer360
