import type { ExecPackViewModel, SummaryCount } from '#modules/reports/services/exec_pack_builder'
import { amount, renderDocument, type ChartSpec, type RenderedDocument } from '#reports/document'
import { labelsFor, type Labels } from '#reports/labels'
import { t as say } from '#kernel/i18n'
import { changeText } from '#modules/reports/services/exec_pack_extras'

const PALETTE = [
  '#1f4e79',
  '#2e86c1',
  '#48c9b0',
  '#f4d03f',
  '#eb984e',
  '#cb4335',
  '#8e44ad',
  '#7f8c8d',
]

/** A table beside a chart: header, then rows of cells (amount cells are decimal strings). */
interface Table {
  head: string[]
  numeric: boolean[]
  rows: Array<Array<{ text: string; amount: boolean }>>
}

/** The executive pack (template: resources/views/reports/exec_pack.edge). */
export function execPackDocument(vm: ExecPackViewModel): Promise<RenderedDocument> {
  const t = labelsFor(vm.locale)
  const base = vm.company.baseCurrency
  // numbers below exist only to be drawn
  const draw = (values: string[]) => values.map((v) => Number(v))
  const name = (x: { code: string | null; name: string | null }) => x.name ?? t.noProject
  const charts: ChartSpec[] = [
    bar(
      'top-customers',
      vm.topCustomers.map(name),
      draw(vm.topCustomers.map((c) => c.amount)),
      base
    ),
    bar(
      'by-project',
      vm.byProject.map((p) => p.code ?? t.noProject),
      draw(vm.byProject.map((p) => p.amount)),
      base
    ),
    {
      id: 'trend',
      config: {
        type: 'bar',
        data: {
          labels: vm.trend.map((m) => m.month),
          datasets: [
            {
              type: 'line',
              label: t.closing,
              data: draw(vm.trend.map((m) => m.closing)),
              borderColor: PALETTE[5],
              backgroundColor: PALETTE[5],
              yAxisID: 'y',
              pointRadius: 2,
              borderWidth: 1.5,
            },
            {
              label: t.received,
              data: draw(vm.trend.map((m) => m.received)),
              backgroundColor: PALETTE[1],
            },
            {
              label: t.applied,
              data: draw(vm.trend.map((m) => m.applied)),
              backgroundColor: PALETTE[2],
            },
            {
              label: t.refunded,
              data: draw(vm.trend.map((m) => m.refunded)),
              backgroundColor: PALETTE[4],
            },
          ],
        },
        options: {
          plugins: { legend: { position: 'bottom', labels: { boxWidth: 10 } } },
          scales: { y: { beginAtZero: true } },
        },
      },
    },
    {
      id: 'ageing',
      config: {
        type: 'doughnut',
        data: {
          labels: vm.ageing.map((a) => t.ageingBucket[a.bucket]),
          datasets: [
            { data: draw(vm.ageing.map((a) => a.amount)), backgroundColor: PALETTE.slice(1, 5) },
          ],
        },
        options: { plugins: { legend: { position: 'right', labels: { boxWidth: 10 } } } },
      },
    },
  ]
  const k = vm.kpis
  const changes = vm.previous.changes
  // month-on-month under each movement KPI: "环比 增长 12%"
  const change = (key: keyof typeof changes) => {
    const pct = changes[key]
    return {
      change: say(vm.locale, 'exec_pack.changeLine', { change: changeText(vm.locale, pct) }),
      trend: pct === null || pct === 0 ? 'flat' : pct > 0 ? 'up' : 'down',
    }
  }
  const kpis = [
    { label: t.kpiOpening, value: k.opening },
    { label: t.kpiReceived, value: k.received, ...change('received') },
    { label: t.kpiApplied, value: k.applied, ...change('applied') },
    { label: t.kpiRefunded, value: k.refunded, ...change('refunded') },
    { label: t.kpiAdjusted, value: k.adjusted },
    { label: t.kpiClosing, value: k.closing, ...change('closing') },
    // bank credits nobody registered + receipts no bank line shows (银行流水对账)
    { label: t.kpiUnreconciled, value: vm.unreconciledAmount },
    // 对账确认: confirmed share of this period's statements, disputes finance has not resolved
    {
      label: t.kpiConfirmationRate,
      value: vm.confirmations.rate === null ? '—' : `${vm.confirmations.rate}%`,
    },
    { label: t.kpiOpenDisputes, value: String(vm.confirmations.openDisputes) },
    { label: t.kpiFxGain, value: vm.fxGain },
  ]
  const tables = {
    trend: table(
      [t.month, t.received, t.applied, t.refunded, t.closing],
      vm.trend.map((m) => [m.month, m.received, m.applied, m.refunded, m.closing])
    ),
    topCustomers: table(
      [t.customer, t.balance],
      vm.topCustomers.map((c) => [`${c.name} (${c.code})`, c.amount])
    ),
    byProject: table(
      [t.project, t.balance],
      vm.byProject.map((p) => [p.code ? `${p.name} (${p.code})` : t.noProject, p.amount])
    ),
    ageing: table(
      [t.ageing, t.amount],
      vm.ageing.map((a) => [t.ageingBucket[a.bucket], a.amount])
    ),
    alerts: summary(t, vm.alerts),
    pendingApprovals: summary(t, vm.pendingApprovals),
    // the message names the customer and the amounts
    topAlerts: table(
      [say(vm.locale, 'exec_pack.severity'), say(vm.locale, 'exec_pack.message')],
      vm.topAlerts.map((a) => [a.severity, a.message])
    ),
    topApprovals: table(
      [t.kind, t.customer, say(vm.locale, 'exec_pack.requestedBy'), t.amount],
      vm.topApprovals.map((a) => [
        a.action,
        a.customer,
        a.requestedBy,
        a.amount === null ? '—' : `${a.currency ?? ''} ${amount(a.amount)}`.trim(),
      ]),
      [false, false, false, true]
    ),
  }
  return renderDocument('reports/exec_pack', {
    t,
    vm,
    lang: vm.locale,
    title: `${t.execTitle} ${vm.period.from}–${vm.period.to}`,
    charts,
    kpis,
    tables,
    companyName: (vm.locale === 'en' && vm.company.nameEn) || vm.company.name,
    summaryTitle: say(vm.locale, 'exec_pack.summaryTitle'),
    topAlertsTitle: say(vm.locale, 'exec_pack.topAlerts'),
    topApprovalsTitle: say(vm.locale, 'exec_pack.topApprovals'),
  })
}

function bar(id: string, labels: string[], data: number[], currency: string): ChartSpec {
  return {
    id,
    config: {
      type: 'bar',
      data: { labels, datasets: [{ label: currency, data, backgroundColor: PALETTE[0] }] },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true } },
      },
    },
  }
}

/**
 * Cells that are decimal strings (not a YYYY-MM month) print as amounts; a column's head is
 * right-aligned when its cells are amounts or counts.
 */
function table(head: string[], rows: string[][], numeric?: boolean[]): Table {
  const isAmount = (value: string) => /^-?\d+(\.\d+)?$/.test(value) && !/^\d{4}-\d{2}$/.test(value)
  const cells = rows.map((r) => r.map((text) => ({ text, amount: isAmount(text) })))
  return {
    head,
    rows: cells,
    numeric: numeric ?? head.map((_h, i) => i > 0 && cells.some((r) => r[i]?.amount)),
  }
}

function summary(t: Labels, counts: SummaryCount): Table {
  return table(
    [t.kind, t.count],
    [...counts.lines.map((l) => [l.label, String(l.count)]), [t.total, String(counts.total)]]
  )
}
