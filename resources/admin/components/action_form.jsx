import React, { useState } from 'react'
import { Box, Button, FormGroup, Label, Input, TextArea, FormMessage, Text } from '@adminjs/design-system'
import { ApiClient, useNotice, useTranslation } from 'adminjs'
import { useNavigate } from 'react-router'

const api = new ApiClient()

/**
 * A small form for record actions that need input (红冲 reason, approve/reject comment…): the fields
 * come from the action's `custom.fields`; the server action validates and answers with field errors.
 */
const ActionForm = ({ action, resource, record }) => {
  const fields = (action.custom && action.custom.fields) || []
  const [values, setValues] = useState({})
  const [errors, setErrors] = useState({})
  const [busy, setBusy] = useState(false)
  const addNotice = useNotice()
  const navigate = useNavigate()
  const { translateProperty, translateAction, translateButton } = useTranslation()

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
      {fields.map((field) => {
        const Control = field.type === 'textarea' ? TextArea : Input
        const error = errors[field.name]
        return (
          <FormGroup key={field.name} error={Boolean(error)}>
            <Label required={field.required} htmlFor={field.name}>
              {translateProperty(field.name, resource.id)}
            </Label>
            <Control
              id={field.name}
              name={field.name}
              type={field.type === 'date' ? 'date' : undefined}
              value={values[field.name] || ''}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              style={{ width: '100%' }}
            />
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
