import React from 'react'
import { ValueGroup } from '@adminjs/design-system'
import { useTranslation } from 'adminjs'
import { Badge } from './c360_parts'

/** A coded status as a coloured badge (green done, amber waiting, red trouble), on lists and pages. */
const StatusBadge = ({ property, record, where }) => {
  const { translateProperty } = useTranslation()
  const value = record.params[property.path]
  const option = (property.availableValues || []).find((o) => o.value === value)
  const badge = value ? <Badge value={value} label={option ? option.label : value} testId="status-badge" /> : null
  if (where === 'show') return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{badge}</ValueGroup>
  return badge
}

export default StatusBadge
