import type { ExecPackViewModel, SummaryCount } from '#modules/reports/services/exec_pack_builder'
import { labelsFor, type Labels } from '#reports/templates/labels'
import {
  amount,
  escapeHtml as e,
  page,
  pageFooter,
  type ChartSpec,
} from '#reports/templates/layout'
import type { RenderedDocument } from '#reports/templates/statement'

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

/** The executive pack: KPIs, charts by customer, project and month, ageing, alerts and approvals. */
export function execPackHtml(vm: ExecPackViewModel): RenderedDocument {
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
        options: { plugins: { legend: { position: 'bottom', labels: { boxWidth: 10 } } } },
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
  const kpi = (label: string, value: string) =>
    `<div><span>${e(label)}</span><strong>${amount(value)}</strong></div>`
  const title = `${t.execTitle} ${vm.period.from}–${vm.period.to}`
  const body = `
  <div class="header">
    <div><div class="company">${e(vm.company.name)}</div><h1>${e(t.execTitle)}</h1></div>
    <div class="meta">${e(t.reportPeriod)}${t.colon}${e(vm.period.from)} — ${e(vm.period.to)}<br>
      ${e(t.generatedOn)}${t.colon}${e(vm.generatedOn)} · ${e(t.ledgerPosition)}${t.colon}#${vm.ledgerPosition}<br>${e(t.inBase(base))}</div>
  </div>
  <div class="kpis">
    ${kpi(t.kpiOpening, k.opening)}${kpi(t.kpiReceived, k.received)}${kpi(t.kpiApplied, k.applied)}
    ${kpi(t.kpiRefunded, k.refunded)}${kpi(t.kpiAdjusted, k.adjusted)}${kpi(t.kpiClosing, k.closing)}
  </div>
  <div class="block"><h2>${e(t.trend)}</h2><div class="chart" style="height:200px"><canvas id="trend"></canvas></div>
    ${table(
      t,
      [t.month, t.received, t.applied, t.refunded, t.closing],
      vm.trend.map((m) => [m.month, m.received, m.applied, m.refunded, m.closing])
    )}</div>
  <div class="block"><h2>${e(t.topCustomers)}</h2>
    <div class="grid2"><div class="chart" style="height:210px"><canvas id="top-customers"></canvas></div>
    ${table(
      t,
      [t.customer, t.balance],
      vm.topCustomers.map((c) => [`${c.name} (${c.code})`, c.amount])
    )}</div></div>
  <div class="block"><h2>${e(t.byProject)}</h2>
    <div class="grid2"><div class="chart" style="height:210px"><canvas id="by-project"></canvas></div>
    ${table(
      t,
      [t.project, t.balance],
      vm.byProject.map((p) => [p.code ? `${p.name} (${p.code})` : t.noProject, p.amount])
    )}</div></div>
  <div class="block"><h2>${e(t.ageing)}</h2>
    <div class="grid2"><div class="chart" style="height:150px"><canvas id="ageing"></canvas></div>
    ${table(
      t,
      [t.ageing, t.amount],
      vm.ageing.map((a) => [t.ageingBucket[a.bucket], a.amount])
    )}</div></div>
  <div class="grid2 block">
    <div><h2>${e(t.alerts)}</h2>${summary(t, vm.alerts)}</div>
    <div><h2>${e(t.pendingApprovals)}</h2>${summary(t, vm.pendingApprovals)}</div>
  </div>`
  return { html: page(title, vm.locale, body, charts), footerTemplate: pageFooter(t), title }
}

function bar(id: string, labels: string[], data: number[], currency: string): ChartSpec {
  return {
    id,
    config: {
      type: 'bar',
      data: { labels, datasets: [{ label: currency, data, backgroundColor: PALETTE[0] }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } },
    },
  }
}

/** A table whose last columns are amounts (decimal strings), right-aligned. */
function table(t: Labels, head: string[], rows: string[][]): string {
  const isAmount = (value: string) => /^-?\d+(\.\d+)?$/.test(value) && !/^\d{4}-\d{2}$/.test(value)
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => (isAmount(c) ? `<td class="num">${amount(c)}</td>` : `<td>${e(c)}</td>`)).join('')}</tr>`
    )
    .join('')
  return `<table><thead><tr>${head.map((h, i) => `<th${i ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead>
    <tbody>${body || `<tr><td colspan="${head.length}" class="muted">${e(t.none)}</td></tr>`}</tbody></table>`
}

function summary(t: Labels, counts: SummaryCount): string {
  return table(
    t,
    [t.kind, t.count],
    [...counts.lines.map((l) => [l.label, String(l.count)]), [t.total, String(counts.total)]]
  )
}
