/**
 * Coded values (kind, status, role…) are labelled "中文 code" — zh-CN first with the code, the
 * labels given with the columns (or the shared ones in resource_helpers). AdminJS shows an option
 * as `labels.<property>.<value>` of the reader's language, so each resource carries those labels
 * per language: zh-CN reads the label as given; English reads its English part ("登记 receipt" →
 * "Receipt", "非预收款 · not a prepayment" → "Not a prepayment"), never the Chinese.
 */
export function englishLabel(label: string): string {
  const english = label.replace(/^[^ -~]+[\s·]*/, '').trim()
  const text = english || label
  return text.charAt(0).toUpperCase() + text.slice(1)
}

type Labels = Record<string, string>

/** AdminJS resource translations holding each coded value's label in both languages. */
export function valueTranslations(
  columns: Array<{ name: string; values: string[]; labels: Labels }>
) {
  const zh: Labels = {}
  const en: Labels = {}
  for (const { name, values, labels } of columns) {
    for (const value of values) {
      const label = labels[value] ?? value
      zh[`${name}.${value}`] = label
      en[`${name}.${value}`] = englishLabel(label)
    }
  }
  return { 'zh-CN': { labels: zh }, 'en': { labels: en } }
}
