import React, { useEffect, useRef, useState } from 'react'
import { FormGroup, FormMessage, Label, SelectAsync } from '@adminjs/design-system'
import { ApiClient, useTranslation } from 'adminjs'

const api = new ApiClient()

/**
 * The project picker of the money forms: only the projects of the customer chosen above (the
 * projects search filtered by customerId), cleared when the customer changes.
 */
const ProjectSelect = ({ property, record, onChange, resource }) => {
  const { translateProperty, translateMessage } = useTranslation()
  const customerId = (record && record.params && record.params.customerId) || ''
  const selectedId = (record && record.params && record.params[property.path]) || ''
  const [selected, setSelected] = useState(null)
  const previous = useRef(customerId)

  useEffect(() => {
    if (previous.current !== customerId) {
      previous.current = customerId
      setSelected(null)
      if (selectedId) onChange(property.path, '')
    }
  }, [customerId])

  const loadOptions = async (text) => {
    if (!customerId) return []
    const response = await api.resourceAction({
      resourceId: 'projects',
      actionName: 'search',
      query: text || undefined,
      params: { 'filters.customerId': customerId },
    })
    return (response.data.records || []).map((r) => ({ value: r.id, label: r.title }))
  }

  const error = record && record.errors && record.errors[property.path]
  const hint = customerId ? undefined : translateMessage('chooseCustomerFirst', resource.id)
  return (
    <FormGroup error={Boolean(error)} data-testid={`property-edit-${property.path}`}>
      <Label htmlFor={property.path}>{translateProperty(property.path, resource.id)}</Label>
      <SelectAsync
        key={customerId || 'none'}
        inputId={property.path}
        cacheOptions={false}
        defaultOptions
        isClearable
        isDisabled={!customerId}
        placeholder={hint}
        loadOptions={loadOptions}
        value={selected}
        onChange={(option) => {
          setSelected(option)
          onChange(property.path, option ? option.value : '')
        }}
      />
      <FormMessage>{error && error.message}</FormMessage>
    </FormGroup>
  )
}

export default ProjectSelect
