import React from 'react'
import { ValueGroup } from '@adminjs/design-system'

/** A link to a stored PDF or XLSX (the path is the property's value); — when there is none yet. */
const PdfLink = ({ record, property, where }) => {
  const href = record.params[property.name]
  const link = href ? (
    <a href={href} data-testid="pdf-download" target="_blank" rel="noreferrer">
      {href.endsWith('/xlsx') ? 'XLSX' : 'PDF'} ↓
    </a>
  ) : (
    <span>—</span>
  )
  if (where === 'show') return <ValueGroup label={property.label}>{link}</ValueGroup>
  return link
}

export default PdfLink
