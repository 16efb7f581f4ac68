import React, { useState } from 'react'
import { Box, Button, FormGroup, Label, Input, FormMessage, Text } from '@adminjs/design-system'
import { ApiClient } from 'adminjs'
import { Card } from './c360_parts'

const api = new ApiClient()

/** Each one-click action is the panel's own form action (the API's service and approval gate). */
const ACTIONS = {
  receipt: { resourceId: 'receipts', title: 'registerReceipt', fields: ['amount', 'entryDate', 'projectId', 'channel', 'bankReference', 'memo'] },
  application: { resourceId: 'applications', title: 'applyAdvance', fields: ['amount', 'entryDate', 'projectId', 'documentType', 'documentNo', 'memo'] },
  refund: { resourceId: 'refunds', title: 'requestRefund', fields: ['amount', 'entryDate', 'projectId', 'reason', 'memo'] },
}
const FIELD_LABEL = {
  amount: 'fieldAmount', entryDate: 'fieldEntryDate', projectId: 'fieldProject', channel: 'fieldChannel',
  bankReference: 'fieldBankReference', documentType: 'fieldDocumentType', documentNo: 'fieldDocumentNo',
  reason: 'fieldReason', memo: 'fieldMemo',
}
const REQUIRED = ['amount', 'channel', 'documentType', 'documentNo']

const Field = ({ name, value, onChange, error, L, projects, currency }) => {
  const select = (options) => (
    <select name={name} value={value || ''} onChange={(e) => onChange(e.target.value)} style={{ width: '100%', height: 36, border: '1px solid #c0c0ca', borderRadius: 4, padding: '0 8px', background: '#fff' }}>
      {options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
    </select>
  )
  let input
  if (name === 'channel') input = select([['', '—'], ...Object.entries(L.channel)])
  else if (name === 'documentType') input = select([['', '—'], ...Object.entries(L.document)])
  else if (name === 'projectId') {
    input = select([['', L.page.noProject], ...projects.filter((p) => !p.currency || p.currency === currency).map((p) => [String(p.id), `${p.code} ${p.name}`])])
  } else {
    input = (
      <Input
        name={name}
        type={name === 'entryDate' ? 'date' : 'text'}
        inputMode={name === 'amount' ? 'decimal' : undefined}
        value={value || ''}
        onChange={(e) => onChange(e.target.value)}
        style={{ width: '100%' }}
      />
    )
  }
  return (
    <FormGroup error={Boolean(error)} style={{ flex: name === 'memo' || name === 'reason' ? '2 1 260px' : '1 1 160px' }}>
      <Label required={REQUIRED.includes(name)}>{L.page[FIELD_LABEL[name]]}</Label>
      {input}
      <FormMessage data-testid={`c360-error-${name}`}>{error ? error.message : ''}</FormMessage>
    </FormGroup>
  )
}

/**
 * The form of one action, posted to the panel's `new` action of receipts/applications/refunds:
 * the server validates, checks the user's right to this customer, posts or opens an approval
 * request, and answers with field errors or a notice.
 */
export const ActionPanel = ({ kind, customer, currency, projects, L, onDone, onCancel }) => {
  const action = ACTIONS[kind]
  const [values, setValues] = useState({})
  const [errors, setErrors] = useState({})
  const [notice, setNotice] = useState(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event) => {
    event.preventDefault()
    setBusy(true)
    try {
      const data = { ...values, customerId: String(customer.id), currency }
      const response = await api.resourceAction({ resourceId: action.resourceId, actionName: 'new', method: 'post', data })
      const answer = response.data || {}
      setErrors((answer.record && answer.record.errors) || {})
      setNotice(answer.notice || null)
      if (answer.notice && answer.notice.type === 'success') {
        setValues({})
        onDone(answer.notice)
      }
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title={`${L.page[action.title]} · ${customer.code} ${customer.name} · ${currency}`} testId={`c360-form-${kind}`}>
      <form onSubmit={submit}>
        <Box flex flexDirection="row" style={{ gap: 12, flexWrap: 'wrap' }}>
          {action.fields.map((name) => (
            <Field key={name} name={name} value={values[name]} error={errors[name]} L={L} projects={projects} currency={currency}
              onChange={(value) => setValues({ ...values, [name]: value })} />
          ))}
        </Box>
        {notice && notice.type === 'error' && (
          <Text data-testid="c360-form-notice" style={{ color: '#a31515' }} mb="default">{notice.message}</Text>
        )}
        <Box flex flexDirection="row" style={{ gap: 8 }}>
          <Button type="submit" variant="contained" disabled={busy} data-testid="c360-submit">{L.page.submit}</Button>
          <Button type="button" variant="outlined" onClick={onCancel}>{L.page.cancel}</Button>
        </Box>
      </form>
    </Card>
  )
}

/** "Statement PDF now": a period, then the panel's statement route (opens in a new tab). */
export const StatementNow = ({ customerId, L }) => {
  const today = new Date().toISOString().slice(0, 10)
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`)
  const [to, setTo] = useState(today)
  const href = `/admin/customers/${customerId}/statement.pdf?from=${from}&to=${to}`
  return (
    <Box flex flexDirection="row" alignItems="center" style={{ gap: 6 }} data-testid="c360-statement">
      <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={L.page.from} style={{ height: 34 }} />
      <span>–</span>
      <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label={L.page.to} style={{ height: 34 }} />
      <Button as="a" href={href} target="_blank" variant="outlined" size="sm" data-testid="c360-statement-pdf">{L.page.statementPdf}</Button>
    </Box>
  )
}
