import type {
  CurrencySection,
  StatementViewModel,
} from '#modules/reports/services/statement_builder'
import { amount, renderDocument, type ChartSpec, type RenderedDocument } from '#reports/document'
import { labelsFor, type Labels } from '#reports/labels'

/** Customer statement (对账单) from its view model (template: resources/views/reports/statement.edge). */
export function statementDocument(vm: StatementViewModel): Promise<RenderedDocument> {
  const t = labelsFor(vm.locale)
  const charts = vm.sections.map((section, index) => balanceChart(`balance-${index}`, section, t))
  return renderDocument('reports/statement', {
    t,
    vm,
    lang: vm.locale,
    title: `${t.statementTitle} ${vm.customer.code} ${vm.period.from}–${vm.period.to}`,
    charts,
    zeroBlank,
  })
}

/** A zero debit or credit prints as an empty cell. */
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
