import React, { useEffect, useState } from 'react'
import { Box, H2, H5, Text, Loader, Link } from '@adminjs/design-system'
import { ApiClient, useTranslation } from 'adminjs'

const api = new ApiClient()

// The dashboard's own words: components.Dashboard.* of resources/lang/<locale>/panel.json
const WORDS = [
  'title',
  'totals',
  'customers',
  'chart',
  'receipts',
  'applications',
  'top',
  'pendingApprovals',
  'awaitingMe',
  'openAlerts',
  'notEnabled',
  'none',
]

const Card = ({ title, children, testId }) => (
  <Box variant="card" p="lg" mb="lg" data-testid={testId} style={{ background: '#fff' }}>
    <H5 mb="default">{title}</H5>
    {children}
  </Box>
)

/** Grouped bars drawn as SVG from decimal strings (Number() only for pixel heights, never money). */
const MonthChart = ({ months, t }) => {
  const width = 720
  const height = 220
  const pad = 30
  const values = months.flatMap((m) => [Number(m.receipts), Number(m.applications)])
  const max = Math.max(1, ...values)
  const slot = (width - pad * 2) / months.length
  const bar = slot / 3
  const y = (v) => height - pad - ((height - pad * 2) * Number(v)) / max
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} data-testid="month-chart">
      <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#ccc" />
      {months.map((m, i) => {
        const x = pad + i * slot + bar / 2
        return (
          <g key={m.month}>
            <rect
              x={x}
              y={y(m.receipts)}
              width={bar}
              height={height - pad - y(m.receipts)}
              fill="#3040D6"
            >
              <title>{`${m.month} ${t.receipts} ${m.receipts}`}</title>
            </rect>
            <rect
              x={x + bar}
              y={y(m.applications)}
              width={bar}
              height={height - pad - y(m.applications)}
              fill="#F0A30A"
            >
              <title>{`${m.month} ${t.applications} ${m.applications}`}</title>
            </rect>
            <text x={x + bar} y={height - pad + 14} fontSize="10" textAnchor="middle" fill="#555">
              {m.month.slice(2)}
            </text>
          </g>
        )
      })}
      <rect x={pad} y={4} width={10} height={10} fill="#3040D6" />
      <text x={pad + 14} y={13} fontSize="11">
        {t.receipts}
      </text>
      <rect x={pad + 70} y={4} width={10} height={10} fill="#F0A30A" />
      <text x={pad + 84} y={13} fontSize="11">
        {t.applications}
      </text>
    </svg>
  )
}

const SectionCard = ({ sectionKey, sections, t }) => {
  const section = sections.find((s) => s.key === sectionKey)
  return (
    <Card title={t[sectionKey]} testId={sectionKey}>
      {!section && <Text color="grey60">{t.notEnabled}</Text>}
      {section && section.count !== undefined && (
        <Text mb="sm" data-testid={`${sectionKey}-count`}>
          <span style={{ fontSize: 22, fontWeight: 600 }}>{section.count}</span>{' '}
          {t.awaitingMe && sectionKey === 'pendingApprovals' ? t.awaitingMe : ''}
        </Text>
      )}
      {section && section.items.length === 0 && <Text>{t.none}</Text>}
      {section &&
        section.items.map((item) => (
          <Text key={item.label}>
            {item.href ? <Link href={item.href}>{item.label}</Link> : item.label}: {item.value}
          </Text>
        ))}
    </Card>
  )
}

const Dashboard = () => {
  const [data, setData] = useState(null)
  const { translateComponent } = useTranslation()
  const t = Object.fromEntries(WORDS.map((word) => [word, translateComponent(`Dashboard.${word}`)]))
  useEffect(() => {
    api.getDashboard().then((response) => setData(response.data))
  }, [])
  if (!data) return <Loader />
  const extra = data.sections.filter((s) => !['pendingApprovals', 'openAlerts'].includes(s.key))
  return (
    <Box p="xl" data-testid="dashboard" style={{ background: '#f6f7fb', minHeight: '100%' }}>
      <H2 mb="lg">{t.title}</H2>
      <Box flex flexDirection="row" style={{ gap: 16, flexWrap: 'wrap' }}>
        <Box style={{ flex: '1 1 280px' }}>
          <Card title={t.totals} testId="totals">
            {data.totals.length === 0 && <Text>{t.none}</Text>}
            {data.totals.map((row) => (
              <Text key={row.currency} mb="sm" style={{ fontSize: 18, fontWeight: 600 }}>
                {row.balance}{' '}
                <span style={{ fontSize: 12, fontWeight: 400 }}>
                  · {row.customers} {t.customers}
                </span>
              </Text>
            ))}
          </Card>
          <SectionCard sectionKey="pendingApprovals" sections={data.sections} t={t} />
          <SectionCard sectionKey="openAlerts" sections={data.sections} t={t} />
        </Box>
        <Box style={{ flex: '2 1 520px' }}>
          <Card title={t.chart} testId="chart">
            <MonthChart months={data.months} t={t} />
          </Card>
          <Card title={t.top} testId="top-customers">
            <table style={{ width: '100%' }}>
              <tbody>
                {data.top.map((row) => (
                  <tr key={`${row.customerId}-${row.balance}`}>
                    <td style={{ padding: 4 }}>
                      <Link href={`/admin/resources/customers/records/${row.customerId}/show`}>
                        {row.code} {row.name}
                      </Link>
                    </td>
                    <td style={{ padding: 4, textAlign: 'right', fontFamily: 'monospace' }}>
                      {row.balance}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {extra.map((s) => (
            <SectionCard
              key={s.key}
              sectionKey={s.key}
              sections={data.sections}
              t={{ ...t, [s.key]: s.title }}
            />
          ))}
        </Box>
      </Box>
    </Box>
  )
}

export default Dashboard
