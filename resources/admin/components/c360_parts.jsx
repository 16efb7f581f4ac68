import React from 'react'
import { Box, H5, Text, Link } from '@adminjs/design-system'

/** "1234567.50" → "1,234,567.50" on the decimal string itself (never through a float). */
export const grouped = (value) => {
  if (value === null || value === undefined || value === '') return ''
  const text = String(value)
  const negative = text.startsWith('-')
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.')
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${withCommas}${fraction !== undefined ? `.${fraction}` : ''}`
}

export const isNegative = (value) => String(value ?? '').startsWith('-')
export const isZero = (value) => /^-?0(\.0+)?$/.test(String(value ?? ''))

/** Colours of coded states: green done, amber waiting, red trouble, grey closed. */
const TONES = {
  green: { background: '#e3f6ea', color: '#13703a' },
  amber: { background: '#fff4d6', color: '#8a5a00' },
  red: { background: '#fde4e4', color: '#a31515' },
  blue: { background: '#e6ecff', color: '#2536a8' },
  grey: { background: '#eef0f4', color: '#555b66' },
}
const TONE_OF = {
  active: 'green', paid: 'green', confirmed: 'green', approved: 'green', posted: 'green',
  resolved: 'grey', inactive: 'grey', closed: 'grey', superseded: 'grey', cancelled: 'grey', expired: 'grey',
  pending: 'amber', partial: 'amber', sent: 'blue', viewed: 'blue', open: 'amber', acknowledged: 'blue',
  warning: 'amber', info: 'blue', critical: 'red', unpaid: 'red', over_paid: 'amber', overdue: 'red',
  disputed: 'red', rejected: 'red', failed: 'red', dead: 'red',
  receipt: 'green', application: 'blue', refund: 'amber', adjustment: 'grey', reversal: 'red',
}

export const Badge = ({ value, label, testId }) => (
  <span
    data-testid={testId}
    data-value={value}
    style={{
      ...(TONES[TONE_OF[value] || 'grey']),
      padding: '2px 8px',
      borderRadius: 10,
      fontSize: 12,
      whiteSpace: 'nowrap',
      display: 'inline-block',
    }}
  >
    {label || value}
  </span>
)

export const Card = ({ title, children, testId, right }) => (
  <Box variant="card" p="lg" mb="lg" data-testid={testId} style={{ background: '#fff' }}>
    <Box flex flexDirection="row" justifyContent="space-between" alignItems="center" mb="default">
      <H5 style={{ margin: 0 }}>{title}</H5>
      {right}
    </Box>
    {children}
  </Box>
)

export const cell = { padding: '6px 8px', borderBottom: '1px solid #eef0f4', fontSize: 13 }
export const num = { ...cell, textAlign: 'right', fontFamily: 'monospace', whiteSpace: 'nowrap' }
export const head = { ...cell, color: '#6b7280', fontWeight: 600, background: '#fafbfc' }

export const None = ({ L }) => <Text color="grey60">{L.page.none}</Text>

/** Balances per currency: balance, pending, available, credit limit, headroom. */
export const BalanceCards = ({ balances, L, summary }) => (
  <Box flex flexDirection="row" style={{ gap: 16, flexWrap: 'wrap' }} mb="lg" data-testid="c360-balances">
    {balances.length === 0 && <None L={L} />}
    {balances.map((b) => (
      <Box key={b.currency} variant="card" p="lg" style={{ background: '#fff', flex: '0 1 400px' }} data-testid={`c360-balance-${b.currency}`}>
        <Text style={{ color: '#6b7280', fontSize: 12 }}>{L.page.balance} · {b.currency}</Text>
        <Text data-testid={`c360-balance-${b.currency}-value`} data-amount={b.balance} style={{ fontSize: 26, fontWeight: 600, color: isNegative(b.balance) ? '#a31515' : '#111827' }}>
          {grouped(b.balance)}
        </Text>
        <table style={{ width: '100%', marginTop: 8 }}>
          <tbody>
            {[
              ['pending', b.pending],
              ['available', b.available],
              ['creditLimit', b.creditLimit],
              ['headroom', b.headroom],
              ['unconfirmed', b.unconfirmed],
            ].map(([key, value]) => (
              <tr key={key}>
                <td style={{ fontSize: 12, color: '#6b7280', padding: '2px 0' }}>{L.page[key]}</td>
                <td style={{ fontSize: 13, textAlign: 'right', fontFamily: 'monospace' }} data-testid={`c360-${key}-${b.currency}`} data-amount={value}>
                  {grouped(value)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
    ))}
    {summary}
  </Box>
)

/** Projects with their installments and each one's state. */
export const Projects = ({ projects, L }) => (
  <Card title={L.page.projects} testId="c360-projects">
    {projects.length === 0 && <None L={L} />}
    {projects.map((p) => (
      <Box key={p.id} mb="lg">
        <Text mb="sm" style={{ fontWeight: 600 }}>
          <Link href={`/admin/resources/projects/records/${p.id}/show`}>{p.code} {p.name}</Link>{' '}
          <Badge value={p.status} label={L.status[p.status]} />{' '}
          {p.contractAmount && <span style={{ color: '#6b7280', fontSize: 12 }}>{L.page.contract} {grouped(p.contractAmount)} {p.currency}</span>}
        </Text>
        {p.installments.length === 0 ? (
          <Text color="grey60" style={{ fontSize: 12 }}>{L.page.noInstallments}</Text>
        ) : (
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                {['installment', 'dueDate', 'amount', 'paid', 'outstanding', 'state'].map((k) => (
                  <th key={k} style={['amount', 'paid', 'outstanding'].includes(k) ? { ...head, textAlign: 'right' } : head}>{L.page[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.installments.map((i) => (
                <tr key={i.id}>
                  <td style={{ ...cell, whiteSpace: 'nowrap' }}>{i.seq}{i.label ? ` · ${i.label}` : ''}</td>
                  <td style={{ ...cell, whiteSpace: 'nowrap' }}>{i.dueDate}</td>
                  <td style={num}>{grouped(i.amount)}</td>
                  <td style={num}>{grouped(i.paid)}</td>
                  <td style={num}>{grouped(i.outstanding)}</td>
                  <td style={cell}>
                    <Badge value={i.state} label={L.installment[i.state]} />{' '}
                    {i.overdue && <Badge value="overdue" label={L.page.overdue} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Box>
    ))}
  </Card>
)

/** Open approvals, open alerts and statements sent, each a short list. */
export const SideLists = ({ data, L }) => (
  <>
    <Card title={`${L.page.approvals} (${data.approvals.length})`} testId="c360-approvals">
      {data.approvals.length === 0 && <None L={L} />}
      {data.approvals.map((a) => (
        <Text key={a.id} mb="sm" style={{ fontSize: 13 }}>
          <Link href={`/admin/resources/approval_requests/records/${a.id}/show`}>#{a.id} {a.action}</Link>{' '}
          <span style={{ fontFamily: 'monospace' }}>{a.amount ? `${grouped(a.amount)} ${a.currency}` : ''}</span>{' '}
          <Badge value="pending" label={L.page.level.replace('{level}', a.level)} />{' '}
          <span style={{ color: '#6b7280' }}>{L.page.requestedBy}: {a.requestedBy}</span>
        </Text>
      ))}
    </Card>
    <Card title={`${L.page.alerts} (${data.alerts.length})`} testId="c360-alerts">
      {data.alerts.length === 0 && <None L={L} />}
      {data.alerts.map((a) => (
        <Text key={a.id} mb="sm" style={{ fontSize: 13 }}>
          <Badge value={a.severity} label={a.severityLabel} />{' '}
          <Link href={`/admin/resources/alerts/records/${a.id}/show`}>{a.message}</Link>
        </Text>
      ))}
    </Card>
    <Card title={L.page.statements} testId="c360-statements">
      {data.statements.length === 0 && <None L={L} />}
      {data.statements.length > 0 && (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={head}>{L.page.period}</th>
              <th style={head}>{L.page.sentAt}</th>
              <th style={head}>{L.page.state}</th>
            </tr>
          </thead>
          <tbody>
            {data.statements.map((s) => (
              <tr key={s.deliveryId}>
                <td style={cell}><Link href={s.pdf} target="_blank">{s.periodFrom} – {s.periodTo}</Link></td>
                <td style={cell}>{s.sentAt ? s.sentAt.slice(0, 10) : ''}</td>
                <td style={cell}><Badge value={s.status} label={L.confirmation[s.status]} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  </>
)
