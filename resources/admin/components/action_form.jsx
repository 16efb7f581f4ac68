import React, { useState } from 'react'
import { Box, Button, FormGroup, Label, Input, TextArea, FormMessage, Text } from '@adminjs/design-system'
import { ApiClient, useNotice, useTranslation } from 'adminjs'
import { useNavigate } from 'react-router'

const api = new ApiClient()
const cell = { padding: '4px 16px 4px 0', textAlign: 'left', borderBottom: '1px solid #eeeeef' }

/**
 * A small form for record actions that need input (红冲 reason, approve/reject comment…): the fields
 * come from the action's `custom.fields` (a `select` lists the choices in the record's param
 * `field.options`); the server action validates and answers with field errors.
 */
const ActionForm = ({ action, resource, record }) => {
  const fields = (action.custom && action.custom.fields) || []
  const [values, setValues] = useState({})
  const [errors, setErrors] = useState({})
  const [busy, setBusy] = useState(false)
  const addNotice = useNotice()
  const navigate = useNavigate()
  const { translateProperty, translateAction, translateButton } = useTranslation()
  // rows shown above the fields (custom.table: { param, columns }), e.g. the limits as they stand
  const table = action.custom && action.custom.table
  const rows = (table && record.params[table.param]) || []

  const submit = async (event) => {
    event.preventDefault()
    setBusy(true)
    try {
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        method: 'post',
        data: values,
      })
      const data = response.data
      if (data.notice) addNotice(data.notice)
      setErrors((data.record && data.record.errors) || {})
      if (data.redirectUrl && data.notice && data.notice.type !== 'error') navigate(data.redirectUrl)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Box as="form" onSubmit={submit} p="xl" variant="card" data-testid="action-form">
      <Text mb="lg">{record.title}</Text>
      {action.custom && action.custom.summary && (
        <Text mb="lg" data-testid="action-summary" style={{ fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {record.params[action.custom.summary]}
        </Text>
      )}
      {table && rows.length > 0 && (
        <Box mb="xl" data-testid="action-table">
          <Label>{translateProperty(table.param, resource.id)}</Label>
          <table style={{ borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums' }}>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column} style={cell}>{translateProperty(column, resource.id)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, n) => (
                <tr key={n}>
                  {table.columns.map((column) => (
                    <td key={column} style={cell}>{row[column]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Box>
      )}
      {fields.map((field) => {
        const Control = field.type === 'textarea' ? TextArea : Input
        const error = errors[field.name]
        const onChange = (e) => setValues({ ...values, [field.name]: e.target.value })
        return (
          <FormGroup key={field.name} error={Boolean(error)}>
            <Label required={field.required} htmlFor={field.name}>
              {translateProperty(field.name, resource.id)}
            </Label>
            {field.type === 'select' ? (
              <select
                id={field.name}
                name={field.name}
                value={values[field.name] || ''}
                onChange={onChange}
                style={{ width: '100%', height: 40, padding: '0 8px', border: '1px solid #c0c0ca', background: '#fff' }}
              >
                <option value="">—</option>
                {(record.params[field.options] || []).map((option) => (
                  <option key={option.value} value={option.value}>{option.label}</option>
                ))}
              </select>
            ) : (
              <Control
                id={field.name}
                name={field.name}
                type={field.type === 'date' ? 'date' : undefined}
                value={values[field.name] || ''}
                onChange={onChange}
                style={{ width: '100%' }}
              />
            )}
            <FormMessage>{error && error.message}</FormMessage>
          </FormGroup>
        )
      })}
      <Button variant="contained" type="submit" disabled={busy} data-testid="action-submit">
        {translateAction(action.name, resource.id) || translateButton('save')}
      </Button>
    </Box>
  )
}

export default ActionForm
