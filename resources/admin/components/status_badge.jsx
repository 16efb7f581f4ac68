import React from 'react'
import { ValueGroup } from '@adminjs/design-system'
import { useTranslation } from 'adminjs'
import { Badge } from './c360_parts'

/** A coded status as a coloured badge (green done, amber waiting, red trouble), on lists and pages. */
const StatusBadge = ({ property, record, where }) => {
  const { translateProperty, translateLabel } = useTranslation()
  const value = record.params[property.path]
  // coded values are labelled per language as labels.<property>.<value> (panel/value_labels.ts)
  const label = value ? translateLabel(`${property.path}.${value}`, property.resourceId, { defaultValue: value }) : null
  const badge = value ? <Badge value={value} label={label} testId="status-badge" /> : null
  if (where === 'show') return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{badge}</ValueGroup>
  return badge
}

export default StatusBadge
