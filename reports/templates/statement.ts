import type {
  CurrencySection,
  StatementViewModel,
} from '#modules/reports/services/statement_builder'
import { labelsFor, type Labels } from '#reports/templates/labels'
import {
  amount,
  escapeHtml as e,
  page,
  pageFooter,
  type ChartSpec,
} from '#reports/templates/layout'

export interface RenderedDocument {
  html: string
  footerTemplate: string
  title: string
}

/** Customer statement (对账单) from its view model: HTML for the renderer, zh-CN or English. */
export function statementHtml(vm: StatementViewModel): RenderedDocument {
  const t = labelsFor(vm.locale)
  const charts: ChartSpec[] = []
  const sections = vm.sections.map((section, index) => {
    charts.push(balanceChart(`balance-${index}`, section, t))
    return sectionHtml(section, `balance-${index}`, t)
  })
  const title = `${t.statementTitle} ${vm.customer.code} ${vm.period.from}–${vm.period.to}`
  const body = `
  <div class="header">
    <div><div class="company">${e(vm.company.name)}</div><h1>${e(t.statementTitle)}</h1></div>
    <div class="meta">${e(t.period)}${t.colon}${e(vm.period.from)} — ${e(vm.period.to)}<br>
      ${e(t.generatedOn)}${t.colon}${e(vm.generatedOn)} · ${e(t.ledgerPosition)}${t.colon}#${vm.ledgerPosition}</div>
  </div>
  <div class="info">
    <div><b>${e(t.customer)}</b>${e(vm.customer.name)}</div>
    <div><b>${e(t.customerCode)}</b>${e(vm.customer.code)}</div>
    <div><b>${e(t.contact)}</b>${e(vm.customer.contactEmail ?? '—')}</div>
    <div><b>${e(t.currency)}</b>${e(vm.sections.map((s) => s.currency).join(', '))}</div>
  </div>
  ${sections.join('\n')}
  <div class="confirm">
    <h3>${e(t.confirmTitle)}</h3>
    <p>${e(t.confirmText)}</p>
    <p>${vm.sections
      .map(
        (s) =>
          `${e(t.closing)} (${e(s.currency)})${t.colon}<strong>${amount(s.closingBalance)}</strong>`
      )
      .join('　')}</p>
    <div class="boxes"><span>☐ ${e(t.agree)}</span><span>☐ ${e(t.disagree)} <span class="line"></span></span></div>
    <div class="sign">
      <span>${e(t.signature)}${t.colon}<span class="line"></span></span>
      <span>${e(t.signDate)}${t.colon}<span class="line" style="min-width:90px"></span></span>
    </div>
    <div class="sign"><span>${e(t.companySeal)}${t.colon}${e(vm.company.name)}</span></div>
  </div>`
  return {
    html: page(title, vm.locale, body, charts),
    footerTemplate: pageFooter(t),
    title,
  }
}

function sectionHtml(s: CurrencySection, chartId: string, t: Labels): string {
  const rows = s.rows
    .map(
      (r) => `<tr>
        <td class="nowrap">${e(r.date)}</td><td class="nowrap">${e(r.journalNo)}</td>
        <td class="nowrap">${e(t.kinds[r.kind] ?? r.kind)}</td>
        <td>${e(r.projectCode ?? '')}</td>
        <td>${e(r.channel ? (t.channels[r.channel] ?? r.channel) : '')}</td>
        <td>${e(r.documentNo ?? '')}</td>
        <td class="num">${zeroBlank(r.debit)}</td><td class="num">${zeroBlank(r.credit)}</td>
        <td class="num">${amount(r.balance)}</td></tr>`
    )
    .join('')
  const subtotals = s.projectSubtotals
    .map(
      (p) => `<tr><td>${e(p.projectCode ?? t.noProject)}</td><td>${e(p.projectName ?? '')}</td>
        <td class="num">${amount(p.debit)}</td><td class="num">${amount(p.credit)}</td>
        <td class="num">${amount(p.net)}</td></tr>`
    )
    .join('')
  return `
  <h2>${e(t.currency)}${t.colon}${e(s.currency)}</h2>
  <div class="summary">
    <div><span>${e(t.opening)}</span><strong>${amount(s.openingBalance)}</strong></div>
    <div><span>${e(t.totalDebit)}</span><strong>${amount(s.totalDebit)}</strong></div>
    <div><span>${e(t.totalCredit)}</span><strong>${amount(s.totalCredit)}</strong></div>
    <div><span>${e(t.closing)}</span><strong>${amount(s.closingBalance)}</strong></div>
  </div>
  <div class="block"><h3>${e(t.balanceChart)}</h3><div class="chart"><canvas id="${chartId}"></canvas></div></div>
  <table>
    <thead><tr><th>${e(t.date)}</th><th>${e(t.journalNo)}</th><th>${e(t.kind)}</th><th>${e(t.project)}</th>
      <th>${e(t.channel)}</th><th>${e(t.documentNo)}</th><th class="num">${e(t.debit)}</th>
      <th class="num">${e(t.credit)}</th><th class="num">${e(t.balance)}</th></tr></thead>
    <tbody>
      <tr class="strong"><td colspan="8">${e(t.opening)}</td><td class="num">${amount(s.openingBalance)}</td></tr>
      ${rows || `<tr><td colspan="9" class="muted">${e(t.noMovements)}</td></tr>`}
      <tr class="strong"><td colspan="6">${e(t.total)}</td><td class="num">${amount(s.totalDebit)}</td>
        <td class="num">${amount(s.totalCredit)}</td><td></td></tr>
      <tr class="strong"><td colspan="8">${e(t.closing)}</td><td class="num">${amount(s.closingBalance)}</td></tr>
    </tbody>
  </table>
  ${
    s.projectSubtotals.length
      ? `<div class="block"><h3>${e(t.subtotals)}</h3><table>
    <thead><tr><th>${e(t.project)}</th><th></th><th class="num">${e(t.debit)}</th><th class="num">${e(t.credit)}</th><th class="num">${e(t.net)}</th></tr></thead>
    <tbody>${subtotals}</tbody></table></div>`
      : ''
  }`
}

function zeroBlank(value: string): string {
  return /^-?0(\.0+)?$/.test(value) ? '' : amount(value)
}

function balanceChart(id: string, s: CurrencySection, t: Labels): ChartSpec {
  return {
    id,
    config: {
      type: 'line',
      data: {
        labels: s.chart.labels,
        datasets: [
          {
            label: `${t.balance} (${s.currency})`,
            // numbers only for drawing the line
            data: s.chart.values.map((v) => Number(v)),
            stepped: true,
            borderColor: '#1f4e79',
            backgroundColor: 'rgba(31,78,121,0.12)',
            fill: true,
            pointRadius: 2,
            borderWidth: 1.5,
          },
        ],
      },
      options: { plugins: { legend: { display: false } } },
    },
  }
}
