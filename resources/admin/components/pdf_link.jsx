import React from 'react'
import { ValueGroup } from '@adminjs/design-system'

/**
 * A link to a stored file (the path is the property's value), named by the record's `format`
 * (an export: CSV, XLSX) or its path (a delivery's PDF or XLSX); — when there is none yet.
 */
const PdfLink = ({ record, property, where }) => {
  const href = record.params[property.name]
  const format = record.params.format
  const kind = format ? String(format).toUpperCase() : href?.endsWith('/xlsx') ? 'XLSX' : 'PDF'
  const link = href ? (
    <a href={href} data-testid="pdf-download" target="_blank" rel="noreferrer">
      {kind} ↓
    </a>
  ) : (
    <span>—</span>
  )
  if (where === 'show') return <ValueGroup label={property.label}>{link}</ValueGroup>
  return link
}

export default PdfLink
